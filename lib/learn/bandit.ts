/**
 * REINFORCE on a four-armed Bernoulli bandit, one step at a time: the smallest policy-gradient
 * learner, small enough to follow by hand.
 *
 * The policy is a softmax over one parameter (logit) per action, `π = softmax(θ)`. Each step
 * samples an action `a ~ π`, draws a reward `r ~ Bernoulli(p_a)` and moves every parameter by
 *
 *     θ_i += lr · (r − b) · (1[a = i] − π_i)        (the score-function gradient of E_π[r])
 *
 * where `b` is the baseline and `A = r − b` the advantage. With `baseline: true`, `b` is the mean
 * of the rewards of the steps *before* this one (0 at the first step); it is computed before the
 * update and does not depend on the current action, so the expected update is unchanged while
 * its variance falls ({@link baselineAblation} measures both). A negative `lr` climbs down the
 * same gradient: the learner then learns the inverse of the objective.
 *
 * Everything is pure and seeded: the same config gives the same log, bit for bit.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { train } from "./bandit.ts";
 * const result = train({ steps: 200, seed: 0, lr: 0.5, baseline: true });
 * assert(result.finalBestProb > result.initialBestProb);
 * ```
 * @module
 */
import { makeRng, type Rng, seedFrom } from "../core/prng.ts";

/** Reward probabilities of the course's bandit: action 2 is clearly the best. */
export const DEFAULT_REWARD_PROBS: readonly number[] = [0.2, 0.4, 0.8, 0.3];

/** Every knob of one training run. */
export interface BanditConfig {
  /** Number of REINFORCE steps (one sampled action each). */
  steps: number;
  /** Seed of the run's random stream (actions and rewards). */
  seed: number;
  /** Learning rate; negative values ascend `−E_π[r]`, i.e. learn the inverse. */
  lr: number;
  /** Subtract the running mean of past rewards from each reward. */
  baseline: boolean;
  /** `p_a`, the probability that action `a` pays reward 1 (default {@link DEFAULT_REWARD_PROBS}). */
  rewardProbs?: readonly number[];
}

/** What a step needs to know besides the state. */
export interface BanditSettings {
  lr: number;
  baseline: boolean;
  rewardProbs: readonly number[];
}

/** The learner between steps: its parameters and what it remembers of past rewards. */
export interface BanditState {
  /** Steps taken so far. */
  step: number;
  /** θ, one logit per action. */
  params: readonly number[];
  /** Sum of all rewards so far (the baseline is `rewardSum / step`). */
  rewardSum: number;
}

/**
 * Everything that happened in one step, in the order it happened: one line of `log.jsonl`
 * (hence the snake_case keys).
 */
export interface StepRecord {
  /** 1-based step number. */
  step: number;
  /** θ before the update. */
  params_before: number[];
  /** π = softmax(θ) before the update: the distribution the action was drawn from. */
  probs_before: number[];
  /** The sampled action's index. */
  action: number;
  /** The Bernoulli reward, 0 or 1. */
  reward: number;
  /** b: mean of the rewards of earlier steps (0 at step 1), or 0 without a baseline. */
  baseline: number;
  /** A = r − b. */
  advantage: number;
  /** Per action i: A · (1[a = i] − π_i), the single-sample gradient estimate of E_π[r]. */
  gradient: number[];
  /** θ + lr · gradient. */
  params_after: number[];
  /** softmax of `params_after`. */
  probs_after: number[];
}

/** The outcome of {@link train}. */
export interface BanditResult {
  /** One record per step. */
  log: StepRecord[];
  /** Action probabilities after the last step (the initial ones if `steps` is 0). */
  finalProbs: number[];
  /** Index of the action with the highest reward probability. */
  bestAction: number;
  /** π(best) before the first step (1/K: parameters start at 0). */
  initialBestProb: number;
  /** π(best) after the last step. */
  finalBestProb: number;
}

