/**
 * A sweep of the KL penalty beta on one example: for each beta the closed-form optimum, its
 * expected reward and KL to the reference, and the ascent oracle's agreement with it.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "./kl.ts";
 * import { klSweep } from "./kl_sweep.ts";
 * const [hard, soft] = klSweep(COMPLETION_STYLES, [0, 10]);
 * assert(hard.kl > soft.kl && hard.expected_reward > soft.expected_reward);
 * ```
 * @module
 */
import { expectedReward, type KlAction, klDivergence, klOptimalPolicy } from "./kl.ts";
import { type AscentResult, klAscent } from "./kl_ascent.ts";

/** One row of a beta sweep. */
export interface KlPoint {
  beta: number;
  /** The closed-form optimal policy (for beta = 0, the collapse). */
  probs: number[];
  expected_reward: number;
  kl: number;
  /**
   * Indices of the (up to) three most likely actions with probability > 0, most likely first
   * (ties: lower index first).
   */
  top3: number[];
  /** True for beta = 0: all mass on the best action(s), no exp(r / beta) computed. */
  collapsed: boolean;
  /** The gradient-ascent oracle (null for beta = 0). */
  ascent: (AscentResult & { max_abs_diff: number }) | null;
}

/**
 * Solves the KL-regularised objective for every beta of a sweep: closed form, expected reward,
 * KL, top-3 actions, and (for beta > 0) the gradient-ascent check with its largest
 * probability difference from the closed form.
 *
 * @param actions the example (names, rewards, reference probabilities)
 * @param betas the sweep, each >= 0
 * @returns one {@link KlPoint} per beta, in the given order
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "./kl.ts";
 * import { klSweep } from "./kl_sweep.ts";
 * const [none, strong] = klSweep(COMPLETION_STYLES, [0, 10]);
 * // beta = 0: all mass on the style the grader pays most
 * assert(none.collapsed && none.expected_reward === Math.max(...COMPLETION_STYLES.map((a) => a.reward)));
 * assert(strong.kl < none.kl && strong.ascent!.max_abs_diff < 1e-6);
 * ```
 */
export function klSweep(actions: readonly KlAction[], betas: readonly number[]): KlPoint[] {
  const ref = actions.map((a) => a.ref);
  const rewards = actions.map((a) => a.reward);
  return betas.map((beta) => {
    const probs = klOptimalPolicy(ref, rewards, beta);
    const top3 = probs.map((p, a) => [p, a]).filter(([p]) => p > 0)
      .sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, 3).map(([, a]) => a);
    let ascent: KlPoint["ascent"] = null;
    if (beta > 0) {
      const got = klAscent(ref, rewards, beta);
      const diff = Math.max(...got.probs.map((p, a) => Math.abs(p - probs[a])));
      ascent = { ...got, max_abs_diff: diff };
    }
    return {
      beta,
      probs,
      expected_reward: expectedReward(probs, rewards),
      kl: klDivergence(probs, ref),
      top3,
      collapsed: beta === 0,
      ascent,
    };
  });
}
