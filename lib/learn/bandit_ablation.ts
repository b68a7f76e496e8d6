/**
 * The baseline ablation: the same REINFORCE bandit trained over many seeds with and without the
 * baseline, measuring what the baseline does to the update. The expected push on each parameter
 * is the same on both sides (the baseline does not bias the gradient); its variance falls.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { baselineAblation } from "./bandit_ablation.ts";
 * const r = baselineAblation({ seeds: 200, steps: 20, lr: 0.5 });
 * assert(r.varianceRatio > 1);
 * ```
 * @module
 */
import { argmax, DEFAULT_REWARD_PROBS, train } from "./bandit.ts";

/** Settings of {@link baselineAblation}. */
export interface AblationConfig {
  /** Number of independent runs per arm (seeds `firstSeed`, `firstSeed + 1`, …). */
  seeds: number;
  /** Steps per run. */
  steps: number;
  lr: number;
  /** The first seed (default 0). */
  firstSeed?: number;
  rewardProbs?: readonly number[];
}

/** One side of the ablation (with or without the baseline), averaged over seeds. */
export interface AblationArm {
  baseline: boolean;
  /** Per step t (index t − 1): mean over seeds of π(best) after step t. */
  meanBestProb: number[];
  /** Mean over seeds and steps of the best action's gradient component (its expected push). */
  gradMeanBest: number;
  /** Per step, the variance over seeds of the best action's gradient component; then the mean over steps. */
  gradVarBest: number;
  /** The same for the whole gradient vector: Σ_i Var(gradient_i), averaged over steps. */
  gradVarTotal: number;
  /** Mean over seeds of π(best) after the last step. */
  finalBestProb: number;
}

/** The outcome of {@link baselineAblation}. */
export interface AblationResult {
  seeds: number;
  steps: number;
  lr: number;
  bestAction: number;
  withBaseline: AblationArm;
  withoutBaseline: AblationArm;
  /** gradVarTotal without the baseline divided by gradVarTotal with it (> 1: the baseline helps). */
  varianceRatio: number;
}

/**
 * The baseline ablation: trains `seeds` runs with the baseline and the same seeds without it,
 * and measures, step by step across seeds, the mean and variance of the gradient estimate
 * `A · (1[a = i] − π_i)` (the update is `lr` times it) and the mean π(best). Both arms share
 * their random streams seed for seed, so the comparison is paired.
 *
 * @param config number of seeds, steps per run, learning rate
 * @returns both arms' curves and gradient statistics, and the variance ratio
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { baselineAblation } from "./bandit_ablation.ts";
 * const r = baselineAblation({ seeds: 200, steps: 30, lr: 0.5 });
 * assert(r.withBaseline.gradVarTotal < r.withoutBaseline.gradVarTotal);
 * assert(r.withBaseline.gradMeanBest > 0 && r.withoutBaseline.gradMeanBest > 0);
 * ```
 */
export function baselineAblation(config: AblationConfig): AblationResult {
  const rewardProbs = config.rewardProbs ?? DEFAULT_REWARD_PROBS;
  if (!Number.isSafeInteger(config.seeds) || config.seeds < 1) {
    throw new RangeError(`seeds must be a positive integer, got ${config.seeds}`);
  }
  const bestAction = argmax(rewardProbs);
  const arm = (baseline: boolean): AblationArm => {
    const { steps, seeds } = config;
    const k = rewardProbs.length;
    // Running sums over seeds, per step (and per step × action for the gradient).
    const probSum = new Float64Array(steps);
    const gSum = new Float64Array(steps * k);
    const gSqSum = new Float64Array(steps * k);
    let finalSum = 0;
    for (let s = 0; s < seeds; s++) {
      const seed = (config.firstSeed ?? 0) + s;
      const run = train({ steps, seed, lr: config.lr, baseline, rewardProbs });
      for (const rec of run.log) {
        const t = rec.step - 1;
        probSum[t] += rec.probs_after[bestAction];
        for (let i = 0; i < k; i++) {
          gSum[t * k + i] += rec.gradient[i];
          gSqSum[t * k + i] += rec.gradient[i] ** 2;
        }
      }
      finalSum += run.finalBestProb;
    }
    // Var over seeds at step t = E[g²] − E[g]²; then averaged over the steps.
    const variance = (t: number, i: number) =>
      gSqSum[t * k + i] / seeds - (gSum[t * k + i] / seeds) ** 2;
    let meanBest = 0, varBest = 0, varTotal = 0;
    for (let t = 0; t < steps; t++) {
      meanBest += gSum[t * k + bestAction] / seeds;
      varBest += variance(t, bestAction);
      for (let i = 0; i < k; i++) varTotal += variance(t, i);
    }
    const perStep = (x: number) => steps > 0 ? x / steps : 0;
    return {
      baseline,
      meanBestProb: Array.from(probSum, (p) => p / seeds),
      gradMeanBest: perStep(meanBest),
      gradVarBest: perStep(varBest),
      gradVarTotal: perStep(varTotal),
      finalBestProb: finalSum / seeds,
    };
  };
  const withBaseline = arm(true);
  const withoutBaseline = arm(false);
  return {
    seeds: config.seeds,
    steps: config.steps,
    lr: config.lr,
    bestAction,
    withBaseline,
    withoutBaseline,
    varianceRatio: withoutBaseline.gradVarTotal / withBaseline.gradVarTotal,
  };
}
