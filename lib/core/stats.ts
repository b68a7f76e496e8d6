/**
 * Small, exact statistics for pass rates: the Wilson score interval.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "./testing.ts";
 * import { wilson } from "./stats.ts";
 * const [lo, hi] = wilson(23, 100);
 * assertAlmostEquals(lo, 0.1584, 1e-4);
 * assertAlmostEquals(hi, 0.3215, 1e-4);
 * ```
 * @module
 */

/** The normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion k/n:
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike p̂ ± z·SE it stays inside [0, 1]
 * and behaves at k = 0 and k = n. Returns [0, 1] when n = 0.
 *
 * @param k successes
 * @param n trials
 * @param z the normal quantile (default 95%)
 */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n, z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return [Math.max(0, (centre - half) / denom), Math.min(1, (centre + half) / denom)];
}

/**
 * Exact two-sided McNemar test for paired pass/fail outcomes: under "no change", each of the
 * d = b + c discordant pairs (b: baseline pass → candidate fail, c: the reverse) is equally likely
 * to go either way, so min(b, c) ~ Binomial(d, ½) and
 *
 *     p = min(1, 2 · Σ_{i=0}^{min(b,c)} C(d, i) / 2^d)
 *
 * Concordant pairs carry no information about the difference and do not enter. The terms are
 * built from C(d, min(b,c)) · 2^−d in log space and then downward by C(d, i−1) = C(d, i) · i/(d−i+1),
 * so large d neither overflows nor underflows to a wrong answer.
 *
 * @param b pairs where the baseline passed and the candidate failed
 * @param c pairs where the baseline failed and the candidate passed
 * @returns the two-sided p-value (1 when there are no discordant pairs)
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "./testing.ts";
 * import { mcnemarExact } from "./stats.ts";
 * assertAlmostEquals(mcnemarExact(0, 5), 2 / 32, 1e-12); // 5 of 5 discordant pairs one way
 * ```
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`mcnemarExact needs counts >= 0, got ${b} and ${c}`);
  }
  const d = b + c, k = Math.min(b, c);
  if (d === 0) return 1;
  let logTerm = -d * Math.LN2; // log(C(d, k) / 2^d)
  for (let i = 1; i <= k; i++) logTerm += Math.log((d - k + i) / i);
  let term = Math.exp(logTerm), tail = 0;
  for (let i = k; i >= 0; i--) {
    tail += term;
    term *= i / (d - i + 1); // C(d, i−1) = C(d, i) · i / (d − i + 1)
  }
  return Math.min(1, 2 * tail);
}

/** A percentile bootstrap interval of a paired difference. */
export interface BootstrapInterval {
  /** The observed mean difference. */
  delta: number;
  lo: number;
  hi: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  resamples: number;
}

/**
 * Paired percentile bootstrap of a mean difference: resample the n pairs with replacement
 * `resamples` times, take the mean of `diffs` (candidate − baseline, one per pair) in each, and
 * read the interval off the sorted means at (1 − level)/2 and (1 + level)/2 (inverse empirical
 * CDF: the ⌈q·B⌉-th smallest of B). Resampling pairs, not the two runs separately, keeps the
 * pairing: an item's difficulty cancels, which makes the interval much narrower than an unpaired
 * one. The randomness comes only from `rng`, so a fixed seed gives a fixed interval.
 *
 * @param diffs one difference per pair, e.g. candidate reward − baseline reward ∈ {−1, 0, 1}
 * @param rng a seeded generator (see `prng.ts`)
 * @param opts `resamples` (default 2,000), `level` (default 0.95)
 * @returns the observed delta and the interval (all 0 when there are no pairs)
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { pairedBootstrap } from "./stats.ts";
 * import { makeRng } from "./prng.ts";
 * const ci = pairedBootstrap([1, 1, 1], makeRng(0)); // every pair moved up: no uncertainty left
 * assertEquals([ci.delta, ci.lo, ci.hi], [1, 1, 1]);
 * ```
 */
export function pairedBootstrap(
  diffs: ArrayLike<number>,
  rng: { int(n: number): number },
  opts: { resamples?: number; level?: number } = {},
): BootstrapInterval {
  const B = opts.resamples ?? 2000, level = opts.level ?? 0.95;
  const n = diffs.length;
  if (n === 0) return { delta: 0, lo: 0, hi: 0, level, resamples: B };
  let total = 0;
  for (let i = 0; i < n; i++) total += diffs[i];
  const means = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[rng.int(n)];
    means[b] = s / n;
  }
  return percentileInterval(total / n, means, level);
}

/**
 * The percentile interval of a bootstrap: `means` (one per resample) sorted in place, and the
 * interval read at (1 − level)/2 and (1 + level)/2 as the ⌈q·B⌉-th smallest of B, around the
 * observed `delta`. {@link pairedBootstrap} and the lessons' cluster bootstrap share it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { percentileInterval } from "./stats.ts";
 * const ci = percentileInterval(0.5, Float64Array.from([0.9, 0.1, 0.5, 0.3, 0.7]), 0.6);
 * assertEquals([ci.lo, ci.hi, ci.resamples], [0.1, 0.7, 5]); // the 1st and the 4th of 5
 * ```
 */
export function percentileInterval(
  delta: number,
  means: Float64Array,
  level: number,
): BootstrapInterval {
  const B = means.length;
  means.sort();
  const at = (q: number) => means[Math.min(B - 1, Math.max(0, Math.ceil(q * B) - 1))];
  return { delta, lo: at((1 - level) / 2), hi: at((1 + level) / 2), level, resamples: B };
}
