/**
 * M5's patch: the substring rubric ("contains the expected number") repaired against answer
 * laundering, and honest about what it still lets through.
 *
 * The hole. `substringRubric` pays when the expected text appears anywhere, so a completion can
 * list several numbers (`Final: 322 or 323 or 324`), or hold the answer inside a larger number
 * (`Final: 3230` for 323, `Final: -17` for 17). The patch reads **whole integers**
 * (`/-?\d+/g`, so `3230` is one number and `-17` keeps its sign) and pays only when the
 * completion commits to **exactly one** integer and it equals the expected answer.
 *
 * The trade-off, stated so the Red Team Report can quote it: the patch closes laundering and the
 * answer-inside-a-number hacks, but it still pays prose around one correct number
 * (`The answer is 323.`) and formatting the strict scorer refuses (`Final:  323`), so against
 * the strict scorer it keeps false positives of the prose and format classes. It refuses nothing
 * the strict scorer pays (one integer, equal: no new false negatives).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { patchedSubstringRubric } from "./patch.ts";
 * const ex = { expected_answer: 323 };
 * assertEquals(patchedSubstringRubric(ex, "Final: 322 or 323").details.code, "several_numbers");
 * assertEquals(patchedSubstringRubric(ex, "Final: 323").reward, 1);
 * ```
 * @module
 */
import { preflight, verdict } from "./rubrics.ts";
import { type RubricResult } from "./rubric_contract.ts";

/** Whole ASCII integers with an optional '-' sign: what the patch counts as a number. */
export const WHOLE_INTEGER = /-?\d+/g;

/**
 * The patched substring rubric: reward 1 only when the completion holds exactly one whole
 * integer (as `/-?\d+/g` reads it) and its canonical text equals the expected answer. Codes:
 * `invalid_example`, `invalid_completion`, `no_number`, `several_numbers`, `wrong_answer`, `ok`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { patchedSubstringRubric } from "./patch.ts";
 * assertEquals(patchedSubstringRubric({ expected_answer: 17 }, "Final: -17").details.code, "wrong_answer");
 * assertEquals(patchedSubstringRubric({ expected_answer: 323 }, "The answer is 323.").reward, 1);
 * ```
 */
export function patchedSubstringRubric(example: unknown, completion: unknown): RubricResult {
  const expected = preflight(example, completion);
  if (typeof expected !== "string") return expected;
  const text = completion as string;
  const numbers = text.match(WHOLE_INTEGER) ?? [];
  if (numbers.length === 0) {
    return verdict(0, "no_number", "The completion holds no integer.", expected, null);
  }
  if (numbers.length > 1) {
    return verdict(
      0,
      "several_numbers",
      `The completion holds ${numbers.length} integers; it must commit to exactly one.`,
      expected,
      null,
    );
  }
  const answer = BigInt(numbers[0] as string).toString();
  return answer === expected
    ? verdict(1, "ok", `The one integer is ${answer}, as expected.`, expected, answer)
    : verdict(
      0,
      "wrong_answer",
      `The one integer is ${answer}, not ${expected}.`,
      expected,
      answer,
    );
}
