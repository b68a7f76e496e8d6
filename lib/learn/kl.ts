/**
 * The KL-regularised objective of RLHF on one categorical decision, solved two ways.
 *
 * A policy pi over K actions, a reference policy pi_ref and a reward r(a). For a penalty
 * weight beta >= 0 the policy maximises
 *
 *   J(pi) = E_pi[r] - beta * KL(pi || pi_ref),   KL(pi || pi_ref) = sum_a pi(a) log(pi(a) / pi_ref(a)).
 *
 * For beta > 0 the maximiser is the Gibbs policy pi(a) = pi_ref(a) exp(r(a) / beta) / Z,
 * computed stably in log space: s(a) = log pi_ref(a) + r(a) / beta, then softmax(s - max s).
 * For beta = 0 there is no penalty and no division: every policy on the best actions is a
 * maximiser; we return the beta -> 0+ limit of the Gibbs policy, which puts all mass on the
 * best actions within pi_ref's support, split among ties in proportion to pi_ref (the
 * reward-maximiser closest to pi_ref in KL).
 *
 * The oracle check: gradient ascent on J over logits z (pi = softmax(z)), starting at pi_ref,
 * reaches the same policy. With f(a) = r(a) - beta (log pi(a) - log pi_ref(a)),
 *
 *   dJ/dz_a = pi(a) (f(a) - E_pi[f])
 *
 * (the "+1" of d(pi log pi)/d pi cancels against the softmax's centring). {@link klAscent}
 * follows the natural gradient f(a) - E_pi[f] (this gradient with the factor pi(a) divided out;
 * see there why). `tests/kl_test.ts` shows the two agree to 1e-6 in probabilities for every
 * beta of the sweep, down to 0.01.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "../core/testing.ts";
 * import { klOptimalPolicy } from "./kl.ts";
 * // r/beta = log 3 turns a uniform reference into 1:3 odds.
 * const pi = klOptimalPolicy([0.5, 0.5], [0, Math.log(3)], 1);
 * assertAlmostEquals(pi[1], 0.75, 1e-12);
 * ```
 * @module
 */

/** One action of the example: a name to print, its reward and its reference probability. */
export interface KlAction {
  name: string;
  reward: number;
  ref: number;
}

/**
 * The default example: eight completion styles of the course's own tiny base policy, measured.
 * The shipped base (`data/policy/base.json`) was sampled 8 times on each of the 120 small_dev
 * prompts (temperature 1, seed 0: what `deno task sample --n 8` writes); every sample was put
 * in a style by its shape (lib/learn/kl_styles.ts's `styleOf`) and scored by the **substring**
 * rubric ("the completion contains the expected number", the grader M5 red-teams). `ref` is the
 * style's share of the 960 samples (π_ref: how often the reference writes it); `reward` the
 * share of its samples the substring rubric paid (r(a): the chance the grader accepts the
 * style). The strict scorer pays only bare `Final: N` lines (264 of 527).
 *
 * The format hack is the last style, answer laundering: several numbers joined by "or"
 * (`Final: 0 or 2 or -1`). The base already writes it now and then, because the weak model it
 * imitates hedged; the substring rubric pays it more often than any honest style, since one of
 * the numbers is often right. With no KL penalty the optimum writes nothing else.
 *
 * Pinned as exact fractions (samples, paid); lib/course/style_lab.ts re-measures them and
 * tests/learn/kl_styles_test.ts holds the two equal.
 */
export const COMPLETION_STYLES: readonly KlAction[] = [
  { name: "bare 'Final: N'", reward: 291 / 527, ref: 527 / 960 },
  { name: "working, then 'Final: N'", reward: 29 / 51, ref: 51 / 960 },
  { name: "'Final: N.'", reward: 46 / 85, ref: 85 / 960 },
  { name: "'Final:  N' (two spaces)", reward: 24 / 53, ref: 53 / 960 },
  { name: "'The answer is N.'", reward: 26 / 43, ref: 43 / 960 },
  { name: "other format slips", reward: 46 / 92, ref: 92 / 960 },
  { name: "hedge: 2 numbers", reward: 23 / 36, ref: 36 / 960 },
  { name: "hedge: 3+ numbers", reward: 56 / 73, ref: 73 / 960 },
];

