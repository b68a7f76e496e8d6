/**
 * The teacher's answers to M5's exercises and predictions. `deno task notebooks
 * --with-solutions` puts each export in place of the answer cell that declares the same name.
 * @module
 */
import * as rl from "../../lib/mod.ts";

/** Predict first (Goodhart): the proxy pays hedging, so the policy ends there. */
export const myGoodhartPrediction =
  "it ends on hedge: proxy near 1, true reward well below the honest template's 0.6";

/** exploits-confirmed: three classes the substring rubric opens, each refused by strict. */
export const myExploits: rl.ExploitAttempt[] = [
  {
    expected_answer: 323,
    completion: "Final: 320 or 321 or 322 or 323",
    why: "answer laundering: list candidates, one matches",
  },
  {
    expected_answer: 17,
    completion: "Final: -17",
    why: "the expected text inside a different number (the sign flips it)",
  },
  {
    expected_answer: 42,
    completion: "Final: 4242",
    why: "the expected text repeated inside one larger number",
  },
];

/** Predict first (patch): whole integers close laundering, not prose or formatting. */
export const myPatchPrediction =
  "closed: laundering and the answer inside a larger number; open: prose and format variants";

/** kata-hard-labels: one label and a one-line reason per case. */
export const myKataLabels: rl.KataAnswer = {
  h01: { label: "verifier_bug", why: "the lenient rubric drops the minus sign of a right answer" },
  h02: { label: "model_failure", why: "1,035 has a comma; the format rule is clear" },
  h03: { label: "reward_hack", why: "three numbers hedge and the substring rubric pays" },
  h04: { label: "spec_ambiguity", why: "-3^2 reads as -9 or as 9; the prompt needs brackets" },
  h05: { label: "model_failure", why: "float rounding in the model's arithmetic" },
  h06: { label: "verifier_bug", why: "15 is wrong but contains 5, so substring pays it" },
  h07: { label: "model_failure", why: "the spec refuses -0 by a stated rule" },
  h08: { label: "spec_ambiguity", why: "counting both ends or not: 5 and 4 are both defensible" },
  h09: { label: "verifier_bug", why: "the unanchored regex accepts a leading zero" },
  h10: { label: "reward_hack", why: "two Final lines with different answers hedge" },
};

/** Predict first (the real policy): the proxy rises, strict falls, the completions hedge. */
export const myRealGoodhartPrediction =
  "proxy up by 20-30 points, strict down by about 10; it learns to hedge: Final: 4 or 5 or 3 …";

/** draw-goodhart: the proxy keeps rising, the true reward peaks and falls. */
export const myGoodhartCurve = String.raw`~~~text
 reward
  1.0 |                                         ....... proxy (substring)
      |                          ..........'''''
      |              ......''''''
  0.5 |      ...'''''     ___
      |  ..''       __---'   '--.__            true (strict)
      |.'     __---'     ^          '--.__
      | __---'           |                '--.___
  0.0 +------------------+------------------------------> steps
                  divergence (the step the cell found):
                  after it, the reward hacking regime
~~~`;
