/**
 * The instrument: `score(example, completion) -> { reward, details }` under spec v1.
 *
 * A completion earns reward 1 only when, after removing surrounding whitespace, it is exactly one
 * line `Final: <int>` whose integer equals the example's `expected_answer`. Every 0 carries a
 * stable `code` and a one-sentence `message`; format failures also name the position and the
 * offending character (`U+2212 MINUS SIGN`). The full rules are {@link SPEC_V1} (data, in
 * spec.ts) and MEASUREMENT_RULES.md (prose); tests/instrument/scorer_test.ts pins one test to
 * each rule.
 *
 * `score()` reads as the steps of the spec, each a named function in its own module:
 * 1. read the example once, in a guard (expected.ts), and check the completion is a string;
 * 2. trim surrounding ASCII whitespace (lines.ts);
 * 3. one scan for a line break or a character outside the alphabet (lines.ts, chars.ts);
 * 4. the structure `Final: <int>` (structure.ts);
 * 5. the exact comparison of two canonical decimal texts.
 *
 * Properties the tests hold it to:
 * - total: any JavaScript value in, a result out; it never throws, even on revoked Proxies,
 *   throwing getters or traps, and objects whose `toString`/`valueOf`/`Symbol.toPrimitive` throw;
 * - deterministic: the same input gives a deep-equal result;
 * - exact: integers are compared as canonical decimal text, never through a float;
 * - linear: one left-to-right pass, no backtracking regular expression on the completion.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { score } from "./scorer.ts";
 * const example = { id: "q1", prompt: "Compute 17*19.", expected_answer: 323 };
 * assertEquals(score(example, "Final: 323").reward, 1);
 * assertEquals(score(example, "Final: −323").details.code, "unicode_minus");
 * ```
 * @module
 */
import { clip, describeThrown, describeValue, readExpected } from "./expected.ts";
import { CLASS_SENTENCE, classify } from "./chars.ts";
import { countLines, LINE_BREAK, scan, trimmedEnd, trimmedStart } from "./lines.ts";
import { readAnswer } from "./structure.ts";
import type { ScoreResult } from "./spec.ts";
import {
  charFailure,
  emptyCompletion,
  invalidCompletion,
  invalidExample,
  notSingleLine,
  result,
} from "./verdicts.ts";

export * from "./spec.ts";
export { expectedText, whyInvalid } from "./expected.ts";
export { scorerFingerprint } from "./fingerprint.ts";

/**
 * Scores one completion against one example under spec v1.
 *
 * @param example an object with `expected_answer` (other fields are ignored)
 * @param completion the model's output; anything that is not a string scores 0
 * @returns `{ reward, details }`; never throws
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { score } from "./scorer.ts";
 * const r = score({ expected_answer: "9007199254740993" }, "Final: 9007199254740992");
 * assertEquals([r.reward, r.details.code], [0, "wrong_answer"]);
 * ```
 */
export function score(example: unknown, completion: unknown): ScoreResult {
  // 1. The inputs: the example is read once, in a guard; the completion must be a string.
  const expected = readExpected(example);
  if (typeof expected !== "string") return invalidExample(expected.why);
  if (typeof completion !== "string") return invalidCompletion(expected, kindOf(completion));
  const s = completion;

  // 2. Normalisation: drop surrounding SPACE, TAB, LF, CR. Nothing else is touched.
  const start = trimmedStart(s);
  const end = trimmedEnd(s, start);
  if (start === end) return emptyCompletion(expected);

  // 3. A line break anywhere wins; otherwise the first character outside printable ASCII
  //    (TAB is left to the structure, which names it precisely).
  const bad = scan(s, start, end);
  if (bad === LINE_BREAK) return notSingleLine(expected, countLines(s, start, end));
  if (bad >= 0) {
    const code = classify(s.codePointAt(bad) ?? 0);
    return charFailure(
      s,
      bad,
      code,
      expected,
      `The line contains a character that ${CLASS_SENTENCE[code]}`,
    );
  }

  // 4. Structure: "Final:" SPACE ["-"] DIGITS, nothing else.
  const answer = readAnswer(s, start, end, expected);
  if (typeof answer !== "string") return answer;

  // 5. Exact comparison of canonical decimal texts: no float is ever involved.
  return answer === expected ? correct(expected) : wrongAnswer(expected, answer);
}

/** What a non-string completion is, in words; a value that throws when inspected says so. */
function kindOf(completion: unknown): string {
  try {
    return describeValue(completion);
  } catch (e) {
    return `a value that cannot be inspected (${describeThrown(e)})`;
  }
}

function correct(expected: string): ScoreResult {
  return result(
    1,
    "ok",
    "Correct: the line is 'Final: <int>' and the integer equals the expected answer.",
    expected,
    expected,
    1,
    null,
    null,
  );
}

function wrongAnswer(expected: string, answer: string): ScoreResult {
  return result(
    0,
    "wrong_answer",
    `Well-formed, but the answer ${clip(answer)} is not the expected ${clip(expected)}.`,
    expected,
    answer,
    1,
    null,
    null,
  );
}
