/**
 * A seed sweep of the REINFORCE bandit: the same settings trained from `seeds` different seeds,
 * so a single run's curve can be read against the spread it was drawn from. For each seed the
 * final π(best); over the seeds their mean, sample standard deviation, the 5th / 50th / 95th
 * percentiles and the share of runs that end with the best action as the most likely one.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { banditSeedSweep } from "./bandit_sweep.ts";
 * const s = banditSeedSweep({ seeds: 20, steps: 30, lr: 0.5, baseline: true });
 * assertEquals(s.finalBestProbs.length, 20);
 * assert(s.q05 <= s.median && s.median <= s.q95);
 * ```
 * @module
 */
import { train } from "./bandit.ts";

/** What a sweep trains: the settings of every run, and how many seeds (0, 1, …, seeds − 1). */
export interface BanditSweepConfig {
  seeds: number;
  steps: number;
  lr: number;
  baseline: boolean;
}

/** The final π(best) of every seed and their spread. */
export interface BanditSweep {
  config: BanditSweepConfig;
  /** π(best) after the last step, by seed. */
  finalBestProbs: number[];
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one seed. */
  sd: number;
  q05: number;
  median: number;
  q95: number;
  /** Share of seeds whose final policy ranks the best action first. */
  bestFirst: number;
}

/** The q-quantile of sorted values, linear between order statistics (R's type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q, lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
}

/** Trains the bandit once per seed and summarises the final π(best). */
export function banditSeedSweep(config: BanditSweepConfig): BanditSweep {
  if (!Number.isInteger(config.seeds) || config.seeds < 1) {
    throw new RangeError(`a sweep needs an integer number of seeds >= 1, got ${config.seeds}`);
  }
  const finalBestProbs: number[] = [];
  let bestFirst = 0;
  for (let seed = 0; seed < config.seeds; seed++) {
    const r = train({ steps: config.steps, seed, lr: config.lr, baseline: config.baseline });
    finalBestProbs.push(r.finalBestProb);
    if (r.finalProbs.every((p, a) => a === r.bestAction || p < r.finalBestProb)) bestFirst++;
  }
  const n = finalBestProbs.length;
  const mean = finalBestProbs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2
    ? 0
    : Math.sqrt(finalBestProbs.reduce((a, p) => a + (p - mean) ** 2, 0) / (n - 1));
  const sorted = [...finalBestProbs].sort((a, b) => a - b);
  return {
    config,
    finalBestProbs,
    mean,
    sd,
    q05: quantile(sorted, 0.05),
    median: quantile(sorted, 0.5),
    q95: quantile(sorted, 0.95),
    bestFirst: bestFirst / n,
  };
}
