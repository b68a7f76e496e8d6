/**
 * Answer-only correctness: is the answer a completion commits to right, whatever its format?
 * The lessons split RL's gain in strict pass@1 into the part that comes from right answers
 * and the part that comes from writing them in the strict format (lib/learn/lessons.ts).
 *
 * The answer a completion commits to is read from its **last non-empty line** after NFKC
 * folding and with U+2212 MINUS SIGN read as '-': the line must hold exactly one integer, and it
 * is compared, as canonical decimal text, with the expected answer. So `Final: 9`, `final: 9`,
 * `Final:  9`, `Final: 09`, `Final: 9.`, `Final: 9 pears`, `The answer is 9.`, a working line
 * then `Final: 9`, and `Final:` then `9` on the next line all commit to 9; a hedge (`Final: 9 or
 * 10`) commits to no single answer and never counts. Every completion the strict scorer rewards
 * is answer-only correct (its one line is `Final: <int>`), so strict ≤ answer-only on every
 * sample and the difference is the right answers lost to format.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { answerOnly } from "./answer_only.ts";
 * const ex = { expected_answer: -3 };
 * assertEquals(["Final: -3", "Final: \u22123.", "Final: -3 or -2"].map((c) => answerOnly(ex, c)), [true, true, false]);
 * ```
 * @module
 */
import { expectedText } from "../instrument/scorer.ts";

/** The integer a completion commits to (canonical text), or null when it names none or several. */
export function committedAnswer(completion: string): string | null {
  const lines = completion.normalize("NFKC").replace(/\u2212/g, "-").split(/\r\n|\r|\n/)
    .map((l) => l.trim()).filter((l) => l !== "");
  const last = lines[lines.length - 1];
  if (last === undefined) return null;
  const numbers = last.match(/-?\d+/g);
  if (numbers === null || numbers.length !== 1) return null;
  return BigInt(numbers[0]).toString();
}

/**
 * True when the completion commits to exactly one integer and it is the expected answer (see
 * the module doc); false for an example whose expected answer the scorer cannot read.
 */
export function answerOnly(example: unknown, completion: string): boolean {
  const expected = expectedText(example);
  return expected !== null && committedAnswer(completion) === expected;
}