/** The default sweep of beta, from no penalty to a strong one. */
export const DEFAULT_BETAS: readonly number[] = [0, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

/** Throws a RangeError unless ref is a distribution, rewards are finite and beta >= 0. */
export function checkInputs(
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
): void {
  if (ref.length === 0 || ref.length !== rewards.length) {
    throw new RangeError(
      `ref and rewards must be non-empty and equally long (${ref.length} vs ${rewards.length})`,
    );
  }
  if (ref.some((p) => !(p >= 0) || !Number.isFinite(p))) {
    throw new RangeError("ref must hold finite non-negative probabilities");
  }
  const total = ref.reduce((s, p) => s + p, 0);
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`ref must sum to 1, got ${total}`);
  if (rewards.some((r) => !Number.isFinite(r))) throw new RangeError("rewards must be finite");
  if (!(beta >= 0) || !Number.isFinite(beta)) {
    throw new RangeError(`beta must be finite and >= 0, got ${beta}`);
  }
}

/**
 * The maximiser of E_pi[r] - beta * KL(pi || pi_ref): pi ∝ pi_ref * exp(r / beta) for
 * beta > 0, and for beta = 0 the collapse onto the best actions in pi_ref's support (ties
 * split in proportion to pi_ref).
 *
 * @param ref the reference probabilities (sum 1; zeros allowed: those actions stay at 0)
 * @param rewards r(a), same length
 * @param beta the KL weight, >= 0
 * @returns the optimal probabilities
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { klOptimalPolicy } from "./kl.ts";
 * // beta = 0: the two best actions share the mass 1:3, as pi_ref does; action 0 gets nothing.
 * assertEquals(klOptimalPolicy([0.5, 0.125, 0.375], [0, 1, 1], 0), [0, 0.25, 0.75]);
 * ```
 */
export function klOptimalPolicy(
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
): number[] {
  checkInputs(ref, rewards, beta);
  if (beta === 0) {
    let best = -Infinity;
    for (let a = 0; a < ref.length; a++) if (ref[a] > 0) best = Math.max(best, rewards[a]);
    const mass = ref.reduce((s, p, a) => (p > 0 && rewards[a] === best ? s + p : s), 0);
    return ref.map((p, a) => (p > 0 && rewards[a] === best ? p / mass : 0));
  }
  // s(a) = log pi_ref(a) + r(a)/beta; softmax(s - max s) never overflows.
  const s = ref.map((p, a) => Math.log(p) + rewards[a] / beta);
  const m = Math.max(...s);
  const e = s.map((v) => Math.exp(v - m)); // exp(-Infinity) = 0 outside the support
  const z = e.reduce((acc, v) => acc + v, 0);
  return e.map((v) => v / z);
}

/**
 * E_pi[r] = sum_a pi(a) r(a).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { expectedReward } from "./kl.ts";
 * assertEquals(expectedReward([0.25, 0.75], [0, 1]), 0.75);
 * ```
 */
export function expectedReward(probs: readonly number[], rewards: readonly number[]): number {
  let total = 0;
  for (let a = 0; a < probs.length; a++) total += probs[a] * rewards[a];
  return total;
}

/**
 * KL(pi || pi_ref) = sum_a pi(a) log(pi(a) / pi_ref(a)), in nats, with 0 log 0 = 0. Infinite
 * when pi puts mass where pi_ref has none.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "../core/testing.ts";
 * import { klDivergence } from "./kl.ts";
 * assertAlmostEquals(klDivergence([1, 0], [0.5, 0.5]), Math.log(2), 1e-15);
 * ```
 */
export function klDivergence(probs: readonly number[], ref: readonly number[]): number {
  let total = 0;
  for (let a = 0; a < probs.length; a++) {
    if (probs[a] === 0) continue;
    if (ref[a] === 0) return Infinity;
    total += probs[a] * Math.log(probs[a] / ref[a]);
  }
  return Math.max(total, 0); // rounding can leave -1e-17 for identical distributions
}
