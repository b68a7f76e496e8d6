/**
 * The scorer's verdicts, built in one place: the result shape, a failure that names the
 * offending character and its position, and the fixed sentences of the checks that need no
 * detail. Plain JSON objects only (no classes, no undefined), so results round-trip through
 * `results.jsonl` unchanged.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { charFailure } from "./verdicts.ts";
 * const r = charFailure("Final:\t7", 6, "extra_whitespace", "7", "'Final:' must be followed by one ASCII space, not a tab");
 * assertEquals([r.reward, r.details.position, r.details.char], [0, 6, "U+0009 CHARACTER TABULATION"]);
 * ```
 * @module
 */
import { describe } from "./chars.ts";
import type { ScoreCode, ScoreResult } from "./spec.ts";

/** A verdict from its parts (`details` in the field order `results.jsonl` shows). */
export function result(
  reward: 0 | 1,
  code: ScoreCode,
  message: string,
  expected: string | null,
  answer: string | null,
  lineCount: number,
  position: number | null,
  char: string | null,
): ScoreResult {
  return {
    reward,
    details: { code, message, expected, answer, line_count: lineCount, position, char },
  };
}

/** A failure of the single line at `pos`: the sentence, then the character's name and place. */
export function charFailure(
  s: string,
  pos: number,
  code: ScoreCode,
  expected: string,
  sentence: string,
): ScoreResult {
  const name = describe(s.codePointAt(pos) ?? 0);
  return result(0, code, `${sentence} (${name} at position ${pos}).`, expected, null, 1, pos, name);
}

/** A failure of the single line with no character to name (`position` may still be given). */
export function lineFailure(
  code: ScoreCode,
  message: string,
  expected: string,
  answer: string | null,
  position: number | null,
): ScoreResult {
  return result(0, code, message, expected, answer, 1, position, null);
}

/** The verdict when the example cannot be scored. */
export function invalidExample(why: string): ScoreResult {
  return result(0, "invalid_example", `The example is invalid: ${why}.`, null, null, 0, null, null);
}

/** The verdict when the completion is not a string (`kind` says what it is). */
export function invalidCompletion(expected: string, kind: string): ScoreResult {
  return result(
    0,
    "invalid_completion",
    `The completion must be a string, got ${kind}.`,
    expected,
    null,
    0,
    null,
    null,
  );
}

/** The verdict when nothing is left after trimming. */
export function emptyCompletion(expected: string): ScoreResult {
  return result(
    0,
    "empty_completion",
    "The completion is empty after removing surrounding whitespace.",
    expected,
    null,
    0,
    null,
    null,
  );
}

/** The not_single_line sentence, prebuilt for common line counts. */
const MULTILINE = Array.from({ length: 32 }, (_, k) => multilineMessage(k));
function multilineMessage(lines: number): string {
  return `The completion has ${lines} lines after trimming; spec v1 requires exactly one line ` +
    "'Final: <int>'.";
}

/** The verdict for a completion of `lines` lines. */
export function notSingleLine(expected: string, lines: number): ScoreResult {
  const message = lines < MULTILINE.length ? MULTILINE[lines] : multilineMessage(lines);
  return result(0, "not_single_line", message, expected, null, lines, null, null);
}
