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
  "Final moves with A: up when A > 0, down when A < 0; in the failing one the right format " +
  "tokens go down too";
