/**
 * Adam (Kingma & Ba, 2015) over one flat parameter vector, with an optional clip of the
 * gradient's global L2 norm. For step t = 1, 2, … with gradient g:
 *
 *     m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
 *     θ ← θ − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 *
 * The state (m, v, t) is plain data: a fresh optimizer is `adamState(n)`, which is what RL
 * starts from (the supervised run's moments are not carried over).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { adamState, adamStep } from "./adam.ts";
 * const theta = Float64Array.of(1), state = adamState(1);
 * for (let i = 0; i < 200; i++) adamStep(theta, Float64Array.of(2 * theta[0]), state, { lr: 0.05 });
 * assert(Math.abs(theta[0]) < 0.05); // minimises θ²
 * ```
 * @module
 */

/** Adam's settings; β1 = 0.9, β2 = 0.999, ε = 1e-8 unless given. */
export interface AdamConfig {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Clip the gradient's global L2 norm to this before the update (no clip when absent). */
  clip?: number;
}

/** Adam's moments and step count. */
export interface AdamState {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

/** A fresh state for `n` parameters (zero moments, step 0). */
export function adamState(n: number): AdamState {
  return { m: new Float64Array(n), v: new Float64Array(n), t: 0 };
}

/** L2 norm of a vector. */
export function l2norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/**
 * One Adam update of `theta` in place with gradient `grad` (which is scaled in place when
 * clipped). Returns the gradient's norm before clipping.
 */
export function adamStep(
  theta: Float64Array,
  grad: Float64Array,
  state: AdamState,
  cfg: AdamConfig,
): number {
  const b1 = cfg.beta1 ?? 0.9, b2 = cfg.beta2 ?? 0.999, eps = cfg.eps ?? 1e-8;
  const norm = l2norm(grad);
  if (cfg.clip !== undefined && norm > cfg.clip) {
    const s = cfg.clip / norm;
    for (let i = 0; i < grad.length; i++) grad[i] *= s;
  }
  state.t++;
  const c1 = 1 - Math.pow(b1, state.t), c2 = 1 - Math.pow(b2, state.t);
  const { m, v } = state;
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i];
    m[i] = b1 * m[i] + (1 - b1) * g;
    v[i] = b2 * v[i] + (1 - b2) * g * g;
    theta[i] -= cfg.lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
  }
  return norm;
}
