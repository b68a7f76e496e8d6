/**
 * Reading a run for the gate, and verifying it is the run its manifest describes.
 *
 * The gate compares numbers only when it can trust them, so each run is checked against its own
 * record before any comparison:
 * - the manifest is read by the one typed reader (bounded in size and depth, lib/core/manifest.ts);
 * - every artifact the manifest lists (`results.jsonl`, `summary.json`, …) must still have the
 *   SHA-256 it records, so an edited file is named;
 * - the rows of `results.jsonl` must be exactly the manifest's examples, each once, in the order
 *   the run wrote them (a missing, duplicated or reordered row is named);
 * - when the run's scorer is the current scorer (same name, version and fingerprint), every row's
 *   completion is scored again against the dataset the manifest names, and a reward or code that
 *   differs is named ("results edited, or the instrument is not deterministic"); when it is not,
 *   the gate cannot re-score, and says so;
 * - a scorer that failed its golden gate cannot be trusted.
 *
 * Problems are kept as findings (which the gate turns into REJECT reasons), never thrown; only a
 * folder that does not exist or cannot be read is an {@link InputError} (exit 2).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readRun } from "./run_reading.ts";
 * const dir = await Deno.makeTempDir();
 * const run = await readRun(dir);
 * assertEquals([run.manifest, run.rewards], [null, null]);
 * await Deno.remove(dir);
 * ```
 * @module
 */
import { join } from "node:path";
import { InputError } from "../core/errors.ts";
import { fileError } from "../core/files.ts";
import { OrderedIdsHash, sha256File, sha256Text } from "../core/hash.ts";
import { forEachJsonl } from "../core/jsonl.ts";
import { type MeasurementManifest, readManifest } from "../core/manifest.ts";
import { scorerFingerprint } from "../instrument/fingerprint.ts";
import { score } from "../instrument/scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import { type Dataset, loadDataset } from "../measure/dataset.ts";
import { MISSING_COMPLETION } from "../measure/rows.ts";
import type { GateReason } from "./locked_room.ts";

/** A run as the gate reads it; problems are kept, never thrown, so they become reasons. */
export interface GateRun {
  path: string;
  /** The manifest, or null when it is missing or unusable (see `manifestProblem`). */
  manifest: MeasurementManifest | null;
  manifestProblem: string | null;
  /** id → reward from results.jsonl, or null when unusable (see `resultsProblem`). */
  rewards: Map<string, number> | null;
  resultsProblem: string | null;
  /** id → the completion each row scored (null: none), when the results were read. */
  completions?: Map<string, string | null> | null;
  /** What verification found (artifacts, rows, re-score, golden gate): violations and notes. */
  findings?: GateReason[];
  /** The folder's real path, to tell a run compared with itself. */
  realPath?: string | null;
}

/** Datasets already loaded for re-scoring, by path and SHA-256 (both runs usually share one). */
export type DatasetCache = Map<string, Promise<Dataset>>;

const violation = (check: string, message: string): GateReason => ({
  check,
  severity: "violation",
  knob: "record",
  message,
});

/** The run folder must exist and be readable: anything else is unusable input (exit 2). */
async function checkFolder(path: string): Promise<string> {
  try {
    if (!(await Deno.stat(path)).isDirectory) throw new InputError(path, null, "is not a folder");
    for await (const _ of Deno.readDir(path)) break;
    return await Deno.realPath(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof Deno.errors.NotFound) throw new InputError(path, null, "no such run folder");
    throw fileError(path, e);
  }
}

/** The rows of results.jsonl, in file order, with an id → reward map for the comparison. */
interface Rows {
  rewards: Map<string, number>;
  ids: string[];
  codes: string[];
  completions: (string | null)[];
  lines: number[];
  order: string;
  sha256: string;
}

/** Reads results.jsonl: one row per id, a reward of 0 or 1, a code, a completion or null. */
async function readRows(file: string): Promise<Rows> {
  const rewards = new Map<string, number>();
  const ids: string[] = [], codes: string[] = [], completions: (string | null)[] = [];
  const lines: number[] = [];
  const order = new OrderedIdsHash();
  const info = await forEachJsonl(file, (value, line) => {
    const row = value as Record<string, unknown> | null;
    const id = row?.id, reward = row?.reward, code = row?.code, completion = row?.completion;
    if (
      typeof id !== "string" || (reward !== 0 && reward !== 1) || typeof code !== "string" ||
      (completion !== null && typeof completion !== "string")
    ) {
      throw new InputError(
        file,
        line,
        "a result needs a string 'id', a 'reward' of 0 or 1, a string 'code' and a 'completion'",
      );
    }
    if (rewards.size === rewards.set(id, reward).size) { // already there: a duplicate
      const first = lines[ids.indexOf(id)];
      throw new InputError(
        file,
        line,
        `duplicate id ${JSON.stringify(id)} (first at line ${first})`,
      );
    }
    ids.push(id);
    codes.push(code);
    completions.push(completion as string | null);
    lines.push(line);
    order.add(id);
  }, { allowEmpty: true });
  return { rewards, ids, codes, completions, lines, order: order.digest(), sha256: info.sha256 };
}

