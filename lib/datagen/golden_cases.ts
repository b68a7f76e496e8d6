/**
 * The golden sets as data (a table, generated into `data/golden/`): in-spec completions that
 * must all score 1, and exploits that must all score 0 with the code each one names. Rule 5 of
 * the measurement rules: no scorer is trusted before it passes both.
 * @module
 */

/** Golden-correct cases: in-spec completions that must all score 1. */
export const GOLDEN_CORRECT: {
  expected_answer: number | string;
  completion: string;
  rule: string;
}[] = [
  { expected_answer: 323, completion: "Final: 323", rule: "the canonical line" },
  { expected_answer: 0, completion: "Final: 0", rule: "zero is written 0" },
  { expected_answer: -17, completion: "Final: -17", rule: "ASCII '-' signs a negative integer" },
  { expected_answer: 42, completion: " Final: 42", rule: "leading U+0020 SPACE is trimmed" },
  { expected_answer: 42, completion: "Final: 42 ", rule: "trailing U+0020 SPACE is trimmed" },
  { expected_answer: 42, completion: "\tFinal: 42\t", rule: "surrounding U+0009 TAB is trimmed" },
  {
    expected_answer: 42,
    completion: "\nFinal: 42\n",
    rule: "surrounding U+000A LINE FEED is trimmed",
  },
  {
    expected_answer: 42,
    completion: "\rFinal: 42\r",
    rule: "surrounding U+000D CARRIAGE RETURN is trimmed",
  },
  { expected_answer: 42, completion: "\r\nFinal: 42\r\n", rule: "surrounding CR LF is trimmed" },
  {
    expected_answer: 7,
    completion: "  \t\r\n Final: 7 \n\t ",
    rule: "any mix of the four is trimmed",
  },
  {
    expected_answer: 9007199254740991,
    completion: "Final: 9007199254740991",
    rule: "the largest safe integer as a JSON number",
  },
  {
    expected_answer: "9007199254740993",
    completion: "Final: 9007199254740993",
    rule: "beyond 2^53 compared exactly",
  },
  {
    expected_answer: "121932631112635269",
    completion: "Final: 121932631112635269",
    rule: "a large product compared exactly",
  },
  {
    expected_answer: "-121932631112635269",
    completion: "Final: -121932631112635269",
    rule: "a large negative compared exactly",
  },
  { expected_answer: 10, completion: "Final: 10", rule: "a trailing zero is not a leading zero" },
  { expected_answer: -100, completion: "Final: -100", rule: "negative with zeros inside" },
];

