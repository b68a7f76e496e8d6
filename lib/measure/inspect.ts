/**
 * Loop A, inspection: read a run's `results.jsonl` and group its lines by code, largest group
 * first, with a few examples each, so a student sees what failed and why before trusting the
 * pass rate.
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
import { InputError } from "../core/errors.ts";
import { forEachJsonl } from "../core/jsonl.ts";
import { fileError } from "../core/files.ts";

/** The fields of a result line that inspection uses. */
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

/** Reads and groups a run's results (streaming; keeps at most `keep` rows per group). */
export async function inspectRun(
  runDir: string,
  opts: { onlyFails?: boolean; keep?: number } = {},
): Promise<{ groups: ResultGroup[]; total: number; passes: number }> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(runDir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new InputError(runDir, null, "no such run folder");
    throw fileError(runDir, e);
  }
  if (!stat.isDirectory) throw new InputError(runDir, null, "is not a run folder");
  const path = `${runDir}/results.jsonl`;
  const collector = new GroupCollector(opts);
  let total = 0, passes = 0;
  await forEachJsonl(path, (value, line) => {
    const r = value as InspectedRow;
    if (
      typeof r !== "object" || r === null || typeof r.code !== "string" || typeof r.id !== "string"
    ) {
      throw new InputError(path, line, "not a result line (needs id, code, reward)");
    }
    total++;
    if (r.reward === 1) passes++;
    collector.add(r);
  }, { allowEmpty: true });
  return { groups: collector.groups(), total, passes };
}
