/**
 * Sutton & Barto's gradient-bandit experiment (Reinforcement Learning: An Introduction, 2nd ed.,
 * §2.8, Figure 2.5), reproduced: the 10-armed testbed with true values around 4.
 *
 * Each run draws true action values `q*(a) ~ N(4, 1)` for 10 arms; a reward for arm `a` is
 * `N(q*(a), 1)`. The learner keeps preferences `H` (all 0 at the start), acts with
 * `π = softmax(H)` and after each reward `R_t` for action `A_t` updates (eq. 2.12)
 *
 *     H(a) += α · (R_t − R̄_t) · (1[a = A_t] − π_t(a))     for every arm a
 *
 * where the baseline `R̄_t` is the average of the rewards up to and *including* step t (the book's
 * convention; `bandit.ts` uses past rewards only), or 0 without a baseline. Because the
 * true values sit around 4, not 0, the baseline matters a great deal here: without it every
 * reward looks good and whatever is sampled gets reinforced.
 *
 * The result is, per (α, baseline), the fraction of runs that picked the optimal arm at each
 * step. The inner loop runs on typed arrays with no allocation, so the full 4 × 2,000 × 1,000
 * experiment takes a few seconds.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "./testbed.ts";
 * const r = gradientBanditTestbed({ runs: 100, steps: 200, alphas: [0.1], seed: 0 });
 * const [withBaseline, without] = r.curves;
 * assert(withBaseline.optimalRate[199] > without.optimalRate[199]);
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";

/** Every knob of the experiment; the book's values are in {@link BOOK_TESTBED}. */
export interface TestbedConfig {
  /** Independent runs (bandit problems) per curve. */
  runs: number;
  /** Steps per run. */
  steps: number;
  /** Step sizes α to compare. */
  alphas: readonly number[];
  /** Seed of the whole experiment. */
  seed: number;
  /** Number of arms (default 10). */
  arms?: number;
  /** Mean of the true values q*(a) (default 4). */
  trueMean?: number;
}

/** Figure 2.5's setting: 2,000 runs of 1,000 steps, α ∈ {0.1, 0.4}. */
export const BOOK_TESTBED: TestbedConfig = {
  runs: 2000,
  steps: 1000,
  alphas: [0.1, 0.4],
  seed: 0,
  arms: 10,
  trueMean: 4,
};

/** One curve of the figure. */
export interface TestbedCurve {
  alpha: number;
  baseline: boolean;
  /** Index t − 1: the fraction of runs whose action at step t was the optimal arm, in [0, 1]. */
  optimalRate: Float64Array;
}

/** The outcome of {@link gradientBanditTestbed}: one curve per (α, baseline). */
export interface TestbedResult {
  runs: number;
  steps: number;
  arms: number;
  /** Ordered α by α as given, and for each α first with, then without the baseline. */
  curves: TestbedCurve[];
}

/** One row of `testbed.csv`. */
export interface TestbedRow {
  alpha: number;
  baseline: boolean;
  /** 1-based step. */
  step: number;
  optimal_action_rate: number;
}

/**
 * Runs the gradient bandit on the testbed for every (α, baseline). Run `i` uses the same true
 * values `q*` in all curves (drawn from `seedFrom("testbed", seed, "q", i)`), so the curves
 * differ by the learner only; each (run, α, baseline) has its own action/reward stream.
 *
 * @param config runs, steps, step sizes and seed (see {@link BOOK_TESTBED})
 * @returns the % optimal action curves, as fractions
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "./testbed.ts";
 * const r = gradientBanditTestbed({ runs: 10, steps: 5, alphas: [0.1, 0.4], seed: 0 });
 * assertEquals(r.curves.map((c) => [c.alpha, c.baseline]), [
 *   [0.1, true], [0.1, false], [0.4, true], [0.4, false],
 * ]);
 * ```
 */
