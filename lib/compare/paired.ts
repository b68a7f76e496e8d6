/**
 * The paired comparison of two runs on the same items: the delta in pass rate, the paired
 * counts, an exact McNemar p-value and a 95% paired bootstrap interval with a fixed seed, and
 * the course's noise rule.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { comparePaired } from "./paired.ts";
 * const c = comparePaired(new Map([["a", 0], ["b", 1]]), new Map([["a", 1], ["b", 1]]), { seed: 1, resamples: 100 });
 * assertEquals([c.delta, c.baseline_fail_candidate_pass, c.mcnemar_p], [0.5, 1, 1]);
 * ```
 * @module
 */
import { makeRng } from "../core/prng.ts";
import { mcnemarExact, pairedBootstrap } from "../core/stats.ts";

/** The course's noise rule: with fewer than `items` items, a change of `points` or less is noise. */
export const NOISE_RULE = { items: 100, points: 0.05 } as const;

/** Significance level for the McNemar test and the bootstrap interval (95%). */
export const ALPHA = 0.05;

/** The paired comparison of two runs on the same items. */
export interface PairedComparison {
  /** Items compared. */
  n: number;
  baseline_passes: number;
  candidate_passes: number;
  baseline_pass_rate: number;
  candidate_pass_rate: number;
  /** Candidate pass rate − baseline pass rate. */
  delta: number;
  /** Items the baseline passed and the candidate failed. */
  baseline_pass_candidate_fail: number;
  /** Items the baseline failed and the candidate passed. */
  baseline_fail_candidate_pass: number;
  /** Exact two-sided McNemar p-value. */
  mcnemar_p: number;
  /** 95% paired percentile bootstrap interval of the delta. */
  ci95: [number, number];
  bootstrap: { resamples: number; seed: number };
  /** The noise rule applies (n < 100) and |delta| is within 5 points. */
  inside_noise_band: boolean;
  noise_rule_applies: boolean;
  /** McNemar p < 0.05 and the interval excludes 0. */
  significant: boolean;
}

/**
 * Compares two runs item by item on the ids of `base` (which must all be in `cand`), in sorted id
 * order so the bootstrap does not depend on row order.
 *
 * @param base id → reward (0/1) of the baseline
 * @param cand id → reward (0/1) of the candidate
 * @param opts bootstrap `seed` and `resamples`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { comparePaired } from "./paired.ts";
 * const c = comparePaired(new Map([["a", 0], ["b", 1]]), new Map([["a", 1], ["b", 1]]), { seed: 1, resamples: 100 });
 * assertEquals([c.delta, c.baseline_fail_candidate_pass, c.mcnemar_p], [0.5, 1, 1]);
 * ```
 */
export function comparePaired(
  base: ReadonlyMap<string, number>,
  cand: ReadonlyMap<string, number>,
  opts: { seed: number; resamples: number },
): PairedComparison {
  const ids = [...base.keys()].sort();
  const n = ids.length;
  const diffs = new Int8Array(n); // (n,) candidate − baseline ∈ {−1, 0, 1}
  let bp = 0, cp = 0, lost = 0, gained = 0;
  ids.forEach((id, i) => {
    const x = base.get(id)!, y = cand.get(id);
    if (y === undefined) throw new Error(`comparePaired: ${id} is not in the candidate`);
    bp += x;
    cp += y;
    if (x > y) lost++;
    if (y > x) gained++;
    diffs[i] = y - x;
  });
  const ci = pairedBootstrap(diffs, makeRng(opts.seed), { resamples: opts.resamples });
  const delta = n === 0 ? 0 : (cp - bp) / n;
  const p = mcnemarExact(lost, gained);
  const applies = n < NOISE_RULE.items;
  return {
    n,
    baseline_passes: bp,
    candidate_passes: cp,
    baseline_pass_rate: n === 0 ? 0 : bp / n,
    candidate_pass_rate: n === 0 ? 0 : cp / n,
    delta,
    baseline_pass_candidate_fail: lost,
    baseline_fail_candidate_pass: gained,
    mcnemar_p: p,
    ci95: [ci.lo, ci.hi],
    bootstrap: { resamples: opts.resamples, seed: opts.seed },
    noise_rule_applies: applies,
    inside_noise_band: applies && Math.abs(delta) <= NOISE_RULE.points + 1e-12,
    significant: p < ALPHA && (ci.lo > 0 || ci.hi < 0),
  };
}
