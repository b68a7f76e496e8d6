/**
 * The teacher's answers to M4's exercises and predictions. `deno task notebooks
 * --with-solutions` puts each export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (stages): which stage decides each of the five completions, with its code. */
export const myStagesPrediction =
  "normalisation trims it, then ok; parsing: leading_zeros; checks: unicode_whitespace; " +
  "comparison: wrong_answer; parsing: missing_prefix";

/**
 * regression-test-passes: two rules pinned by their codes, the '+' sign and the NO-BREAK SPACE
 * that JavaScript's trim() would silently remove.
 */
export const myRegressionTest = String.raw`
Deno.test("score() refuses a '+' sign: canonical integer text has none", () => {
  const r = score({ expected_answer: 323 }, "Final: +323");
  assertEquals([r.reward, r.details.code], [0, "plus_sign_disallowed"]);
});

Deno.test("score() does not trim NO-BREAK SPACE: only ASCII whitespace is trimmed", () => {
  const r = score({ expected_answer: 323 }, "Final: 323\u00a0");
  assertEquals([r.reward, r.details.code], [0, "unicode_whitespace"]);
});
`;

/** probe-guesses: the codes of the eight probes, as the spec decides them. */
export const myGuesses: string[] = [
  "ok",
  "missing_prefix",
  "plus_sign_disallowed",
  "extra_whitespace",
  "unicode_minus",
  "unicode_whitespace",
  "negative_zero_disallowed",
  "non_digit_characters",
];

/** Predict first (sabotage): each relaxed rule is pinned by one golden exploit. */
export const mySabotagePrediction =
  "both caught as false positives: the exploit with '+323' for accept-plus, the NBSP one for trim-nbsp";
