/**
 * The teacher's answers to M1's exercise and predictions. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (step 1): b = 0, so A = r = +1; the taken action gains, the others give way. */
export const myStep1Prediction =
  "A = +1; the sampled logit rises by lr·(1 − 0.25), the three others fall by lr·0.25, so p(best) drops";

/** Predict first (step 2): a reward below the baseline gives A < 0. */
export const myStep2Prediction =
  "A < 0: the sampled action loses probability and the others (the best one too) gain a share";

/** Predict first (step 3): b = 0.5 halves the push of a rewarded step. */
export const myStep3Prediction =
  "A = 1 − 0.5 = +0.5, half of step 1's push; the others fall in proportion to their probability";

/** reinforce-update: θ_i + lr · A · (1[a = i] − π_i), the gradient of log π_a times A. */
export function myUpdate(
  params: readonly number[],
  probs: readonly number[],
  action: number,
  advantage: number,
  lr: number,
): number[] {
  return params.map((theta, i) => theta + lr * advantage * ((i === action ? 1 : 0) - probs[i]));
}
