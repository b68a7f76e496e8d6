/**
 * The teacher's answers to M2's predictions. `deno task notebooks --with-solutions` puts each
 * export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (near misses): one or two tokens away, and every one scores 0. */
export const myNearMissPrediction =
  "each near miss is 4 to 6 tokens, one or two different from 'Final: 323'; all get reward 0";

/** Predict first (credit): without credit step 1 never moves from 0.5. */
export const myCreditPrediction =
  "with credit p1(R) > 0.9 and the path is likely; without credit p1(R) stays 0.5, the path ≤ 0.5";

/** group-advantages: each reward minus the group's mean reward. */
export function myGroupAdvantages(rewards: readonly number[]): number[] {
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  return rewards.map((r) => r - mean);
}

/** Predict first (token credit): the end reward reaches the first token through the sum. */
export const myTokenCreditPrediction =
  "Final moves although only the end was scored; the whole log π(y|x) moves with A (up when " +
  "A > 0, down when A < 0), but one token, Final included, may move against A, since all " +
  "tokens share the weights";

/** draw-token-text: the stack from tokens to reward; the double space stops at the rubric. */
export const myTokenStack = String.raw`~~~text
  policy: logits over 198 actions → token ids        ┐
  Final · : · ␣ · ␣ · 323                              │  gradients live here
─────────────────────────────────────────────────────┘
  detokenize → "Final:  323"                          ┐
  normalise (trim ASCII whitespace at both ends)      │  the verifier lives here:
  parse / extract: one line, "Final:", one space …    │  part of the environment
  rubric checks → extra_whitespace                     │
  reward 0                                             ┘
~~~
The double space survives detokenizing and trimming; the parser's "exactly one space" rule
stops it, so the reward is 0 although every token but one is right.`;

/** draw-gradient-connection: one scalar A scales the whole sum of log-prob gradients. */
export const myGradientConnection = String.raw`~~~mermaid
flowchart LR
  x["prompt x"] --> y1["y1 = Final"] --> y2["y2 = :"] --> y3["y3 = ␣"] --> y4["y4 = 8"] --> y5["y5 = end"]
  y5 --> s["score(): reward 0"] --> A["A = 0 − 0.375 = −0.375"]
  A -- "gain knob: multiplies" --> g["∇ log π(y|x) = Σ_t ∇ log π(y_t | x, y_<t)"]
  g -- "one step: θ ← θ + lr · A · ∇ log π(y|x)" --> theta["weights θ"]
~~~
The same A (negative here) multiplies every token's gradient, so "Final", ":" and the space
are pushed down with the wrong 8.`;