/** The artifacts whose SHA-256 no longer matches the manifest, by name, with why. */
async function artifactFindings(path: string, m: MeasurementManifest, resultsSha: string) {
  const out: GateReason[] = [];
  for (const [name, digest] of Object.entries(m.artifacts)) {
    if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) {
      out.push(
        violation(
          "artifacts",
          `the manifest lists an artifact outside the run: ${JSON.stringify(name)}`,
        ),
      );
      continue;
    }
    let sha: string;
    try {
      sha = name === "results.jsonl" ? resultsSha : (await sha256File(join(path, name))).sha256;
    } catch (e) {
      out.push(violation("artifacts", `${name} cannot be checked: ${(e as Error).message}`));
      continue;
    }
    if (sha !== digest.sha256) {
      out.push(violation(
        "artifacts",
        `${name} does not match the SHA-256 its manifest records (${
          digest.sha256.slice(0, 12)
        }… → ` +
          `${sha.slice(0, 12)}…): the file was edited after the run wrote it`,
      ));
    }
  }
  return out;
}

/** Rows against the manifest's examples: count, set and order. */
function rowFindings(rows: Rows, m: MeasurementManifest): GateReason[] {
  const ids = [...rows.ids];
  if (ids.length !== m.n_examples) {
    return [violation(
      "results",
      `results.jsonl holds ${ids.length} row(s) where the manifest records ${m.n_examples} ` +
        `examples: ${ids.length < m.n_examples ? "a row is missing" : "a row was added"}`,
    )];
  }
  if (sha256Text(ids.sort().join("\n")) !== m.example_ids_fingerprint) {
    return [violation("results", "results.jsonl holds other examples than its manifest records")];
  }
  if (rows.order !== m.results_ids_fingerprint) {
    return [
      violation("results", "results.jsonl holds its rows in another order than the run wrote them"),
    ];
  }
  return [];
}

/** Re-scores every row with the current scorer, when the run's scorer is the current one. */
async function rescoreFindings(rows: Rows, m: MeasurementManifest, cache: DatasetCache) {
  const current = m.scorer_name === SCORER_NAME && m.scorer_version === SCORER_VERSION &&
    m.scorer_fingerprint === scorerFingerprint();
  if (!current) {
    return [violation(
      "re-score",
      `cannot re-score: the run was scored by ${m.scorer_name} ${m.scorer_version} ` +
        `(${m.scorer_fingerprint.slice(0, 12)}…), not by the current scorer, so its rewards ` +
        "cannot be checked",
    )];
  }
  const input = m.inputs.dataset;
  const key = `${input.path}\u0000${input.sha256}`;
  if (!cache.has(key)) cache.set(key, loadDataset(input.path));
  let dataset: Dataset;
  try {
    dataset = await cache.get(key)!;
  } catch (e) {
    return [
      violation(
        "re-score",
        `cannot re-score: the dataset it names cannot be read (${(e as Error).message})`,
      ),
    ];
  }
  if (dataset.info.sha256 !== input.sha256 || input.sha256 !== m.dataset_fingerprint) {
    return [
      violation("re-score", `cannot re-score: the dataset ${input.path} changed since the run`),
    ];
  }
  let wrong = 0, first = "";
  for (let k = 0; k < rows.ids.length; k++) {
    const id = rows.ids[k], completion = rows.completions[k];
    const i = dataset.idIs(k, id) ? k : dataset.indexOf(id); // rows follow the dataset, mostly
    if (i < 0) continue; // named by the row check
    let reward = 0, code = MISSING_COMPLETION;
    if (completion !== null) {
      const r = score({ expected_answer: dataset.expectedAt(i) }, completion);
      [reward, code] = [r.reward, r.details.code];
    }
    if (reward !== rows.rewards.get(id) || code !== rows.codes[k]) {
      if (wrong++ === 0) {
        first =
          `${JSON.stringify(id)} records reward ${rows.rewards.get(id)} (${rows.codes[k]}), ` +
          `re-scored ${reward} (${code})`;
      }
    }
  }
  return wrong === 0 ? [] : [violation(
    "re-score",
    `${wrong} row(s) differ from a re-score with the current scorer, the first ${first}: ` +
      "results edited, or the instrument is not deterministic",
  )];
}

/**
 * Reads and verifies a run folder for the gate (see the module doc).
 *
 * @param path the run folder
 * @param opts `datasets`: a cache shared by the runs of one comparison
 * @throws InputError only when the folder does not exist, is not a folder or cannot be read
 */
export async function readRun(
  path: string,
  opts: { datasets?: DatasetCache } = {},
): Promise<GateRun> {
  const realPath = await checkFolder(path);
  const run: GateRun = {
    path,
    manifest: null,
    manifestProblem: null,
    rewards: null,
    resultsProblem: null,
    completions: null,
    findings: [],
    realPath,
  };
  const parsed = await readManifest(path);
  if (parsed.ok) run.manifest = parsed.manifest;
  else run.manifestProblem = parsed.problem;
  let rows: Rows | null = null;
  try {
    rows = await readRows(join(path, "results.jsonl"));
    run.rewards = rows.rewards;
    run.completions = new Map(rows.ids.map((id, k) => [id, rows!.completions[k]]));
  } catch (e) {
    run.resultsProblem = (e as Error).message;
  }
  const m = run.manifest;
  if (m === null || rows === null) return run;
  const findings = run.findings!;
  findings.push(...await artifactFindings(path, m, rows.sha256));
  findings.push(...rowFindings(rows, m));
  findings.push(...await rescoreFindings(rows, m, opts.datasets ?? new Map()));
  if (!m.golden_gate.passed) {
    findings.push(violation(
      "golden gate",
      `the instrument (${m.scorer_name}) failed its golden gate: the number cannot be trusted`,
    ));
  }
  return run;
}
