/**
 * Spec v1 of the strict scorer as data and types: its name and version, every code it can
 * return, the shape of its result, and the rules in the order they are checked. The prose
 * version is MEASUREMENT_RULES.md; tests/instrument/scorer_test.ts pins one test to each rule.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { SCORE_CODES, SPEC_V1 } from "./spec.ts";
 * assertEquals(SPEC_V1.rules.length, SCORE_CODES.length - 1); // every code but "ok" has a rule
 * ```
 * @module
 */

/** The scorer's name: recorded in every manifest, compared by the gate. */
export const SCORER_NAME = "final-int-strict";

/**
 * The scorer's version. Bump it with every change of behaviour; the gate treats a changed
 * {@link scorerFingerprint} under the same version as an unversioned change of the instrument.
 */
export const SCORER_VERSION = "1.0.0";

/** Every code the scorer can return, in the order the checks run. */
export const SCORE_CODES = [
  "ok",
  "invalid_example",
  "invalid_completion",
  "empty_completion",
  "not_single_line",
  "control_character",
  "unicode_minus",
  "unicode_digit",
  "unicode_whitespace",
  "invisible_character",
  "non_ascii_character",
  "missing_prefix",
  "missing_space",
  "extra_whitespace",
  "missing_integer",
  "plus_sign_disallowed",
  "missing_digits",
  "non_digit_characters",
  "leading_zeros",
  "negative_zero_disallowed",
  "wrong_answer",
] as const;

/** One of {@link SCORE_CODES}. */
export type ScoreCode = typeof SCORE_CODES[number];

/** What the scorer saw and decided. Plain JSON: no classes, no undefined. */
export interface ScoreDetails {
  /** `"ok"` when rewarded, otherwise the failure code (stable across versions). */
  code: ScoreCode;
  /** One human sentence saying why. */
  message: string;
  /** The expected answer as canonical integer text, or null when the example is invalid. */
  expected: string | null;
  /** The integer text found after `Final: `, or null when parsing stopped before it. */
  answer: string | null;
  /** Lines in the completion after trimming (0 when empty or not a string). */
  line_count: number;
  /** 0-based index (UTF-16 code units) of the offending character in the original completion. */
  position: number | null;
  /** The offending character as `U+XXXX NAME`, or null. */
  char: string | null;
}

/** The scorer's verdict: reward 1 or 0, and why. */
export interface ScoreResult {
  reward: 0 | 1;
  details: ScoreDetails;
}

/** A rule of spec v1: its code and what it says. */
export interface SpecRule {
  code: ScoreCode;
  rule: string;
}

/**
 * Spec v1 as data: what is whitespace, what is a line break, and the rules in the order they
 * are checked (the first rule that fails names the code).
 */
export const SPEC_V1 = {
  name: SCORER_NAME,
  version: SCORER_VERSION,
  format: "Final: <int>",
  /** Removed from both ends of the completion, and nowhere else. Nothing else is normalised. */
  surrounding_whitespace: [
    "U+0020 SPACE",
    "U+0009 CHARACTER TABULATION",
    "U+000A LINE FEED",
    "U+000D CARRIAGE RETURN",
  ],
  /** Inside the trimmed completion these split lines (CR LF counts as one break). */
  line_breaks: ["U+000A LINE FEED", "U+000D CARRIAGE RETURN"],
  rules: [
    {
      code: "invalid_example",
      rule: "expected_answer is a JSON integer in the safe range (|n| <= 2^53 - 1, not -0) or a " +
        "canonical integer string (ASCII digits, optional leading '-', no leading zeros, no '-0'); " +
        "anything else is never coerced",
    },
    { code: "invalid_completion", rule: "the completion is a string" },
    { code: "empty_completion", rule: "something remains after removing surrounding whitespace" },
    { code: "not_single_line", rule: "the trimmed completion contains no line break" },
    {
      code: "control_character",
      rule: "no ASCII control character (U+0000 to U+001F except TAB, and U+007F) appears",
    },
    {
      code: "unicode_minus",
      rule: "no dash look-alike (U+2212 MINUS SIGN, U+2010 to U+2015, U+FE58, U+FE63, U+FF0D, " +
        "U+2796) appears: only ASCII '-' signs the integer",
    },
    {
      code: "unicode_digit",
      rule: "no digit outside ASCII appears (Arabic-Indic, full-width, superscript, subscript…)",
    },
    {
      code: "unicode_whitespace",
      rule: "no space outside ASCII appears (NO-BREAK SPACE, THIN SPACE, LINE SEPARATOR…)",
    },
    {
      code: "invisible_character",
      rule: "no invisible formatting character appears (ZERO WIDTH SPACE, WORD JOINER, BOM…)",
    },
    { code: "non_ascii_character", rule: "no other character outside ASCII appears" },
    { code: "missing_prefix", rule: "the line starts with 'Final:' (case-sensitive)" },
    { code: "missing_space", rule: "'Final:' is followed by one ASCII space" },
    {
      code: "extra_whitespace",
      rule: "exactly one ASCII space separates 'Final:' from the integer (no tab, no second space)",
    },
    { code: "missing_integer", rule: "something follows 'Final: '" },
    { code: "plus_sign_disallowed", rule: "the integer has no '+' sign" },
    {
      code: "missing_digits",
      rule: "the integer starts with an ASCII digit, or '-' followed by an ASCII digit",
    },
    {
      code: "non_digit_characters",
      rule: "nothing but ASCII digits follows the sign: no '.', ',', '_', exponent, unit or word",
    },
    { code: "leading_zeros", rule: "the integer has no leading zero (except '0' itself)" },
    { code: "negative_zero_disallowed", rule: "the integer is not '-0'" },
    {
      code: "wrong_answer",
      rule: "the integer equals expected_answer, compared exactly as decimal text",
    },
  ] satisfies SpecRule[],
} as const;
