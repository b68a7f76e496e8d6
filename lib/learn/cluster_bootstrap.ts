/**
 * A paired percentile bootstrap over **clusters** of prompts: the 95% interval of a mean of
 * per-prompt values (e.g. trained pass@k − base pass@k) when prompts are not independent.
 *
 * Why clusters: two prompts of the small environment that ask the same arithmetic in other
 * words (`apples 14 5` as a farmer's apples or a baker's pears) are not two independent draws;
 * a policy that knows 14 − 5 tends to solve both. Resampling single prompts would count them as
 * independent evidence and give an interval too narrow. Resampling whole clusters (a fact and
 * every prompt that asks it) keeps that dependence; with one prompt per cluster it is the
 * ordinary paired bootstrap (lib/core/stats.ts's `pairedBootstrap`).
 *
 * Each resample draws as many clusters as there are, with replacement, and takes the mean over
 * the prompts it drew (Σ cluster sums / Σ cluster sizes). Every series is read off the same
 * resamples, so the intervals of, say, the gain at k = 1 … 512 come from one set of draws. The
 * interval is read off the sorted means at (1 − level)/2 and (1 + level)/2 (the ⌈q·B⌉-th
 * smallest of B). Why a bootstrap and not a normal interval: at large k most per-prompt
 * differences are exactly 0 and a few are ±1, a skewed distribution on few prompts where the
 * normal approximation is poor; the percentile bootstrap follows the skew.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { clusterBootstrap } from "./cluster_bootstrap.ts";
 * const [ci] = clusterBootstrap([[0.5, 0.5, 0.5]], ["a", "a", "b"], makeRng(0));
 * assertEquals([ci.delta, ci.lo, ci.hi], [0.5, 0.5, 0.5]); // every prompt moved alike
 * ```
 * @module
 */
import { type BootstrapInterval, percentileInterval } from "../core/stats.ts";

/**
 * Percentile intervals of the means of `series` (each one value per prompt, parallel to
 * `clusters`), resampling clusters with replacement.
 *
 * @param series one or more arrays of per-prompt values, each as long as `clusters`
 * @param clusters the cluster key of each prompt
 * @param rng a seeded generator (the intervals are fixed by its seed)
 * @param opts `resamples` (default 2,000), `level` (default 0.95)
 * @returns one interval per series (all 0 when there are no prompts)
 * @throws RangeError when a series is not as long as `clusters`
 */
export function clusterBootstrap(
  series: readonly ArrayLike<number>[],
  clusters: readonly string[],
  rng: { int(n: number): number },
  opts: { resamples?: number; level?: number } = {},
): BootstrapInterval[] {
  const B = opts.resamples ?? 2000, level = opts.level ?? 0.95;
  const P = clusters.length;
  for (const s of series) {
    if (s.length !== P) {
      throw new RangeError(`clusterBootstrap: a series has ${s.length} values for ${P} prompts`);
    }
  }
  if (P === 0) return series.map(() => ({ delta: 0, lo: 0, hi: 0, level, resamples: B }));
  const index = new Map<string, number>();
  const of = clusters.map((c) => {
    if (!index.has(c)) index.set(c, index.size);
    return index.get(c)!;
  });
  const C = index.size, S = series.length;
  const size = new Float64Array(C);
  const sums = series.map(() => new Float64Array(C)); // (S, C): each cluster's sum per series
  for (let p = 0; p < P; p++) {
    size[of[p]]++;
    for (let s = 0; s < S; s++) sums[s][of[p]] += series[s][p];
  }
  const means = series.map(() => new Float64Array(B)); // (S, B)
  const total = new Float64Array(S);
  for (let b = 0; b < B; b++) {
    let count = 0;
    total.fill(0);
    for (let i = 0; i < C; i++) {
      const c = rng.int(C);
      count += size[c];
      for (let s = 0; s < S; s++) total[s] += sums[s][c];
    }
    for (let s = 0; s < S; s++) means[s][b] = total[s] / count;
  }
  return series.map((values, s) => {
    let sum = 0;
    for (let p = 0; p < P; p++) sum += values[p];
    return percentileInterval(sum / P, means[s], level);
  });
}
