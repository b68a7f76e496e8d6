/**
 * Small, exact statistics for pass rates: the Wilson score interval.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "./testing.ts";
 * import { wilson } from "./stats.ts";
 * const [lo, hi] = wilson(23, 100);
 * assertAlmostEquals(lo, 0.1579, 1e-4);
 * assertAlmostEquals(hi, 0.3223, 1e-4);
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

/** A proportion as a percentage with one decimal: `0.23` → `"23.0%"`. */
export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
