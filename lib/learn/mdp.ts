/**
 * A two-step decision problem with a delayed reward, learned by REINFORCE: the smallest system
 * in which credit assignment is visible.
 *
 * The episode: at step 1 the agent picks `L` or `R`; the step-1 action becomes the state of
 * step 2, where it picks `L` or `R` again. Only the path `R` then `L` pays: the reward is 1 at
 * the end of that path and 0 everywhere else, and nothing is paid in between. So the step-1
 * choice never earns anything by itself; it can only learn from the return that arrives after
 * step 2.
 *
 * The policy is tabular softmax: step-1 logits `theta1` (2) and step-2 logits `theta2[s]`
 * (2 per step-1 state `s`, so 2 x 2). Step 2 gets one table per state, not one shared table,
 * because the right second move depends on where the first move led: that is what makes this a
 * sequential problem rather than two bandits side by side, and it keeps the credit-assignment
 * story honest (step 2 in state `L` can never be paid, so it cannot teach step 1 anything; only
 * the return of `R`-then-`L` can).
 *
 * The update, with return G (the terminal reward; gamma = 1) and the running-mean baseline
 * b (the mean of all earlier returns, 0 before the first episode, computed before the update):
 *
 *   A = G - b
 *   theta1    += lr * A * (onehot(a1) - p1)            (grad of log softmax at a1)
 *   theta2[s] += lr * A * (onehot(a2) - p2(. | s))     (s = a1)
 *
 * Both steps use the same end-of-episode advantage. The sabotage option `creditStep1: false`
 * skips the first line: step 1 then never changes (its probabilities stay at their initial
 * values exactly) while step 2 still learns. `tests/mdp_test.ts` pins both outcomes.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { trainMdp } from "./mdp.ts";
 * const run = trainMdp({ episodes: 300, seed: 0, lr: 0.5, creditStep1: true });
 * assert(run.final.step1.R > 0.9 && run.final.step2.R.L > 0.9);
 * ```
 * @module
 */
import { makeRng } from "../core/prng.ts";

/** An action at either step. */
export type Move = "L" | "R";

/** The two actions, in logit order: index 0 is `L`, index 1 is `R`. */
export const MOVES: readonly Move[] = ["L", "R"];

/** The only rewarded path: step-1 action, then step-2 action. */
export const REWARDED_PATH: readonly [Move, Move] = ["R", "L"];

/** Every knob of a training run. */
export interface MdpConfig {
  /** Number of episodes (each is one trajectory and one update). */
  episodes: number;
  /** Seed of the PRNG that samples actions. */
  seed: number;
  /** Learning rate of both steps. */
  lr: number;
  /** Whether step 1 receives the advantage; `false` is the sabotage run. */
  creditStep1: boolean;
}

/** Action probabilities of both steps: `step1[a]`, and `step2[s][a]` for step-1 state `s`. */
export interface MdpProbs {
  step1: Record<Move, number>;
  step2: Record<Move, Record<Move, number>>;
}

/** One logged trajectory with its update (one JSONL line of `trajectories.jsonl`). */
export interface MdpEpisode {
  /** 1-based episode number. */
  episode: number;
  /** Step-1 action; it is also the state of step 2. */
  a1: Move;
  /** Step-2 action. */
  a2: Move;
  /** Terminal reward: 1 only for the rewarded path. */
  reward: 0 | 1;
  /** Return of the episode (gamma = 1, reward only at the end, so equal to `reward`). */
  return: number;
  /** Running mean of the returns of all earlier episodes (0 for the first). */
  baseline: number;
  /** `return - baseline`, applied to both steps (to step 2 only when step 1 is sabotaged). */
  advantage: number;
  /** p1(R) before this episode's update (the probability the trajectory was sampled with). */
  p1_R: number;
  /** p2(L | R) before this episode's update. */
  p2_L_given_R: number;
  /** p1(R) after the update. */
  p1_R_after: number;
  /** p2(L | R) after the update. */
  p2_L_given_R_after: number;
}

/** A finished run: every trajectory and the final policy. */
export interface MdpResult {
  config: MdpConfig;
  episodes: MdpEpisode[];
  /** Probabilities of both steps after the last update. */
  final: MdpProbs;
  /** Fraction of episodes that earned reward 1. */
  success_rate: number;
  /** Probability that the final policy takes the rewarded path: p1(R) * p2(L | R). */
  final_path_prob: number;
}

/** softmax of two logits, stable (the max is subtracted first). */
function softmax2(z: readonly number[]): [number, number] {
  const m = Math.max(z[0], z[1]);
  const e0 = Math.exp(z[0] - m), e1 = Math.exp(z[1] - m);
  return [e0 / (e0 + e1), e1 / (e0 + e1)];
}

