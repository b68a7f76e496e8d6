/**
 * The teacher's answers to M1's exercises and predictions. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */
import * as rl from "../../lib/mod.ts";

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

/**
 * ten-step-annotation: the log of seed 7 read step by step; the sampled action's probability
 * moves with the sign of A = r − b.
 */
export const myTenSteps: rl.StepAnnotation[] = [
  { step: 1, sampled: "up", why: "action 1 paid 1 with b = 0: A = +1 reinforces it" },
  { step: 2, sampled: "down", why: "action 0 paid 0 below b = 1: A = −1 suppresses it" },
  { step: 3, sampled: "up", why: "action 1 paid 1 above b = 0.5: A = +0.5, half step 1's push" },
  { step: 4, sampled: "down", why: "action 1 paid 0 this time, below b = 0.667: A < 0" },
  { step: 5, sampled: "up", why: "action 1 paid 1 above b = 0.5: reinforced again" },
  { step: 6, sampled: "down", why: "action 1 paid 0 below b = 0.6: the same action suppressed" },
  { step: 7, sampled: "up", why: "action 3 paid 1 above b = 0.5: an explored arm reinforced" },
  {
    step: 8,
    sampled: "down",
    why: "action 2, the best arm, paid 0 this time: A < 0 pushes it down",
  },
  { step: 9, sampled: "up", why: "action 1 paid 1 above b = 0.5: reinforced" },
  { step: 10, sampled: "down", why: "action 0 paid 0 below b = 0.556: suppressed" },
];
