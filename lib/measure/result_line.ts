/**
 * One line of an eval's `results.jsonl`: the row ({@link resultRow}) and its JSON text
 * ({@link resultLine}), byte for byte `JSON.stringify(row)`, built field by field for speed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { resultLine, resultRow } from "./result_line.ts";
 * const details = { code: "ok", answer: "2", expected: "2", message: "m" };
 * const row = resultRow("a", "Final: 2", { reward: 1, details }, { logprob: -1.5, ref_logprob: -2 });
 * assertEquals([row.kl, resultLine(row)], [0.5, JSON.stringify(row)]);
 * ```
 * @module
 */
import type { LogprobPair } from "./kl_estimate.ts";

/**
 * One line of `results.jsonl`. `position` and `char` appear only for format failures;
 * `logprob`, `ref_logprob` and `kl` (= logprob − ref_logprob, this completion's estimate) only
 * when the completion row carried both log-probabilities (see kl_estimate.ts).
 */
export interface ResultRow {
  id: string;
  reward: 0 | 1;
  /** The scorer's code (a variant instrument may have codes of its own). */
  code: string;
  answer: string | null;
  expected: string | null;
  message: string;
  completion: string | null;
  position?: number;
  char?: string;
  logprob?: number;
  ref_logprob?: number;
  kl?: number;
}

/** The result row of one scored completion (with its log-probabilities, when it has them). */
export function resultRow(
  id: string,
  completion: string,
  r: {
    reward: 0 | 1;
    details: {
      code: string;
      answer: string | null;
      expected: string | null;
      message: string;
      position?: number | null;
      char?: string | null;
    };
  },
  logprobs: LogprobPair | null = null,
): ResultRow {
  const d = r.details;
  const row: ResultRow = {
    id,
    reward: r.reward,
    code: d.code,
    answer: d.answer,
    expected: d.expected,
    message: d.message,
    completion,
  };
  if (typeof d.position === "number" && typeof d.char === "string") {
    row.position = d.position;
    row.char = d.char;
  }
  if (logprobs !== null) {
    row.logprob = logprobs.logprob;
    row.ref_logprob = logprobs.ref_logprob;
    row.kl = logprobs.logprob - logprobs.ref_logprob;
  }
  return row;
}

const quoted = new Map<string, string>();

/** `JSON.stringify(s)`, remembered for the short strings that repeat (codes, characters). */
function quote(s: string): string {
  let q = quoted.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (quoted.size < 4096) quoted.set(s, q);
  }
  return q;
}

const orNull = (s: string | null) => (s === null ? "null" : JSON.stringify(s));

/**
 * One line of `results.jsonl`: exactly `JSON.stringify(row)` (same keys, same order, same
 * escapes), built field by field with the codes quoted once, which is about a quarter faster on
 * millions of rows. tests/measure/eval_test.ts checks the equality.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { resultLine } from "./result_line.ts";
 * const row = { id: "a", reward: 0 as const, code: "x", answer: null, expected: "1", message: "m", completion: "c" };
 * assertEquals(resultLine(row), JSON.stringify(row));
 * ```
 */
export function resultLine(r: ResultRow): string {
  let line = `{"id":${JSON.stringify(r.id)},"reward":${r.reward},"code":${quote(r.code)},` +
    `"answer":${orNull(r.answer)},"expected":${orNull(r.expected)},` +
    `"message":${JSON.stringify(r.message)},` +
    `"completion":${orNull(r.completion)}`;
  if (r.position !== undefined) line += `,"position":${r.position},"char":${quote(r.char!)}`;
  if (r.kl !== undefined) {
    line += `,"logprob":${JSON.stringify(r.logprob)},"ref_logprob":${
      JSON.stringify(r.ref_logprob)
    },"kl":${JSON.stringify(r.kl)}`;
  }
  return line + "}";
}