export function gradientBanditTestbed(config: TestbedConfig): TestbedResult {
  const { runs, steps } = config;
  const arms = config.arms ?? 10;
  const trueMean = config.trueMean ?? 4;
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`runs and steps must be positive integers, got ${runs} and ${steps}`);
  }
  const settings = config.alphas.flatMap((alpha) => [
    { alpha, baseline: true },
    { alpha, baseline: false },
  ]);
  const hits = settings.map(() => new Int32Array(steps)); // (curve, step) -> runs on the optimum
  const q = new Float64Array(arms); // true values q*(a)
  const h = new Float64Array(arms); // preferences H(a)
  const e = new Float64Array(arms); // exp(H(a) − max H), unnormalised π

  for (let run = 0; run < runs; run++) {
    const qRng = makeRng(seedFrom("testbed", config.seed, "q", run));
    for (let a = 0; a < arms; a++) q[a] = trueMean + qRng.gaussian();
    let optimal = 0;
    for (let a = 1; a < arms; a++) if (q[a] > q[optimal]) optimal = a;

    for (let c = 0; c < settings.length; c++) {
      const { alpha, baseline } = settings[c];
      const rng = makeRng(seedFrom("testbed", config.seed, run, alpha, String(baseline)));
      const counts = hits[c];
      h.fill(0);
      let meanReward = 0;
      for (let t = 0; t < steps; t++) {
        // π_t = softmax(H): keep it unnormalised in e, with its total.
        let max = h[0];
        for (let a = 1; a < arms; a++) if (h[a] > max) max = h[a];
        let total = 0;
        for (let a = 0; a < arms; a++) {
          e[a] = Math.exp(h[a] - max);
          total += e[a];
        }
        // A_t ~ π_t by inverse CDF on the unnormalised weights.
        const u = rng.next() * total;
        let action = arms - 1;
        let acc = 0;
        for (let a = 0; a < arms; a++) {
          acc += e[a];
          if (u < acc) {
            action = a;
            break;
          }
        }
        if (action === optimal) counts[t]++;
        const reward = q[action] + rng.gaussian();
        // R̄_t includes R_t (incremental mean over t + 1 rewards), as in the book.
        if (baseline) meanReward += (reward - meanReward) / (t + 1);
        const step = alpha * (reward - meanReward);
        for (let a = 0; a < arms; a++) h[a] -= step * e[a] / total;
        h[action] += step;
      }
    }
  }
  return {
    runs,
    steps,
    arms,
    curves: settings.map((s, c) => ({
      alpha: s.alpha,
      baseline: s.baseline,
      optimalRate: Float64Array.from(hits[c], (n) => n / runs),
    })),
  };
}

/**
 * The result as table rows, one per (α, baseline, step): the content of `testbed.csv`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed, testbedRows } from "./testbed.ts";
 * const r = gradientBanditTestbed({ runs: 4, steps: 3, alphas: [0.1, 0.4], seed: 0 });
 * const rows = testbedRows(r);
 * assertEquals(rows.length, 2 * 2 * 3);
 * assertEquals(Object.keys(rows[0]), ["alpha", "baseline", "step", "optimal_action_rate"]);
 * ```
 */
export function testbedRows(result: TestbedResult): TestbedRow[] {
  return result.curves.flatMap((c) =>
    Array.from(c.optimalRate, (rate, t) => ({
      alpha: c.alpha,
      baseline: c.baseline,
      step: t + 1,
      optimal_action_rate: rate,
    }))
  );
}

/**
 * A curve's legend label, e.g. `α=0.1, with baseline`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { curveLabel } from "./testbed.ts";
 * assertEquals(curveLabel({ alpha: 0.4, baseline: false }), "α=0.4, without baseline");
 * ```
 */
export function curveLabel(curve: { alpha: number; baseline: boolean }): string {
  return `α=${curve.alpha}, ${curve.baseline ? "with" : "without"} baseline`;
}
