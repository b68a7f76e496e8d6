/**
 * The oracle of the KL-regularised optimum: natural-gradient ascent on J(pi) = E_pi[r] -
 * beta * KL(pi || pi_ref) over the logits, starting at pi_ref. With f(a) = r(a) - beta (log pi(a) -
 * log pi_ref(a)) the gradient is dJ/dz_a = pi(a) (f(a) - E_pi[f]); the natural step follows
 * f(a) - E_pi[f]. It must reach the closed form of `kl.ts` (the tests hold it to 1e-6).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "../core/testing.ts";
 * import { klAscent } from "./kl_ascent.ts";
 * const r = klAscent([0.5, 0.5], [0, Math.log(3)], 1);
 * assertAlmostEquals(r.probs[1], 0.75, 1e-8);
 * ```
 * @module
 */
import { checkInputs } from "./kl.ts";

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
 * import { klAscent } from "./kl_ascent.ts";
 * import { klOptimalPolicy } from "./kl.ts";
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
