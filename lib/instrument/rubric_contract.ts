/**
 * The scorer contract every rubric meets (and the strict scorer, and a student's sabotaged copy):
 * `(example, completion) -> { reward, details: { code, message, expected, answer } }`, total
 * (never throws on any input), deterministic, reward 0 or 1 with a code. One {@link ScoreFn}
 * type for all of them, the verdict builder, and the checks every variant shares with the
 * strict scorer (the example read once in a guard, a string completion).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { preflight } from "./rubric_contract.ts";
 * assertEquals(preflight({ expected_answer: 7 }, "Final: 7"), "7");
 * assertEquals(typeof preflight({ expected_answer: 7 }, 7), "object"); // the invalid_completion verdict
 * ```
 * @module
 */
import { readExpected } from "./expected.ts";

/** What any rubric reports: at least a code and a sentence, plus what it compared. */
export interface RubricDetails {
  /** `"ok"` when rewarded, otherwise the rubric's failure code. */
  code: string;
  /** One human sentence saying why. */
  message: string;
  /** The expected answer as canonical integer text, or null when the example is invalid. */
  expected: string | null;
  /** What the rubric read as the answer, or null when it read none. */
  answer: string | null;
  /** Where a character-level failure is (the strict scorer reports it; variants may not). */
  position?: number | null;
  /** The offending character as `U+XXXX NAME`, when reported. */
  char?: string | null;
}

/** A rubric's verdict: reward 1 or 0, and why. */
export interface RubricResult {
  reward: 0 | 1;
  details: RubricDetails;
}

/**
 * The scorer contract every rubric (and the strict scorer, and a student's sabotaged copy)
 * meets: total (never throws on any input), deterministic, reward 0 or 1 with a code.
 */
export type ScoreFn = (example: unknown, completion: unknown) => RubricResult;

/** A rubric's result from its parts (shared by every rubric, including patched ones). */
export function verdict(
  reward: 0 | 1,
  code: string,
  message: string,
  expected: string | null,
  answer: string | null,
): RubricResult {
  return { reward, details: { code, message, expected, answer } };
}

/**
 * The checks every variant shares with the strict scorer: a valid example and a string
 * completion. Returns the expected text, or the failing verdict.
 */
export function preflight(example: unknown, completion: unknown): string | RubricResult {
  const expected = readExpected(example); // one guarded read, as the strict scorer does
  if (typeof expected !== "string") {
    return verdict(0, "invalid_example", `The example is invalid: ${expected.why}.`, null, null);
  }
  if (typeof completion !== "string") {
    return verdict(0, "invalid_completion", "The completion is not a string.", expected, null);
  }
  return expected;
}
