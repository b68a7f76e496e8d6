/**
 * The RL surrogate of lib/policy/policy_gradient.ts on the fast engine: the same loss and
 * gradient (tempered log-probabilities, the exact KL to a tempered reference), computed for the
 * whole batch at once through the wasm kernels in float32. The prompts are read in lockstep
 * with a tape; every completion that carries a signal starts from its prompt's final state and
 * all of them are read in lockstep; the output layer is one matrix product over every position;
 * the completions' gradients with respect to their prompt's state are summed into that state
 * and sent back through the prompts.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, paramsView } from "./gru.ts";
 * import { f32, mark, release, uploadModel, zerosLike } from "./kernels.ts";
 * import { surrogateGradient } from "./policy_gradient.ts";
 * import { surrogateFast } from "./policy_gradient_fast.ts";
 * const p = initParams({ vocab: 6, hidden: 4 }, makeRng(0));
 * const groups = [{ prompt: [2, 3], rollouts: [{ tokens: [4, 0], advantage: 0.5 }, { tokens: [5, 0], advantage: -0.5 }] }];
 * const ref = paramsView(p.cfg, new Float64Array(p.flat.length));
 * surrogateGradient(p, null, groups, 0, ref, 0.7);
 * const top = mark(), m = uploadModel(p), g = zerosLike(m);
 * surrogateFast(m, null, groups, 0, g, 0.7);
 * assert(f32(g.flat, p.flat.length).every((x, i) => Math.abs(x - ref.flat[i]) < 1e-5));
 * release(top);
 * ```
 * @module
 */
import { alloc, f32, i32, K, logitRows, mark, release, type WasmModel } from "./kernels.ts";
import { backwardLanes, forwardLanes, Lanes } from "./lanes.ts";
import { END } from "./vocab.ts";
import type { Group, Rollout, SurrogateStats } from "./policy_gradient.ts";

/** The final state of each sequence read by `L` into rows of `out` (sequence order). */
function finalStates(m: WasmModel, L: Lanes, lens: readonly number[], out: number): void {
  const H = m.H, S = f32(L.S, L.R * H), o = f32(out, lens.length * H);
  lens.forEach((n, i) => o.set(S.subarray(L.row(i, n) * H, L.row(i, n) * H + H), i * H));
}

/** The states of every completion, each read from its group's prompt (no tape for a reference). */
function readRollouts(
  m: WasmModel,
  groups: readonly Group[],
  lanes: readonly { g: number; r: Rollout }[],
  tape: boolean,
): { prompts: Lanes; rollouts: Lanes } {
  const prompts = forwardLanes(m, groups.map((g) => [...g.prompt, END]), 0, tape, new Lanes());
  const ends = alloc(Math.max(1, groups.length) * m.H * 4), starts = alloc(lanes.length * m.H * 4);
  finalStates(m, prompts, groups.map((g) => g.prompt.length + 1), ends);
  const e = f32(ends, groups.length * m.H), st = f32(starts, lanes.length * m.H);
  lanes.forEach((x, k) => st.set(e.subarray(x.g * m.H, (x.g + 1) * m.H), k * m.H));
  const seqs = lanes.map((x) => x.r.tokens.slice(0, -1));
  return { prompts, rollouts: forwardLanes(m, seqs, starts, tape, new Lanes()) };
}

/**
 * Evaluates the surrogate on a batch and adds its gradient into `grads` (see the module doc;
 * arguments as lib/policy/policy_gradient.ts's `surrogateGradient`, weights in the kernels' memory).
 */
export function surrogateFast(
  m: WasmModel,
  ref: WasmModel | null,
  groups: readonly Group[],
  beta: number,
  grads: WasmModel,
  temperature = 1,
): SurrogateStats {
  const N = groups.reduce((a, g) => a + g.rollouts.length, 0);
  const lanes = groups.flatMap((g, gi) =>
    g.rollouts.filter((r) => r.tokens.length > 0 && (r.advantage !== 0 || ref !== null))
      .map((r) => ({ g: gi, r }))
  );
  if (lanes.length === 0) return { loss: 0, pgLoss: 0, kl: 0, completions: N, used: 0 };
  const top = mark();
  try {
    const H = m.H, Vp = m.Vp, s = 1 / temperature;
    const { prompts, rollouts: L } = readRollouts(m, groups, lanes, true);
    const R = L.R, LG = alloc(R * Vp * 4), tok = alloc(R * 4), coef = alloc(R * 4);
    const lp = alloc(R * 4), kl = alloc(R * 4), work = alloc(Vp * 8), dS = alloc(R * H * 4);
    logitRows(m, R, L.S, LG);
    let Q = 0;
    if (ref) { // the reference's logits along the same tokens, in the same row layout
      Q = alloc(R * Vp * 4);
      logitRows(ref, R, readRollouts(ref, groups, lanes, false).rollouts.S, Q);
    }
    const tk = i32(tok, R), cf = f32(coef, R);
    lanes.forEach((x, k) =>
      x.r.tokens.forEach((y, t) => {
        tk[L.row(k, t)] = y;
        cf[L.row(k, t)] = x.r.advantage / N;
      })
    );
    K.pgRows(R, m.V, LG, Vp, s, tok, coef, lp, Q, ref ? beta / N : 0, kl, work);
    let pgLoss = 0, klSum = 0;
    const lpv = f32(lp, R), klv = f32(kl, R), cfv = f32(coef, R);
    for (let r = 0; r < R; r++) {
      pgLoss -= cfv[r] * lpv[r];
      if (ref) klSum += klv[r];
    }
    K.gemm(m.V, H, R, LG, 1, Vp, L.S, H, grads.wo, H, 1); // dwo += dLᵀ · h
    K.colSumAdd(R, Vp, LG, Vp, grads.bo);
    K.gemm(R, H, m.V, LG, Vp, 1, m.wo, H, dS, H, 0); // dh = dL · wo
    backwardLanes(m, grads, L, dS);
    // each completion's dL/dh_0 into its prompt's final state, then back through the prompts
    const dP = alloc(prompts.R * H * 4), dp = f32(dP, prompts.R * H).fill(0);
    const d0 = f32(dS, lanes.length * H);
    lanes.forEach((x, k) => {
      const to = prompts.row(x.g, groups[x.g].prompt.length + 1) * H, from = L.rank[k] * H;
      for (let i = 0; i < H; i++) dp[to + i] += d0[from + i];
    });
    backwardLanes(m, grads, prompts, dP);
    const klMean = klSum / N;
    return {
      loss: pgLoss + (ref ? beta * klMean : 0),
      pgLoss,
      kl: ref ? klMean : 0,
      completions: N,
      used: lanes.length,
    };
  } finally {
    release(top);
  }
}
