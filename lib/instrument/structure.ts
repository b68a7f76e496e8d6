/**
 * The structure of the one line: `Final:` SPACE [`-`] DIGITS and nothing else, checked left to
 * right so the first rule that fails names the code (missing_prefix, missing_space,
 * extra_whitespace, missing_integer, plus_sign_disallowed, missing_digits, non_digit_characters,
 * leading_zeros, negative_zero_disallowed).
 *
 * The line has already been trimmed and holds only printable ASCII and TAB (see lines.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readAnswer } from "./structure.ts";
 * assertEquals(readAnswer("Final: -17", 0, 10, "-17"), "-17");
 * const r = readAnswer("Final: +17", 0, 10, "17");
 * assertEquals(typeof r === "string" ? r : r.details.code, "plus_sign_disallowed");
 * ```
 * @module
 */
import { quote } from "./expected.ts";
import type { ScoreResult } from "./spec.ts";
import { charFailure, lineFailure } from "./verdicts.ts";

/** Integers longer than this are delimited natively. */
const LONG = 256;
/** Any character that is not an ASCII digit. */
const NOT_DIGIT = /[^0-9]/g;

/** True when s[start, end) begins with `Final:` (case-sensitive). */
function startsWithFinal(s: string, start: number, end: number): boolean {
  return end - start >= 6 && s.charCodeAt(start) === 70 && s.charCodeAt(start + 1) === 105 &&
    s.charCodeAt(start + 2) === 110 && s.charCodeAt(start + 3) === 97 &&
    s.charCodeAt(start + 4) === 108 && s.charCodeAt(start + 5) === 58;
}

/** Index of the first character at or after `p` in [p, end) that is not an ASCII digit. */
function digitsEnd(s: string, p: number, end: number): number {
  if (end - p > LONG) { // a very long number: find its end natively
    NOT_DIGIT.lastIndex = p;
    const m = NOT_DIGIT.exec(s);
    return m !== null && m.index < end ? m.index : end;
  }
  while (p < end) {
    const c = s.charCodeAt(p);
    if (c < 48 || c > 57) break;
    p++;
  }
  return p;
}

/**
 * Reads the integer of the line s[start, end): its text (sign included) when the line is
 * well-formed, otherwise the failing verdict.
 */
export function readAnswer(
  s: string,
  start: number,
  end: number,
  expected: string,
): string | ScoreResult {
  if (!startsWithFinal(s, start, end)) {
    const head = s.slice(start, Math.min(end, start + 12));
    const hint = s.slice(start, start + 6).toLowerCase() === "final:"
      ? " (the prefix is case-sensitive)"
      : "";
    return lineFailure(
      "missing_prefix",
      `The line must start with 'Final:'${hint}; it starts with ${quote(head)}.`,
      expected,
      null,
      start,
    );
  }
  let p = start + 6;
  if (p === end) {
    return lineFailure(
      "missing_integer",
      "Nothing follows 'Final:'; an integer is required.",
      expected,
      null,
      p,
    );
  }
  let c = s.charCodeAt(p);
  if (c === 9) {
    return charFailure(
      s,
      p,
      "extra_whitespace",
      expected,
      "'Final:' must be followed by one ASCII space, not a tab",
    );
  }
  if (c !== 32) {
    return charFailure(
      s,
      p,
      "missing_space",
      expected,
      "'Final:' must be followed by one ASCII space",
    );
  }
  p++;
  c = s.charCodeAt(p); // p < end: the line was trimmed, so it cannot end in the space
  if (c === 32 || c === 9) {
    return charFailure(
      s,
      p,
      "extra_whitespace",
      expected,
      "Exactly one space must separate 'Final:' from the integer",
    );
  }
  if (c === 43) {
    return charFailure(
      s,
      p,
      "plus_sign_disallowed",
      expected,
      "A '+' sign is not allowed; write the integer without it",
    );
  }
  const signAt = p;
  if (c === 45) p++;
  const digitsAt = p;
  p = digitsEnd(s, p, end);
  if (p === digitsAt) {
    return p === end
      ? lineFailure(
        "missing_digits",
        "The '-' sign is not followed by any digit.",
        expected,
        null,
        p,
      )
      : charFailure(
        s,
        p,
        "missing_digits",
        expected,
        "The integer must start with an ASCII digit (after an optional '-')",
      );
  }
  if (p < end) {
    return charFailure(
      s,
      p,
      "non_digit_characters",
      expected,
      `Only digits may follow; after ${
        quote(s.slice(signAt, p))
      } comes a character that is not a digit`,
    );
  }
  const answer = s.slice(signAt, end);
  if (s.charCodeAt(digitsAt) === 48 && end - digitsAt > 1) {
    return lineFailure(
      "leading_zeros",
      `The integer ${
        quote(answer)
      } has a leading zero; write it without (only '0' itself may start with 0).`,
      expected,
      answer,
      digitsAt,
    );
  }
  if (digitsAt !== signAt && end - digitsAt === 1 && s.charCodeAt(digitsAt) === 48) {
    return lineFailure(
      "negative_zero_disallowed",
      "'-0' is not allowed; zero is written '0'.",
      expected,
      answer,
      signAt,
    );
  }
  return answer;
}