/** Applies theta += step * (onehot(a) - p) in place. */
function pushTowards(theta: number[], a: number, p: readonly number[], step: number): void {
  for (let k = 0; k < theta.length; k++) theta[k] += step * ((k === a ? 1 : 0) - p[k]);
}

/**
 * Trains the two-step policy by REINFORCE for `config.episodes` episodes from uniform
 * probabilities (all logits 0). Pure: the same config gives the same result, byte for byte.
 *
 * @param config episodes, seed, learning rate and whether step 1 gets credit
 * @returns every trajectory, the final probabilities of both steps and the success rate
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "./mdp.ts";
 * const run = trainMdp({ episodes: 200, seed: 1, lr: 0.5, creditStep1: false });
 * assertEquals(run.final.step1.R, 0.5); // no credit: step 1 never moves
 * ```
 */
export function trainMdp(config: MdpConfig): MdpResult {
  if (!Number.isSafeInteger(config.episodes) || config.episodes < 0) {
    throw new RangeError(`episodes must be a non-negative integer, got ${config.episodes}`);
  }
  if (!Number.isFinite(config.lr)) throw new RangeError(`lr must be finite, got ${config.lr}`);
  const rng = makeRng(config.seed);
  const theta1 = [0, 0]; // (2,) logits of step 1 over [L, R]
  const theta2 = [[0, 0], [0, 0]]; // (2 states, 2 actions): row s = step-2 logits in state s
  const episodes: MdpEpisode[] = [];
  let sumReturns = 0;
  let successes = 0;

  for (let t = 1; t <= config.episodes; t++) {
    // 1. Sample a trajectory with the current policy.
    const p1 = softmax2(theta1);
    const a1 = rng.categorical(p1);
    const p2 = softmax2(theta2[a1]);
    const a2 = rng.categorical(p2);
    const p2LgivenR = softmax2(theta2[1])[0];
    const reward: 0 | 1 = MOVES[a1] === REWARDED_PATH[0] && MOVES[a2] === REWARDED_PATH[1] ? 1 : 0;
    const ret = reward; // one terminal reward, gamma = 1: the return of both steps

    // 2. Baseline from earlier episodes only, so it does not depend on this episode's action.
    const baseline = t === 1 ? 0 : sumReturns / (t - 1);
    const advantage = ret - baseline;

    // 3. The same advantage credits both decisions of the trajectory.
    if (config.creditStep1) pushTowards(theta1, a1, p1, config.lr * advantage);
    pushTowards(theta2[a1], a2, p2, config.lr * advantage);

    sumReturns += ret;
    successes += reward;
    episodes.push({
      episode: t,
      a1: MOVES[a1],
      a2: MOVES[a2],
      reward,
      return: ret,
      baseline,
      advantage,
      p1_R: p1[1],
      p2_L_given_R: p2LgivenR,
      p1_R_after: softmax2(theta1)[1],
      p2_L_given_R_after: softmax2(theta2[1])[0],
    });
  }

  const final = probsOf(theta1, theta2);
  return {
    config: { ...config },
    episodes,
    final,
    success_rate: config.episodes === 0 ? 0 : successes / config.episodes,
    final_path_prob: final.step1.R * final.step2.R.L,
  };
}

function probsOf(theta1: readonly number[], theta2: readonly number[][]): MdpProbs {
  const [p1L, p1R] = softmax2(theta1);
  const [lL, lR] = softmax2(theta2[0]);
  const [rL, rR] = softmax2(theta2[1]);
  return { step1: { L: p1L, R: p1R }, step2: { L: { L: lL, R: lR }, R: { L: rL, R: rR } } };
}

/**
 * Mean reward over a trailing window of episodes, one value per episode (the window is shorter
 * at the start): the learning curve of a run.
 *
 * @param episodes the logged trajectories, in order
 * @param window how many episodes to average (at least 1)
 * @returns `curve[i]` = mean reward of episodes max(0, i - window + 1) .. i
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { movingSuccess, type MdpEpisode } from "./mdp.ts";
 * const eps = [0, 1, 1].map((r) => ({ reward: r }) as MdpEpisode);
 * assertEquals(movingSuccess(eps, 2), [0, 0.5, 1]);
 * ```
 */
export function movingSuccess(episodes: readonly MdpEpisode[], window: number): number[] {
  if (!Number.isSafeInteger(window) || window < 1) {
    throw new RangeError(`window must be a positive integer, got ${window}`);
  }
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < episodes.length; i++) {
    sum += episodes[i].reward;
    if (i >= window) sum -= episodes[i - window].reward;
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}
