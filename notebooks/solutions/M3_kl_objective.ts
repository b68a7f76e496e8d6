/**
 * The teacher's answers to M3's exercise and prediction. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (β): no penalty collapses onto the hack; a strong one stays near π_ref. */
export const myBetaPrediction =
  "β = 0: all mass on the format hack (r = 1); β = 10: close to π_ref, the hack near 0.001";

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
  "clean > double space > leading zero > line break; the clean line is about 15 times likelier";
