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
 * The default example: eight "completion styles" a model might use to answer a math prompt.
 * `reward` is the chance the strict verifier accepts that style; `ref` is how often the
 * reference (pre-RL) model writes it. Style 6 is a format hack the grader happens to accept
 * but the reference almost never writes: with a small beta the policy collapses onto it, with a
 * larger beta it stays with plausible styles. That is what the KL penalty buys.
 */
export const COMPLETION_STYLES: readonly KlAction[] = [
  { name: "steps + 'Final: N'", reward: 0.8, ref: 0.25 },
  { name: "bare 'Final: N'", reward: 0.9, ref: 0.05 },
  { name: "steps, answer in prose", reward: 0.1, ref: 0.3 },
  { name: "'Final: N' + chatter", reward: 0.4, ref: 0.15 },
  { name: "LaTeX \\boxed{N}", reward: 0.05, ref: 0.1 },
  { name: "'Final:N' (no space)", reward: 0.3, ref: 0.05 },
  { name: "format hack", reward: 1.0, ref: 0.001 },
  { name: "asks to clarify", reward: 0, ref: 0.099 },
];

/** The default sweep of beta, from no penalty to a strong one. */
export const DEFAULT_BETAS: readonly number[] = [0, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

function checkInputs(ref: readonly number[], rewards: readonly number[], beta: number): void {
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

/** Settings of the gradient-ascent oracle. */
export interface AscentOptions {
  /**
   * Step size of the natural-gradient step on the logits; default 1 / (2 beta), half the step
   * that would land on the optimum at once. Stable for 0 < lr < 2 / beta.
   */
  lr?: number;
  /**
   * Stop when the residual max_a |f(a) - E_pi[f]| / beta falls below this; then every
   * probability is within a relative error of about 2 * tol of the optimum; default 1e-8.
   */
  tol?: number;
  /** Give up after this many steps (then `converged` is false); default 10,000. */
  maxIters?: number;
}

/** What gradient ascent reached. */
export interface AscentResult {
  probs: number[];
  /** Steps taken. */
  iterations: number;
  /** Whether the residual fell below `tol` within `maxIters` steps. */
  converged: boolean;
  /** The last residual max_a |f(a) - E_pi[f]| / beta (NaN if the iterates left the numbers). */
  residual: number;
}

/**
 * Maximises E_pi[r] - beta * KL(pi || pi_ref) by natural-gradient ascent on the logits, from
 * pi = pi_ref (the way RL fine-tuning starts). Needs beta > 0: at beta = 0 the maximiser sits at
 * infinite logits. Actions outside pi_ref's support stay at probability 0.
 *
 * The step. The plain gradient dJ/dz_a = pi(a) (f(a) - J), with
 * f(a) = r(a) - beta (log pi(a) - log pi_ref(a)) and J = E_pi[f], carries a factor pi(a): an
 * action the policy rarely takes is barely pushed, however good it is. At a small beta the
 * optimum puts tiny mass on many actions, so plain ascent crawls, and at beta = 0.01 on
 * {@link COMPLETION_STYLES} (momentum and all) it settled near a corner of the simplex where the
 * probability of the action it should move to had underflowed, its gradient was 0 in floating
 * point, and it reported convergence at the wrong policy (gap about 1.0). So we precondition
 * with the Fisher information of the softmax, F = diag(pi) - pi pi^T: since
 * F (f - J) = pi (f - J) - pi E_pi[f - J] = dJ/dz, the natural gradient is f - J itself, and each
 * step is
 *
 *   z <- z + lr * (f - J)        (natural policy gradient; on the simplex, mirror ascent in KL)
 *
 * It is still ascent on the same J with only its gradient; it never uses exp(r / beta). In log
 * space the step contracts the distance to the optimum by |1 - lr * beta| per step, whatever
 * the probabilities, so no plateau exists. At lr = 1 / beta one step would land on the optimum
 * (that step is the closed form's derivation); the default lr = 1 / (2 beta) halves the
 * distance per step, so the ascent really iterates (about 40 steps at beta = 0.01) and its
 * convergence is measured, not assumed. The logits are re-centred (max 0) after every step.
 *
 * Convergence criterion: the residual max_a |f(a) - J| / beta < tol. It is computed in log space,
 * so an action whose probability underflowed still counts, and f(a) - J = beta (d(a) - E_pi[d])
 * with d = log pi* - log pi: a residual below tol bounds every |d(a)| by about 2 tol, a relative
 * error of about 2 tol in every probability. If `maxIters` runs out first, `converged` is false.
 *
 * @param ref the reference probabilities
 * @param rewards r(a)
 * @param beta the KL weight, > 0
 * @param opts step size, tolerance, iteration cap
 * @returns the probabilities reached, the number of steps, whether it converged, the residual
 *
 * @example
 * ```ts
 * import { assert, assertAlmostEquals } from "../core/testing.ts";
 * import { klAscent, klOptimalPolicy } from "./kl.ts";
 * const ref = [0.7, 0.2, 0.1], r = [0, 0.5, 1];
 * const got = klAscent(ref, r, 0.5);
 * assert(got.converged && got.residual < 1e-8);
 * assertAlmostEquals(got.probs[2], klOptimalPolicy(ref, r, 0.5)[2], 1e-6);
 * ```
 */
export function klAscent(
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
  opts: AscentOptions = {},
): AscentResult {
  checkInputs(ref, rewards, beta);
  if (beta === 0) {
    throw new RangeError("gradient ascent needs beta > 0 (at beta = 0 the logits diverge)");
  }
  const idx = ref.flatMap((p, a) => (p > 0 ? [a] : [])); // the support of pi_ref
  const logRef = idx.map((a) => Math.log(ref[a]));
  const r = idx.map((a) => rewards[a]);
  const lr = opts.lr ?? 1 / (2 * beta);
  const tol = opts.tol ?? 1e-8;
  const maxIters = opts.maxIters ?? 10_000;

  // At logits z (K_support,): log pi = z - lse, f(a) = r(a) - beta (log pi(a) - log pi_ref(a)),
  // J = E_pi f; the natural gradient is f - J, the residual max |f - J| / beta.
  const evaluate = (z: readonly number[]) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((acc, v) => acc + Math.exp(v - m), 0));
    const probs = z.map((v) => Math.exp(v - lse));
    const f = z.map((v, i) => r[i] - beta * (v - lse - logRef[i]));
    const J = probs.reduce((acc, p, i) => acc + p * f[i], 0);
    const nat = f.map((v) => v - J);
    return { probs, nat, residual: Math.max(...nat.map(Math.abs)) / beta };
  };

  let z = [...logRef]; // (K_support,) logits; start at pi = pi_ref
  let cur = evaluate(z);
  let iterations = 0;
  let converged = false;
  while (Number.isFinite(cur.residual)) {
    if (cur.residual < tol) {
      converged = true;
      break;
    }
    if (iterations === maxIters) break;
    iterations++;
    const next = z.map((v, i) => v + lr * cur.nat[i]);
    const m = Math.max(...next);
    z = next.map((v) => v - m); // re-centre: pi is unchanged, the logits stay small
    cur = evaluate(z);
  }
  const probs = new Array<number>(ref.length).fill(0);
  idx.forEach((a, i) => (probs[a] = cur.probs[i]));
  return { probs, iterations, converged, residual: cur.residual };
}

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
 * import { COMPLETION_STYLES, klSweep } from "./kl.ts";
 * const [none, strong] = klSweep(COMPLETION_STYLES, [0, 10]);
 * assert(none.collapsed && none.expected_reward === 1);
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
