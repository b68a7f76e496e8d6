/**
 * Loop A, inspection: read a run's `results.jsonl` and group its lines by code, largest group
 * first, with a few examples each, so a student sees what failed and why before trusting the
 * pass rate. Also: one row in full ({@link findRow}), the prompts a selection rescued, and
 * whether the run was scored by another scorer than today's ({@link scorerDrift}).
 *
 * A run is named by its folder or by its `results.jsonl` ({@link openResults}); its manifest, when
 * it has one, says what kind of run it is: inspection reads eval and select runs, and says so for
 * any other kind instead of "no such file".
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { groupResults } from "./inspect.ts";
 * const groups = groupResults([
 *   { id: "a", reward: 0, code: "wrong_answer", message: "m", completion: "Final: 1" },
 *   { id: "b", reward: 1, code: "ok", message: "m", completion: "Final: 2" },
 *   { id: "c", reward: 0, code: "wrong_answer", message: "m", completion: "Final: 3" },
 * ], { onlyFails: true });
 * assertEquals(groups.map((g) => [g.code, g.count]), [["wrong_answer", 2]]);
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.ts";
import { forEachJsonl } from "../core/jsonl.ts";
import { fileError } from "../core/files.ts";
import { readRunManifest, RUN_KINDS } from "../core/manifest.ts";
import { scorerFingerprint } from "../instrument/fingerprint.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";

/** The fields of a result line that inspection uses (select rows add the selection's fields). */
export interface InspectedRow {
  id: string;
  reward: number;
  code: string;
  message: string;
  completion: string | null;
  answer?: string | null;
  expected?: string | null;
  position?: number;
  char?: string;
  /** Select runs: the chosen index, and sample 0's text and code when another was chosen. */
  chosen?: number;
  rescued?: boolean;
  first_completion?: string;
  first_code?: string;
}

/** One group: a code, how many lines carry it, and the lines (in file order). */
export interface ResultGroup {
  code: string;
  count: number;
  rows: InspectedRow[];
}

/** Collects rows into groups one at a time (so a file can be streamed through it). */
export class GroupCollector {
  #groups = new Map<string, ResultGroup>();
  constructor(private readonly opts: { onlyFails?: boolean; keep?: number } = {}) {}
  /** Adds one row (skipped when `onlyFails` and the row was rewarded). */
  add(row: InspectedRow): void {
    if (this.opts.onlyFails && row.reward === 1) return;
    let g = this.#groups.get(row.code);
    if (g === undefined) this.#groups.set(row.code, g = { code: row.code, count: 0, rows: [] });
    g.count++;
    if (g.rows.length < (this.opts.keep ?? Infinity)) g.rows.push(row);
  }
  /** The groups, largest first (ties by code name). */
  groups(): ResultGroup[] {
    return [...this.#groups.values()].sort((a, b) =>
      b.count - a.count || (a.code < b.code ? -1 : 1)
    );
  }
}

/**
 * Groups result rows by code, largest group first (ties by code name).
 *
 * @param rows result lines
 * @param opts `onlyFails` drops rewarded lines; `keep` caps the rows kept per group
 */
export function groupResults(
  rows: Iterable<InspectedRow>,
  opts: { onlyFails?: boolean; keep?: number } = {},
): ResultGroup[] {
  const collector = new GroupCollector(opts);
  for (const row of rows) collector.add(row);
  return collector.groups();
}

/** The scorer a manifest records. */
export interface ScorerIdentity {
  name: string;
  version: string;
  fingerprint: string;
}

/** Where a run's results are, and what its manifest says of it (null: no usable manifest). */
export interface ResultsSource {
  /** The `results.jsonl` read. */
  resultsPath: string;
  /** `eval` or `select`, or null when the folder has no usable manifest. */
  kind: "eval" | "select" | null;
  scorer: ScorerIdentity | null;
}

/**
 * Finds a run's results from a run folder or a `results.jsonl` path, and reads what its manifest
 * (beside the results) says: the kind of run and its scorer.
 *
 * @throws InputError when the path does not exist, when its manifest names a kind of run that has
 *   no results to inspect (a bandit, mdp, kl, rl… run: "inspect reads eval and select runs"), or
 *   when a folder without a manifest has no results.jsonl
 */