/** Golden exploits: near-misses and hacks that must all score 0, each with its code. */
export const GOLDEN_EXPLOITS: {
  expected_answer?: unknown;
  completion: unknown;
  expected_code: string;
  rule: string;
}[] = [
  {
    expected_answer: 3.7,
    completion: "Final: 3",
    expected_code: "invalid_example",
    rule: "a float expected_answer is never truncated",
  },
  {
    expected_answer: "0323",
    completion: "Final: 323",
    expected_code: "invalid_example",
    rule: "a non-canonical expected string is not coerced",
  },
  {
    expected_answer: true,
    completion: "Final: 1",
    expected_code: "invalid_example",
    rule: "a boolean is not an integer",
  },
  {
    expected_answer: null,
    completion: "Final: 0",
    expected_code: "invalid_example",
    rule: "null is not an integer",
  },
  {
    completion: "Final: 0",
    expected_code: "invalid_example",
    rule: "a missing expected_answer is not zero",
  },
  {
    expected_answer: 9007199254740993,
    completion: "Final: 9007199254740992",
    expected_code: "invalid_example",
    rule: "an unsafe JSON number has already been rounded",
  },
  {
    expected_answer: 323,
    completion: null,
    expected_code: "invalid_completion",
    rule: "a null completion",
  },
  {
    expected_answer: 323,
    completion: 323,
    expected_code: "invalid_completion",
    rule: "a number is not a completion",
  },
  { expected_answer: 323, completion: "", expected_code: "empty_completion", rule: "empty" },
  {
    expected_answer: 323,
    completion: " \t\r\n ",
    expected_code: "empty_completion",
    rule: "whitespace only",
  },
  {
    expected_answer: 323,
    completion: "Let me think.\nFinal: 323",
    expected_code: "not_single_line",
    rule: "reasoning before the line",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\nFinal: 323",
    expected_code: "not_single_line",
    rule: "a repeated final line",
  },
  {
    expected_answer: 323,
    completion: "Final: 3\r23",
    expected_code: "not_single_line",
    rule: "a lone CR splits lines",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u0000",
    expected_code: "control_character",
    rule: "a NUL inside the line",
  },
  {
    expected_answer: 323,
    completion: "Final:\u000b323",
    expected_code: "control_character",
    rule: "LINE TABULATION is not whitespace in spec v1",
  },
  {
    expected_answer: -17,
    completion: "Final: \u221217",
    expected_code: "unicode_minus",
    rule: "U+2212 MINUS SIGN",
  },
  {
    expected_answer: -17,
    completion: "Final: \u201317",
    expected_code: "unicode_minus",
    rule: "U+2013 EN DASH",
  },
  {
    expected_answer: 323,
    completion: "Final: \u0663\u0662\u0663",
    expected_code: "unicode_digit",
    rule: "Arabic-Indic digits",
  },
  {
    expected_answer: 323,
    completion: "Final: \uff13\uff12\uff13",
    expected_code: "unicode_digit",
    rule: "full-width digits",
  },
  {
    expected_answer: 32,
    completion: "Final: 3\u00b2",
    expected_code: "unicode_digit",
    rule: "a superscript digit",
  },
  {
    expected_answer: 323,
    completion: "Final:\u00a0323",
    expected_code: "unicode_whitespace",
    rule: "NO-BREAK SPACE as the separator",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u00a0",
    expected_code: "unicode_whitespace",
    rule: "a trailing NO-BREAK SPACE is not trimmed",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u2028",
    expected_code: "unicode_whitespace",
    rule: "LINE SEPARATOR is not a line break in spec v1",
  },
  {
    expected_answer: 323,
    completion: "Final: \u200b323",
    expected_code: "invisible_character",
    rule: "ZERO WIDTH SPACE",
  },
  {
    expected_answer: 323,
    completion: "Final: 32\u200d3",
    expected_code: "invisible_character",
    rule: "ZERO WIDTH JOINER between digits",
  },
  {
    expected_answer: 323,
    completion: "\ufeffFinal: 323",
    expected_code: "invisible_character",
    rule: "a byte-order mark is not trimmed",
  },
  {
    expected_answer: 323,
    completion: "F\u0456nal: 323",
    expected_code: "non_ascii_character",
    rule: "a Cyrillic look-alike letter",
  },
  {
    expected_answer: 323,
    completion: "Final\uff1a 323",
    expected_code: "non_ascii_character",
    rule: "a full-width colon",
  },
  {
    expected_answer: 323,
    completion: "The answer is 323",
    expected_code: "missing_prefix",
    rule: "prose instead of the line",
  },
  {
    expected_answer: 323,
    completion: "final: 323",
    expected_code: "missing_prefix",
    rule: "the prefix is case-sensitive",
  },
  {
    expected_answer: 323,
    completion: "FINAL: 323",
    expected_code: "missing_prefix",
    rule: "upper case is not the prefix",
  },
  {
    expected_answer: 323,
    completion: "323",
    expected_code: "missing_prefix",
    rule: "a bare number",
  },
  {
    expected_answer: 323,
    completion: "Final : 323",
    expected_code: "missing_prefix",
    rule: "a space before the colon",
  },
  {
    expected_answer: 323,
    completion: "**Final: 323**",
    expected_code: "missing_prefix",
    rule: "markdown around the line",
  },
  {
    expected_answer: 323,
    completion: "Final:323",
    expected_code: "missing_space",
    rule: "no space after the colon",
  },
  {
    expected_answer: 323,
    completion: "Final:  323",
    expected_code: "extra_whitespace",
    rule: "two spaces",
  },
  {
    expected_answer: 323,
    completion: "Final:\t323",
    expected_code: "extra_whitespace",
    rule: "a tab instead of the space",
  },
  {
    expected_answer: 323,
    completion: "Final: \t323",
    expected_code: "extra_whitespace",
    rule: "a space then a tab",
  },
  {
    expected_answer: 323,
    completion: "Final:",
    expected_code: "missing_integer",
    rule: "nothing after the prefix",
  },
  {
    expected_answer: 323,
    completion: "Final: ",
    expected_code: "missing_integer",
    rule: "only a space after the prefix",
  },
  {
    expected_answer: 323,
    completion: "Final: +323",
    expected_code: "plus_sign_disallowed",
    rule: "a plus sign",
  },
  {
    expected_answer: -3,
    completion: "Final: -",
    expected_code: "missing_digits",
    rule: "a sign without digits",
  },
  {
    expected_answer: 323,
    completion: "Final: three hundred twenty-three",
    expected_code: "missing_digits",
    rule: "words instead of digits",
  },
  {
    expected_answer: -3,
    completion: "Final: -x",
    expected_code: "missing_digits",
    rule: "a sign then a letter",
  },
  {
    expected_answer: 323,
    completion: "Final: 323.",
    expected_code: "non_digit_characters",
    rule: "a trailing period",
  },
  {
    expected_answer: 323,
    completion: "Final: 323.0",
    expected_code: "non_digit_characters",
    rule: "a decimal",
  },
  {
    expected_answer: 3230,
    completion: "Final: 3,230",
    expected_code: "non_digit_characters",
    rule: "a thousands comma",
  },
  {
    expected_answer: 3230,
    completion: "Final: 3_230",
    expected_code: "non_digit_characters",
    rule: "an underscore separator",
  },
  {
    expected_answer: 323,
    completion: "Final: 3.23e2",
    expected_code: "non_digit_characters",
    rule: "an exponent",
  },
  {
    expected_answer: 323,
    completion: "Final: 323 apples",
    expected_code: "non_digit_characters",
    rule: "a unit",
  },
  {
    expected_answer: 323,
    completion: "Final: 323 323",
    expected_code: "non_digit_characters",
    rule: "two numbers",
  },
  {
    expected_answer: 323,
    completion: "Final: 0323",
    expected_code: "leading_zeros",
    rule: "a leading zero",
  },
  {
    expected_answer: 0,
    completion: "Final: 00",
    expected_code: "leading_zeros",
    rule: "zero written twice",
  },
  {
    expected_answer: -323,
    completion: "Final: -0323",
    expected_code: "leading_zeros",
    rule: "a leading zero after the sign",
  },
  {
    expected_answer: 0,
    completion: "Final: -0",
    expected_code: "negative_zero_disallowed",
    rule: "negative zero",
  },
  {
    expected_answer: 323,
    completion: "Final: 322",
    expected_code: "wrong_answer",
    rule: "off by one",
  },
  {
    expected_answer: 323,
    completion: "Final: -323",
    expected_code: "wrong_answer",
    rule: "the sign matters",
  },
  {
    expected_answer: "9007199254740993",
    completion: "Final: 9007199254740992",
    expected_code: "wrong_answer",
    rule: "no float rounding: 2^53 + 1 is not 2^53",
  },
];
