/**
 * The teacher's answers to M3's exercise, predictions and drawing. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (β): no penalty collapses onto the hack; a strong one stays near π_ref. */
export const myBetaPrediction =
  "β = 0: all mass on the 3+-number hedge, which the strict scorer never pays; β = 10: " +
  "close to π_ref, the hedge back near its share of the base's samples";

/**
 * kl-optimal-policy: π(a) = π_ref(a) · exp(r(a)/β) / Z, computed in log space (subtract the
 * largest score before exponentiating) so exp cannot overflow.
 */
export function myOptimalPolicy(
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
): number[] {
  const scores = ref.map((p, a) => Math.log(p) + rewards[a] / beta);
  const max = Math.max(...scores);
  const weights = scores.map((s) => Math.exp(s - max));
  const z = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / z);
}

/** Predict first (variants): the clean line is the base's most likely form. */
export const myVariantPrediction =
  "clean > double space > line break > leading zero; the clean line is about 15 times likelier";

/** draw-llm-as-policy: the sampled completion of section 1 as a token trajectory. */
export const myLlmAsPolicy = String.raw`~~~mermaid
flowchart LR
  s0["state: prompt x (small-dev-0049)"] -- "a1 = Final, π = 0.87" --> s1["x, Final"]
  s1 -- "a2 = :, π = 0.98" --> s2["x, Final:"]
  s2 -- "a3 = ␣, π = 0.88" --> s3["x, Final:␣"]
  s3 -- "a4 = 8, π = 0.22" --> s4["x, Final:␣8"]
  s4 -- "a5 = end, π = 0.76" --> done["episode over: π(y|x) = 0.12"]
  done -- "score(): reward 0 (wrong_answer), once, at the end" --> r["r = 0"]
~~~
Micro view: each arrow is an action (a token) and each box a state (the prefix). Macro view: the
whole path is one action, "Final: 8", with probability the product of the arrows' π.`;
