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
import { sha256File, sha256Text } from "../core/hash.ts";
import { type MeasurementManifest, readManifest } from "../core/manifest.ts";
import { scorerFingerprint } from "../instrument/fingerprint.ts";
import { score } from "../instrument/scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import { type Dataset, loadDataset } from "../measure/dataset.ts";
import { MISSING_COMPLETION } from "../measure/rows.ts";
import type { GateReason } from "./locked_room.ts";
import { readResultRows, type ResultRows } from "./result_rows.ts";
import { type RunProvenance, runProvenance } from "./provenance.ts";

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
  /** Who produced its completions, as far as the gate verified it (provenance.ts). */
  provenance?: RunProvenance | null;
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
function rowFindings(rows: ResultRows, m: MeasurementManifest): GateReason[] {
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
async function rescoreFindings(rows: ResultRows, m: MeasurementManifest, cache: DatasetCache) {
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
  opts: { datasets?: DatasetCache; seed?: number } = {},
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
  let rows: ResultRows | null = null;
  try {
    rows = await readResultRows(join(path, "results.jsonl"));
    run.rewards = rows.rewards;
    run.completions = new Map(rows.ids.map((id, k) => [id, rows!.completions[k]]));
  } catch (e) {
    run.resultsProblem = (e as Error).message;
  }
  const m = run.manifest;
  if (m === null || rows === null) return run;
  const findings = run.findings!;
  const artifacts = await artifactFindings(path, m, rows.sha256);
  findings.push(...artifacts, ...rowFindings(rows, m));
  const rescored = await rescoreFindings(rows, m, opts.datasets ?? new Map());
  // One reason per cause: an edited results.jsonl is named by its hash; its re-score adds nothing.
  if (!artifacts.some((f) => f.message.startsWith("results.jsonl "))) findings.push(...rescored);
  if (!m.golden_gate.passed) {
    findings.push(violation(
      "golden gate",
      `the instrument (${m.scorer_name}) failed its golden gate: the number cannot be trusted`,
    ));
  }
  run.provenance = await runProvenance(rows, m, opts.seed ?? 0);
  findings.push(...run.provenance.findings);
  return run;
}
