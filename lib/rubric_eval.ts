/**
 * An eval with another instrument: the same Loop A measurement as lib/eval.ts, but scored by a
 * rubric variant, a patched rubric or a sabotaged copy of the scorer instead of the strict
 * scorer (reads the dataset and completions, writes a run).
 *
 * Its manifest has the eval's shape, so the gate can read it, but it records the instrument that
 * really scored: `scorer_name` is the given name, `scorer_version` is `"variant"` and
 * `scorer_fingerprint` is the SHA-256 of the function's source, with that scorer's golden gate.
 * Comparing such a run with a strict eval is therefore an **instrument change** the gate names
 * (M6's first promotion trap), and the teacher review holds it off-contract (cite it as a
 * scratch run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { runRubricEval } from "./rubric_eval.ts";
 * import { RUBRICS } from "./rubrics.ts";
 * import { dataPath } from "./paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary, manifest } = await runRubricEval({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
 *   scorer: { name: "substring", fn: RUBRICS["substring"] },
 *   outdir: out, args: [],
 * });
 * assertEquals([summary.n, manifest.scorer_name], [120, "substring"]);
 * ```
 * @module
 */
import { openRun } from "./artifacts.ts";
import { completionRow, loadDataset, loadSamplingSettings } from "./dataset.ts";
import { forEachJsonl } from "./jsonl.ts";
import { measurementManifest } from "./manifest.ts";
import { type EvalSummary, MISSING_COMPLETION, sortCounts } from "./eval.ts";
import { goldenGate, goldenGateField } from "./golden.ts";
import { sha256Text } from "./hash.ts";
import { InputError } from "./errors.ts";
import { wilson } from "./stats.ts";
import type { ScoreFn } from "./rubrics.ts";

/** The version every non-strict instrument records: it is not a versioned spec. */
export const VARIANT_VERSION = "variant";

/** What {@link runRubricEval} needs. */
export interface RubricEvalConfig {
  dataset: string;
  completions: string;
  /** The instrument: its honest name and the scoring function. */
  scorer: { name: string; fn: ScoreFn };
  outdir: string;
  /** The arguments recorded in the manifest. */
  args: string[];
}

/**
 * The fingerprint of a scoring function: SHA-256 of its source text, so any edit shows.
 *
 * @example
 * ```ts
 * import { assertNotEquals } from "./testing.ts";
 * import { fnFingerprint } from "./rubric_eval.ts";
 * import { RUBRICS } from "./rubrics.ts";
 * assertNotEquals(fnFingerprint(RUBRICS["substring"]), fnFingerprint(RUBRICS["lenient"]));
 * ```
 */
export function fnFingerprint(fn: ScoreFn): string {
  return sha256Text(fn.toString());
}

/**
 * Scores every example's completion with `cfg.scorer.fn` and writes the run atomically
 * (`manifest.json`, `results.jsonl`, `summary.json`); never overwrites an existing run.
 *
 * @returns the run path, the summary and the manifest
 * @throws InputError on a bad input (an unknown or duplicate id, a malformed row)
 */
export async function runRubricEval(
  cfg: RubricEvalConfig,
): Promise<{ runPath: string; summary: EvalSummary; manifest: Record<string, unknown> }> {
  const dataset = await loadDataset(cfg.dataset);
  const sampling = await loadSamplingSettings(cfg.completions);
  const seen = new Set<string>();
  const rows: Record<string, unknown>[] = new Array(dataset.size);
  const counts = new Map<string, number>();
  let passes = 0;
  const completionsInfo = await forEachJsonl(cfg.completions, (value, line) => {
    const { id, completion } = completionRow(value, cfg.completions, line);
    const i = dataset.indexOf(id);
    if (i < 0) throw new InputError(cfg.completions, line, `id ${JSON.stringify(id)} is unknown`);
    if (seen.has(id)) throw new InputError(cfg.completions, line, `duplicate id ${id}`);
    seen.add(id);
    const r = cfg.scorer.fn({ expected_answer: dataset.expected[i] }, completion);
    passes += r.reward;
    counts.set(r.details.code, (counts.get(r.details.code) ?? 0) + 1);
    rows[i] = {
      id,
      reward: r.reward,
      code: r.details.code,
      answer: r.details.answer,
      expected: r.details.expected,
      message: r.details.message,
      completion,
    };
  });
  let missing = 0;
  dataset.ids.forEach((id, i) => {
    if (rows[i] !== undefined) return;
    missing++;
    counts.set(MISSING_COMPLETION, (counts.get(MISSING_COMPLETION) ?? 0) + 1);
    rows[i] = {
      id,
      reward: 0,
      code: MISSING_COMPLETION,
      answer: null,
      expected: String(dataset.expected[i]),
      message: "No completion was given for this example; it counts as a failure.",
      completion: null,
    };
  });
  const n = dataset.size;
  const summary: EvalSummary = {
    kind: "eval",
    n,
    passes,
    pass_rate: n === 0 ? 0 : passes / n,
    ci95: wilson(passes, n),
    codes: sortCounts(counts),
    missing_completions: missing,
  };
  const manifest = await measurementManifest({
    kind: "eval",
    dataset,
    inputs: { dataset: dataset.info, completions: completionsInfo },
    sampling,
    selectionN: 1,
    command: "runRubricEval (lib/rubric_eval.ts)",
    args: cfg.args,
    extra: {
      scorer_name: cfg.scorer.name,
      scorer_version: VARIANT_VERSION,
      scorer_fingerprint: fnFingerprint(cfg.scorer.fn),
      golden_gate: goldenGateField(goldenGate(cfg.scorer.fn, cfg.scorer.name)),
    },
  });
  const run = await openRun(cfg.outdir, { force: false });
  try {
    await run.writeText("results.jsonl", rows.map((r) => JSON.stringify(r) + "\n").join(""));
    await run.writeJson("manifest.json", manifest);
    await run.writeJson("summary.json", summary);
    return { runPath: await run.commit(), summary, manifest };
  } catch (e) {
    await run.abort();
    throw e;
  }
}