export async function openResults(path: string): Promise<ResultsSource> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new InputError(path, null, "no such run folder or results file");
    }
    throw fileError(path, e);
  }
  const runDir = stat.isDirectory ? path : dirname(path);
  const resultsPath = stat.isDirectory ? join(path, "results.jsonl") : path;
  const read = stat.isDirectory || basename(path) === "results.jsonl"
    ? await readRunManifest(runDir)
    : { ok: false as const, problem: "a results file of another name" };
  const m = read.ok ? read.value : null;
  if (
    m !== null && typeof m.kind === "string" && !(RUN_KINDS as readonly string[]).includes(m.kind)
  ) {
    throw new InputError(
      path,
      null,
      `is a ${m.kind.slice(0, 40)} run: inspect reads eval and select runs (their results.jsonl)`,
    );
  }
  if (m === null && stat.isDirectory && !(await exists(resultsPath))) {
    throw new InputError(
      path,
      null,
      "has no manifest.json and no results.jsonl: inspect reads eval and select runs",
    );
  }
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const [name, version, fingerprint] = [m?.scorer_name, m?.scorer_version, m?.scorer_fingerprint]
    .map(str);
  return {
    resultsPath,
    kind: m?.kind === "eval" || m?.kind === "select" ? m.kind : null,
    scorer: name !== null && version !== null && fingerprint !== null
      ? { name, version, fingerprint }
      : null,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The current scorer and the run's, when they differ in version or fingerprint (the run's codes
 * and messages are then not what the scorer would say today), or null when they agree or the run
 * records no scorer.
 */
export function scorerDrift(
  run: ScorerIdentity | null,
): { run: ScorerIdentity; current: ScorerIdentity } | null {
  const current = { name: SCORER_NAME, version: SCORER_VERSION, fingerprint: scorerFingerprint() };
  if (run === null) return null;
  return run.version === current.version && run.fingerprint === current.fingerprint
    ? null
    : { run, current };
}

/** What inspecting a run found. */
export interface Inspection {
  groups: ResultGroup[];
  total: number;
  passes: number;
  source: ResultsSource;
  /** Select runs: how many prompts selection rescued, and the first `keep` of them. */
  rescued: { count: number; rows: InspectedRow[] } | null;
}

/**
 * Reads and groups a run's results (streaming; keeps at most `keep` rows per group, and of a
 * selection run the first `keep` rescued prompts).
 *
 * @param run a run folder or its `results.jsonl` (see {@link openResults}), or the results opened
 */
export async function inspectRun(
  run: string | ResultsSource,
  opts: { onlyFails?: boolean; keep?: number } = {},
): Promise<Inspection> {
  const source = typeof run === "string" ? await openResults(run) : run;
  const collector = new GroupCollector(opts);
  let total = 0, passes = 0;
  const rescued = source.kind === "select" ? { count: 0, rows: [] as InspectedRow[] } : null;
  await forEachResult(source.resultsPath, (r) => {
    total++;
    if (r.reward === 1) passes++;
    collector.add(r);
    if (rescued !== null && r.rescued === true && rescued.count++ < (opts.keep ?? Infinity)) {
      rescued.rows.push(r);
    }
  });
  return { groups: collector.groups(), total, passes, source, rescued };
}

/**
 * One row of a run in full, every field as written, with its line; the id must be in the file.
 *
 * @throws InputError naming the results file when no row has this id
 */
export async function findRow(
  source: ResultsSource,
  id: string,
): Promise<{ row: Record<string, unknown>; line: number }> {
  const hits: { row: Record<string, unknown>; line: number }[] = [];
  await forEachResult(source.resultsPath, (r, line) => {
    if (hits.length === 0 && r.id === id) hits.push({ row: { ...r }, line });
  });
  if (hits.length === 0) {
    throw new InputError(source.resultsPath, null, `has no row with id ${JSON.stringify(id)}`);
  }
  return hits[0];
}

/** Streams result lines, each checked to be a result line (id, code, reward). */
async function forEachResult(
  path: string,
  onRow: (row: InspectedRow, line: number) => void,
): Promise<void> {
  await forEachJsonl(path, (value, line) => {
    const r = value as InspectedRow;
    if (
      typeof r !== "object" || r === null || typeof r.code !== "string" || typeof r.id !== "string"
    ) {
      throw new InputError(path, line, "not a result line (needs id, code, reward)");
    }
    onRow(r, line);
  }, { allowEmpty: true });
}
