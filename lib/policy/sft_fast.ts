/**
 * The fast engine of supervised training (lib/policy/sft.ts defines the loss, the schedule and
 * the batches; this computes them through the wasm kernels in float32): the 32 sequences of a
 * batch read in lockstep, the output layer over all their completion positions as one matrix
 * product, backpropagation through time in lockstep, and Adam over the flat vector. The order of
 * every sum is fixed, so a run is the same bits on every machine.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, paramsView } from "./gru.ts";
 * import { sequenceNll } from "./sequence.ts";
 * import { f32, mark, release, uploadModel, zerosLike } from "./kernels.ts";
 * import { batchNll } from "./sft_fast.ts";
 * const p = initParams({ vocab: 6, hidden: 4 }, makeRng(1));
 * const ref = paramsView(p.cfg, new Float64Array(p.flat.length));
 * const nll = sequenceNll(p, [2, 3], [4, 5], 0, ref, 1);
 * const top = mark(), m = uploadModel(p), g = zerosLike(m);
 * assert(Math.abs(batchNll(m, g, [{ prompt: [2, 3], completion: [4, 5] }], 1) - nll) < 1e-5);
 * assert(f32(g.flat, p.flat.length).every((x, i) => Math.abs(x - ref.flat[i]) < 1e-5));
 * release(top);
 * ```
 * @module
 */
import { assertFiniteStep } from "./finite.ts";
import { makeRng, seedFrom } from "../core/prng.ts";
import type { GruParams } from "./gru.ts";
import {
  alloc,
  downloadParams,
  f32,
  i32,
  K,
  logitRows,
  mark,
  refresh,
  release,
  uploadModel,
  type WasmModel,
  zerosLike,
} from "./kernels.ts";
import { backwardLanes, forwardLanes, Lanes } from "./lanes.ts";
import { END } from "./vocab.ts";

/** A corpus row as token ids (the shape of lib/policy/sft.ts's `EncodedRow`). */
export interface TokenRow {
  prompt: readonly number[];
  completion: readonly number[];
}

/**
 * Adds the gradient of `scale` · Σ NLL over `batch` into `grads` and returns Σ NLL: the NLL of
 * each completion's tokens and its closing END after `prompt ++ [END]` (lib/policy/sequence.ts).
 */
export function batchNll(
  m: WasmModel,
  grads: WasmModel,
  batch: readonly TokenRow[],
  scale: number,
): number {
  const top = mark();
  try {
    const H = m.H, Vp = m.Vp;
    const L = forwardLanes(
      m,
      batch.map((r) => [...r.prompt, END, ...r.completion]),
      0,
      true,
      new Lanes(),
    );
    const Nc = batch.reduce((s, r) => s + r.completion.length + 1, 0);
    const HC = alloc(Nc * H * 4), LG = alloc(Nc * Vp * 4), tgt = alloc(Nc * 4);
    const work = alloc(Vp * 4), dS = alloc(L.R * H * 4);
    const rows = new Int32Array(Nc), tg = i32(tgt, Nc), hc = f32(HC, Nc * H), S = f32(L.S, L.R * H);
    let c = 0;
    batch.forEach((r, i) => { // the states that predict completion[k] (and END last)
      for (let k = 0; k <= r.completion.length; k++, c++) {
        rows[c] = L.row(i, r.prompt.length + 1 + k);
        tg[c] = k < r.completion.length ? r.completion[k] : END;
        hc.set(S.subarray(rows[c] * H, rows[c] * H + H), c * H);
      }
    });
    logitRows(m, Nc, HC, LG);
    const nll = K.xentRows(Nc, m.V, LG, Vp, tgt, scale, work); // logits become dL/dlogits
    K.gemm(m.V, H, Nc, LG, 1, Vp, HC, H, grads.wo, H, 1); // dwo += dLᵀ · h
    K.colSumAdd(Nc, Vp, LG, Vp, grads.bo);
    K.gemm(Nc, H, m.V, LG, Vp, 1, m.wo, H, HC, H, 0); // dh = dL · wo, over HC
    const ds = f32(dS, L.R * H).fill(0), dh = f32(HC, Nc * H);
    for (let k = 0; k < Nc; k++) ds.set(dh.subarray(k * H, k * H + H), rows[k] * H);
    backwardLanes(m, grads, L, dS);
    return nll;
  } finally {
    release(top);
  }
}

/** What a fast training loop needs of lib/policy/sft.ts (its schedule and batch draws). */
export interface SftLoop {
  steps: number;
  batch: number;
  clip: number;
  seed: number;
  logEvery: number;
  learningRate: (t: number) => number;
}

/**
 * The training loop of lib/policy/sft.ts on the fast engine, from the given initial weights:
 * the same batches (stream `sft-order`), loss, clipping and schedule. Calls `log(step, Σ NLL,
 * tokens)` after every step (the caller keeps the curve).
 */
export function trainFast(
  init: GruParams,
  rows: readonly TokenRow[],
  cfg: SftLoop,
  log: (step: number, nll: number, tokens: number) => void,
): GruParams {
  const top = mark();
  try {
    const m = uploadModel(init), grads = zerosLike(m), mom = zerosLike(m), vel = zerosLike(m);
    const rng = makeRng(seedFrom("sft-order", cfg.seed));
    const b1 = 0.9, b2 = 0.999;
    for (let t = 1; t <= cfg.steps; t++) {
      const batch = Array.from({ length: cfg.batch }, () => rows[rng.int(rows.length)]);
      const tokens = batch.reduce((s, r) => s + r.completion.length + 1, 0);
      f32(grads.flat, m.Pp).fill(0);
      const nll = batchNll(m, grads, batch, 1 / tokens);
      const norm = Math.sqrt(K.sumSquares(m.Pp, grads.flat));
      const gs = norm > cfg.clip ? cfg.clip / norm : 1;
      const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
      K.adamStep(
        m.Pp,
        m.flat,
        grads.flat,
        mom.flat,
        vel.flat,
        gs,
        cfg.learningRate(t),
        b1,
        b2,
        c1,
        c2,
        1e-8,
      );
      refresh(m);
      assertFiniteStep("sft", t, nll, f32(m.flat, m.Pp)); // exit 2, before anything is written
      log(t, nll, tokens);
    }
    return downloadParams(m);
  } finally {
    release(top);
  }
}
