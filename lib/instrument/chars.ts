/**
 * Characters outside spec v1's alphabet (printable ASCII and TAB), classified on the failure
 * path only: which code a character earns (`unicode_minus`, `unicode_digit`, …), the sentence
 * that explains it, and its `U+XXXX NAME`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { classify, describe } from "./chars.ts";
 * assertEquals([classify(0x2212), describe(0x2212)], ["unicode_minus", "U+2212 MINUS SIGN"]);
 * ```
 * @module
 */
import { describeChar } from "./unicode_names.ts";
import type { ScoreCode } from "./spec.ts";

/** Dash look-alikes: only ASCII '-' signs an integer. */
const DASHES = new Set([
  0x2010,
  0x2011,
  0x2012,
  0x2013,
  0x2014,
  0x2015,
  0x2212,
  0x2796,
  0xfe58,
  0xfe63,
  0xff0d,
]);
const SUPER_SUB_DIGITS = /[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]/;

/** The code of a character outside printable ASCII and TAB, in the order spec v1 checks them. */
export function classify(cp: number): ScoreCode {
  if (cp < 0x80) return "control_character";
  if (DASHES.has(cp)) return "unicode_minus";
  if (cp >= 0xd800 && cp <= 0xdfff) return "non_ascii_character"; // lone surrogate
  const ch = String.fromCodePoint(cp);
  if (/\p{Nd}/u.test(ch) || SUPER_SUB_DIGITS.test(ch)) return "unicode_digit";
  if (/\p{Zs}/u.test(ch) || cp === 0x2028 || cp === 0x2029 || cp === 0x0085) {
    return "unicode_whitespace";
  }
  if (/\p{Cf}/u.test(ch)) return "invisible_character";
  return "non_ascii_character";
}

/** What each character class means, completing "The line contains a character that …". */
export const CLASS_SENTENCE: Partial<Record<ScoreCode, string>> = {
  control_character: "is an ASCII control character, which spec v1 does not allow",
  unicode_minus: "looks like a minus but is not ASCII '-' (U+002D), the only sign spec v1 accepts",
  unicode_digit: "is a digit outside ASCII; spec v1 accepts only 0-9",
  unicode_whitespace: "is a space outside ASCII; spec v1 only trims ASCII space, tab, CR and LF",
  invisible_character: "is an invisible character hidden in the line",
  non_ascii_character: "is outside ASCII; it may look like an ASCII letter but is not one",
};

const described = new Map<number, string>();

/** {@link describeChar}, memoised: the same few characters fail again and again. */
export function describe(cp: number): string {
  let name = described.get(cp);
  if (name === undefined) {
    name = describeChar(cp);
    if (described.size < 4096) described.set(cp, name);
  }
  return name;
}
