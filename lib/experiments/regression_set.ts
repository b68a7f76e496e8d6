/**
 * M5's regression set as an experiment (writes a run): the sealed golden exploit set extended by
 * the student's confirmed exploits, written through the one run writer: `exploits.jsonl` (the
 * sealed rows, then the new ones; ASCII JSONL, hidden characters escaped) and `added.jsonl` (the
 * new ones), with the sealed file's fingerprint as `dataset_fingerprint`, the strict scorer's
 * identity and the ids added in the manifest. The sealed file is never touched.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { writeRegressionSet } from "./regression_set.ts";
 * const outdir = `${await Deno.makeTempDir()}/regression`;
 * const added = [{ id: "m5-x", expected_answer: 3, completion: "Final: 3 ", expected_code: "trailing_whitespace", rule: "R4" }];
 * const { exploits } = await writeRegressionSet(added, { outdir });
 * assertEquals(exploits[exploits.length - 1].id, "m5-x");
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import { dataPath } from "../core/paths.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { writeRun } from "../core/write_run.ts";
import { asciiJson } from "../datagen/datagen.ts";
import { GOLDEN_FILES, loadGoldenSets } from "../instrument/golden.ts";
import type { GoldenCase } from "../instrument/golden_sets.ts";
import { instrumentFields } from "../instrument/instrument.ts";

/**
 * Writes the sealed golden exploit set extended by `cases` (see the module doc).
 *
 * @param cases the regression cases to add; an id that the sealed set already has is refused
 * @param run where the run goes (default a fresh `runs/regression-set_<UTC time>`)
 * @returns the run's path and the full extended list
 * @throws RangeError on a duplicate id; InputError when the folder is taken
 */
export async function writeRegressionSet(
  cases: readonly GoldenCase[],
  run: RunOptions = {},
): Promise<{ runPath: string; exploits: GoldenCase[] }> {
  const sealed = loadGoldenSets();
  const ids = new Set(sealed.exploits.map((c) => c.id));
  for (const c of cases) {
    if (ids.has(c.id)) throw new RangeError(`regression case id ${c.id} is already taken`);
    ids.add(c.id);
  }
  const exploits = [...sealed.exploits, ...cases];
  const jsonl = (rows: readonly GoldenCase[]) => rows.map((c) => asciiJson(c) + "\n").join("");
  const w = runWriting(run, "writeRegressionSet()");
  const { path } = await writeRun(await runFolder(run, "regression-set"), {
    header: { kind: "regression-set", command: w.command, args: w.args, seed: null },
    settings: {
      base: `data/${GOLDEN_FILES.exploits}`,
      base_path: dataPath(GOLDEN_FILES.exploits),
      dataset_fingerprint: sealed.sha256.exploits,
      ...instrumentFields(),
      n_sealed: sealed.exploits.length,
      added: cases.map((c) => c.id),
      exploits_sha256: sha256Text(jsonl(exploits)),
    },
    files: [
      { name: "exploits.jsonl", content: jsonl(exploits) },
      { name: "added.jsonl", content: jsonl(cases) },
    ],
  }, { force: w.force });
  return { runPath: path, exploits };
}