/**
 * softmax(logits)_i = exp(l_i − max l) / Σ_j exp(l_j − max l); subtracting the max changes
 * nothing mathematically and keeps `exp` from overflowing.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "../core/testing.ts";
 * import { softmax } from "./bandit.ts";
 * assertEquals(softmax([0, 0, 0, 0]), [0.25, 0.25, 0.25, 0.25]);
 * assertAlmostEquals(softmax([1000, 0])[0], 1);
 * ```
 */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/**
 * Index of the largest value (the first one on ties).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { argmax } from "./bandit.ts";
 * assertEquals(argmax([0.2, 0.4, 0.8, 0.3]), 2);
 * ```
 */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The learner before any step: all parameters 0 (a uniform policy), no rewards seen.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { initialState } from "./bandit.ts";
 * assertEquals(initialState(2), { step: 0, params: [0, 0], rewardSum: 0 });
 * ```
 */
export function initialState(actions: number): BanditState {
  return { step: 0, params: new Array(actions).fill(0), rewardSum: 0 };
}

/**
 * One REINFORCE step: sample `a ~ π`, draw `r`, compute the baseline from earlier rewards only,
 * then `θ_i += lr · (r − b) · (1[a = i] − π_i)`. Draws exactly two numbers from `rng` (action,
 * then reward), so runs with and without a baseline see the same random stream.
 *
 * @param state the learner before the step (not modified)
 * @param settings learning rate, baseline switch and reward probabilities
 * @param rng the run's random stream
 * @returns the step's full record and the learner after it
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "../core/testing.ts";
 * import { banditStep, initialState } from "./bandit.ts";
 * import { makeRng } from "../core/prng.ts";
 * const settings = { lr: 1, baseline: true, rewardProbs: [1, 1] }; // every action pays 1
 * const { record } = banditStep(initialState(2), settings, makeRng(0));
 * assertEquals(record.baseline, 0); // nothing seen before step 1
 * assertEquals(record.advantage, 1);
 * assertAlmostEquals(record.gradient[record.action], 0.5); // A · (1 − π_a) = 1 · (1 − 0.5)
 * ```
 */
export function banditStep(
  state: BanditState,
  settings: BanditSettings,
  rng: Rng,
): { record: StepRecord; state: BanditState } {
  const paramsBefore = [...state.params];
  const probsBefore = softmax(paramsBefore);
  const action = rng.categorical(probsBefore);
  const reward = rng.bernoulli(settings.rewardProbs[action]) ? 1 : 0;
  // The baseline uses only earlier rewards: it must not depend on this step's action.
  const baseline = settings.baseline && state.step > 0 ? state.rewardSum / state.step : 0;
  const advantage = reward - baseline;
  const gradient = probsBefore.map((p, i) => advantage * ((i === action ? 1 : 0) - p));
  const paramsAfter = paramsBefore.map((t, i) => t + settings.lr * gradient[i]);
  const record: StepRecord = {
    step: state.step + 1,
    params_before: paramsBefore,
    probs_before: probsBefore,
    action,
    reward,
    baseline,
    advantage,
    gradient,
    params_after: paramsAfter,
    probs_after: softmax(paramsAfter),
  };
  return {
    record,
    state: { step: state.step + 1, params: paramsAfter, rewardSum: state.rewardSum + reward },
  };
}

function checkConfig(config: BanditConfig, rewardProbs: readonly number[]): void {
  if (!Number.isSafeInteger(config.steps) || config.steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${config.steps}`);
  }
  if (!Number.isFinite(config.lr)) throw new RangeError(`lr must be finite, got ${config.lr}`);
  if (rewardProbs.length < 2 || rewardProbs.some((p) => !(p >= 0 && p <= 1))) {
    throw new RangeError(`rewardProbs must hold at least 2 probabilities in [0, 1]`);
  }
}

/**
 * Trains the softmax policy with REINFORCE for `config.steps` steps from θ = 0. The random
 * stream is `makeRng(seedFrom("bandit", seed))`.
 *
 * @param config steps, seed, learning rate, baseline switch, reward probabilities
 * @returns the step log, the final probabilities, the best action and its initial/final prob
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { train } from "./bandit.ts";
 * const up = train({ steps: 100, seed: 1, lr: 0.5, baseline: true });
 * const down = train({ steps: 100, seed: 1, lr: -0.5, baseline: true });
 * assertEquals(up.bestAction, 2);
 * assert(up.finalBestProb > 0.25 && down.finalBestProb < 0.25);
 * ```
 */
export function train(config: BanditConfig): BanditResult {
  const rewardProbs = config.rewardProbs ?? DEFAULT_REWARD_PROBS;
  checkConfig(config, rewardProbs);
  const settings: BanditSettings = { lr: config.lr, baseline: config.baseline, rewardProbs };
  const rng = makeRng(seedFrom("bandit", config.seed));
  const bestAction = argmax(rewardProbs);
  let state = initialState(rewardProbs.length);
  const initialProbs = softmax(state.params);
  const log: StepRecord[] = [];
  for (let t = 0; t < config.steps; t++) {
    const next = banditStep(state, settings, rng);
    log.push(next.record);
    state = next.state;
  }
  const finalProbs = log.length > 0 ? log[log.length - 1].probs_after : initialProbs;
  return {
    log,
    finalProbs,
    bestAction,
    initialBestProb: initialProbs[bestAction],
    finalBestProb: finalProbs[bestAction],
  };
}
