/**
 * The rows of a run's `results.jsonl` as the gate reads them: one row per id, in file order, with
 * what each row says the policy produced (the completion, and for a best-of-N run which sample was
 * chosen and what sample 0 was) and its log-probability when the run had one, so the gate can
 * check the rows against the run's input file and against the policy the run claims
 * (provenance.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readResultRows } from "./result_rows.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, '{"id":"a","reward":1,"code":"ok","completion":"Final: 2"}\n');
 * const rows = await readResultRows(path);
 * assertEquals([rows.ids, rows.completions, rows.rewards.get("a")], [["a"], ["Final: 2"], 1]);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { OrderedIdsHash } from "../core/hash.ts";
import { forEachJsonl } from "../core/jsonl.ts";

/** The rows of results.jsonl, in file order, with an id → reward map for the comparison. */
export interface ResultRows {
  rewards: Map<string, number>;
  ids: string[];
  codes: string[];
  /** The completion each row scored (null: none was given). */
  completions: (string | null)[];
  /** Best-of-N: the index of the chosen sample (null in an eval). */
  chosen: (number | null)[];
  /** Best-of-N: sample 0's completion when the row records it (null otherwise). */
  first: (string | null)[];
  /** log π of the completion when the row records it (null otherwise). */
  logprobs: (number | null)[];
  lines: number[];
  /** SHA-256 of the ids in row order (as the manifest's `results_ids_fingerprint`). */
  order: string;
  sha256: string;
}

const orNull = <T>(v: unknown, ok: (v: unknown) => v is T): T | null => ok(v) ? v : null;
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Reads results.jsonl: one row per id, a reward of 0 or 1, a code, a completion or null.
 *
 * @throws InputError naming the file and line of a malformed or duplicated row
 */
export async function readResultRows(file: string): Promise<ResultRows> {
  const rows: ResultRows = {
    rewards: new Map(),
    ids: [],
    codes: [],
    completions: [],
    chosen: [],
    first: [],
    logprobs: [],
    lines: [],
    order: "",
    sha256: "",
  };
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
    if (rows.rewards.size === rows.rewards.set(id, reward).size) { // already there: a duplicate
      const first = rows.lines[rows.ids.indexOf(id)];
      throw new InputError(
        file,
        line,
        `duplicate id ${JSON.stringify(id)} (first at line ${first})`,
      );
    }
    rows.ids.push(id);
    rows.codes.push(code);
    rows.completions.push(completion as string | null);
    rows.chosen.push(orNull(row!.chosen, isCount));
    rows.first.push(orNull(row!.first_completion, isString));
    rows.logprobs.push(orNull(row!.logprob, isNumber));
    rows.lines.push(line);
    order.add(id);
  }, { allowEmpty: true });
  rows.order = order.digest();
  rows.sha256 = info.sha256;
  return rows;
}
