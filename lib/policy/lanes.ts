/**
 * Many token sequences read in lockstep by the fast path ("lanes"): the batched forward pass of
 * lib/policy/sequence.ts, and its backward pass through time.
 *
 * Lane l starts in state `start[l]` (or 0) and reads its tokens; its states h_0 … h_len are rows
 * of one matrix S. Lanes are sorted longest first, so the lanes still reading at position t are
 * a prefix and the row of (sequence i, position t) is `offs[t] + rank[i]`: each step is one
 * matrix product over the live rows, and the weight gradients are matrix products over all rows.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, runTokens } from "./gru.ts";
 * import { f32, mark, release, uploadModel } from "./kernels.ts";
 * import { forwardLanes, Lanes } from "./lanes.ts";
 * const p = initParams({ vocab: 6, hidden: 4 }, makeRng(0));
 * const top = mark();
 * const L = forwardLanes(uploadModel(p), [[1, 2, 3], [4]], 0, false, new Lanes());
 * const h = f32(L.S + L.row(0, 3) * 4 * 4, 4), want = runTokens(p, new Float64Array(4), [1, 2, 3]);
 * assert(h.every((x, i) => Math.abs(x - want[i]) < 1e-6));
 * release(top);
 * ```
 * @module
 */
import { alloc, f32, i32, K, mark, release, type WasmModel } from "./kernels.ts";

/** The row layout of a lockstep pass and its buffers in the kernels' memory. */
export class Lanes {
  /** Lane l reads sequence `order[l]`. */
  order: number[] = [];
  /** Sequence i is read by lane `rank[i]`. */
  rank: Int32Array = new Int32Array(0);
  /** The first row of position t. */
  offs: number[] = [];
  /** The lanes alive at position t (a prefix). */
  live: number[] = [];
  /** Rows in all (states h_t of every lane). */
  R = 0;
  /** States (R × H); with a tape, the gates z, r, n and g_n of the step that made each row. */
  S = 0;
  Z = 0;
  Rg = 0;
  N = 0;
  GN = 0;
  /** The token each row's step read (R int32). */
  tok = 0;
  /** Scratch for one step's recurrent part (rows × 3H). */
  G = 0;
  /** The row of sequence i's state at position t. */
  row(i: number, t: number): number {
    return this.offs[t] + this.rank[i];
  }
}

/**
 * Reads every sequence from its start state: `start` holds one H-row per sequence (in sequence
 * order), or is 0 for zero states. With `tape`, records what {@link backwardLanes} needs. The
 * buffers are taken from the kernels' stack: they live until the caller's `release`.
 */
export function forwardLanes(
  m: WasmModel,
  seqs: readonly (readonly number[])[],
  start: number,
  tape: boolean,
  L: Lanes,
): Lanes {
  const H = m.H, n = seqs.length;
  L.order = seqs.map((_, i) => i).sort((a, b) => seqs[b].length - seqs[a].length || a - b);
  L.rank = new Int32Array(n);
  L.order.forEach((s, l) => L.rank[s] = l);
  const P = n > 0 ? seqs[L.order[0]].length + 1 : 0; // positions
  L.offs = [];
  L.live = [];
  L.R = 0;
  for (let t = 0, M = n; t < P; t++) {
    while (M > 0 && seqs[L.order[M - 1]].length < t) M--;
    L.offs.push(L.R);
    L.live.push(M);
    L.R += M;
  }
  const rows = () => alloc(Math.max(1, L.R) * H * 4);
  L.S = rows();
  [L.Z, L.Rg, L.N, L.GN] = tape ? [rows(), rows(), rows(), rows()] : [0, 0, 0, 0];
  L.tok = alloc(Math.max(1, L.R) * 4);
  L.G = alloc(Math.max(1, L.live[1] ?? 0) * 3 * H * 4);
  const S = f32(L.S, Math.max(n, 1) * H);
  if (start === 0) S.fill(0, 0, n * H);
  else {
    const st = f32(start, n * H);
    L.order.forEach((s, l) => S.set(st.subarray(s * H, s * H + H), l * H));
  }
  const tk = i32(L.tok, L.R);
  for (let t = 0; t + 1 < P; t++) { // step t: position t → t + 1 for the lanes alive at t + 1
    const M = L.live[t + 1], o = L.offs[t + 1], at = o * H * 4;
    for (let l = 0; l < M; l++) tk[o + l] = seqs[L.order[l]][t];
    const hp = L.S + L.offs[t] * H * 4;
    K.fillRows(M, 3 * H, m.bh, L.G, 3 * H);
    K.gemm(M, 3 * H, H, hp, H, 1, m.whT, 3 * H, L.G, 3 * H, 1);
    const [z, r, nn, gn] = tape ? [L.Z + at, L.Rg + at, L.N + at, L.GN + at] : [0, 0, 0, 0];
    K.gruForward(M, H, L.G, m.wi, L.tok + o * 4, hp, H, L.S + at, H, z, r, nn, gn);
  }
  return L;
}

/**
 * Backpropagation through time over a taped pass: `dS` (rows like S) holds dL/dh from outside
 * (the output layer) for every state. Walking back, each step adds the recurrent path; on return
 * the first rows (position 0, lane order) hold dL/dh_0. Adds the gradients of wh, bh and wi into
 * `grads` (a layout like `m`'s, see `zerosLike`).
 */
export function backwardLanes(m: WasmModel, grads: WasmModel, L: Lanes, dS: number): void {
  const H = m.H, top = mark(), M1 = Math.max(1, L.live[1] ?? 0);
  const dG = alloc(M1 * 3 * H * 4), dA = alloc(M1 * 3 * H * 4), dHp = alloc(M1 * H * 4);
  for (let t = L.live.length - 1; t >= 1; t--) {
    const M = L.live[t], at = L.offs[t] * H * 4, prev = L.offs[t - 1] * H * 4;
    if (M === 0) continue;
    const hp = L.S + prev;
    K.gruBackward(
      M,
      H,
      dS + at,
      H,
      L.Z + at,
      L.Rg + at,
      L.N + at,
      L.GN + at,
      hp,
      H,
      dG,
      dA,
      dHp,
      H,
    );
    K.gemm(M, H, 3 * H, dG, 3 * H, 1, m.wh, H, dHp, H, 1); // dh_{t-1} = dh'⊙z + whᵀ·dg
    K.addTo(M * H, dHp, dS + prev);
    K.gemm(3 * H, H, M, dG, 1, 3 * H, hp, H, grads.wh, H, 1); // dwh += dgᵀ · h_{t-1}
    K.colSumAdd(M, 3 * H, dG, 3 * H, grads.bh);
    K.scatterAddRows(M, 3 * H, dA, 3 * H, L.tok + L.offs[t] * 4, grads.wi, 3 * H);
  }
  release(top);
}
