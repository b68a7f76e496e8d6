/**
 * The fast path's memory: the compiled kernels (lib/policy/gru_kernels.wasm, built from wasm/gru/
 * by `deno task wasm`), a stack of buffers in the module's memory, and a model's weights laid
 * out there in float32 with the transposed copies the forward pass reads.
 *
 * The fast path computes in float32 with 128-bit SIMD; the reference path (gru.ts, sequence.ts,
 * sampler.ts, …) in float64, one number at a time. Both compute the same functions; tests hold
 * them to float32 tolerance. Engines choose with an {@link Engine} argument, `"fast"` by default.
 *
 * Buffers are taken with {@link alloc} and given back with {@link release} in reverse order
 * (`const top = mark(); … release(top)`). Growing the memory detaches every typed view on it,
 * so views ({@link f32}, {@link i32}, {@link f64}) are taken after the allocations of a phase.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { downloadParams, mark, release, uploadModel } from "./kernels.ts";
 * const p = initParams({ vocab: 5, hidden: 4 }, makeRng(0));
 * const top = mark();
 * const m = uploadModel(p);
 * assertEquals(downloadParams(m).flat, Float64Array.from(p.flat, Math.fround));
 * release(top);
 * ```
 * @module
 */
import * as wasm from "./gru_kernels.wasm";
import { type GruParams, paramsView } from "./gru.ts";

/** Which implementation an engine runs: the wasm kernels or the plain-TypeScript reference. */
export type Engine = "fast" | "reference";

/** The kernels (see wasm/gru/ for what each computes). */
export const K = wasm;

let top = wasm.heapBase();

/** Takes `bytes` (16-byte aligned) from the kernels' memory, growing it when needed. */
export function alloc(bytes: number): number {
  const at = (top + 15) & ~15;
  top = at + bytes;
  const have = wasm.memory.buffer.byteLength;
  if (top > have) wasm.memory.grow(Math.ceil((top - have) / 65536));
  return at;
}

/** The current top of the stack of buffers (give it to {@link release}). */
export function mark(): number {
  return top;
}

/** Gives back every buffer taken since `at` was marked. */
export function release(at: number): void {
  top = at;
}

/** Runs `f` and gives back every buffer it took (a mark/release pair around it). */
export function scoped<T>(f: () => T): T {
  const at = top;
  try {
    return f();
  } finally {
    top = at;
  }
}

/** A float32 view of `n` numbers at `ptr`. */
export const f32 = (ptr: number, n: number): Float32Array =>
  new Float32Array(wasm.memory.buffer, ptr, n);
/** An int32 view of `n` numbers at `ptr`. */
export const i32 = (ptr: number, n: number): Int32Array =>
  new Int32Array(wasm.memory.buffer, ptr, n);
/** A float64 view of `n` numbers at `ptr`. */
export const f64 = (ptr: number, n: number): Float64Array =>
  new Float64Array(wasm.memory.buffer, ptr, n);

/**
 * A model in the kernels' memory: the flat parameter vector in float32 (the layout of
 * {@link GruParams}, padded to a multiple of 4: `Pp` numbers at `flat`, the blocks at `wi` … `bo`),
 * plus whᵀ (H, 3H), woᵀ (H, Vp) and bo padded to Vp = V rounded up to 4.
 */
export interface WasmModel {
  V: number;
  H: number;
  Vp: number;
  P: number;
  Pp: number;
  flat: number;
  wi: number;
  wh: number;
  bh: number;
  wo: number;
  bo: number;
  whT: number;
  woT: number;
  boP: number;
}

/** Whether the fast path can run a model of this shape (the kernels need H a multiple of 4). */
export function fastShape(cfg: { hidden: number }): boolean {
  return cfg.hidden % 4 === 0;
}

/** Copies a model's weights (rounded to float32) into the kernels' memory. */
export function uploadModel(p: GruParams): WasmModel {
  const { vocab: V, hidden: H } = p.cfg;
  if (!fastShape(p.cfg)) throw new RangeError(`the fast path needs hidden % 4 == 0, got ${H}`);
  const Vp = (V + 3) & ~3, P = p.flat.length, Pp = (P + 3) & ~3;
  const flat = alloc(Pp * 4), at = (n: number) => flat + n * 4;
  const m: WasmModel = {
    V,
    H,
    Vp,
    P,
    Pp,
    flat,
    wi: at(0),
    wh: at(V * 3 * H),
    bh: at(V * 3 * H + 3 * H * H),
    wo: at(V * 3 * H + 3 * H * H + 3 * H),
    bo: at(V * 3 * H + 3 * H * H + 3 * H + V * H),
    whT: alloc(H * 3 * H * 4),
    woT: alloc(H * Vp * 4),
    boP: alloc(Vp * 4),
  };
  f32(flat, Pp).fill(0).set(p.flat);
  f32(m.woT, H * Vp).fill(0);
  f32(m.boP, Vp).fill(0);
  refresh(m);
  return m;
}

/** A zeroed vector laid out like a model's parameters (gradients, Adam's moments). */
export function zerosLike(m: WasmModel): WasmModel {
  const flat = alloc(m.Pp * 4), d = flat - m.flat;
  f32(flat, m.Pp).fill(0);
  return { ...m, flat, wi: m.wi + d, wh: m.wh + d, bh: m.bh + d, wo: m.wo + d, bo: m.bo + d };
}

/** Re-makes the transposed copies after the weights changed. */
export function refresh(m: WasmModel): void {
  const { V, H, Vp } = m;
  K.transpose(3 * H, H, m.wh, H, m.whT, 3 * H);
  K.transpose(V, H, m.wo, H, m.woT, Vp);
  f32(m.boP, V).set(f32(m.bo, V));
}

/** The weights as a {@link GruParams} (float64 copies of the float32 numbers). */
export function downloadParams(m: WasmModel): GruParams {
  return paramsView({ vocab: m.V, hidden: m.H }, Float64Array.from(f32(m.flat, m.P)));
}

/** Where a forward step records what backward needs (each M × H, row-aligned with Ho). */
export interface TapeRows {
  Z: number;
  R: number;
  N: number;
  GN: number;
}

/**
 * One GRU step for M rows: states `Hp` (M × H) read tokens `tok` (M int32) into `Ho`; `G` is
 * scratch of M × 3H. The recurrent part is bh + Hp · whᵀ (a GEMM), then the gates.
 */
export function stepRows(
  m: WasmModel,
  M: number,
  Hp: number,
  tok: number,
  Ho: number,
  G: number,
  tape?: TapeRows,
): void {
  const H = m.H;
  K.fillRows(M, 3 * H, m.bh, G, 3 * H);
  K.gemm(M, 3 * H, H, Hp, H, 1, m.whT, 3 * H, G, 3 * H, 1);
  const t = tape ?? { Z: 0, R: 0, N: 0, GN: 0 };
  K.gruForward(M, H, G, m.wi, tok, Hp, H, Ho, H, t.Z, t.R, t.N, t.GN);
}

/** Logits of M states `Hs` (M × H) into `L` (M × Vp): bo + Hs · woᵀ (pad columns 0). */
export function logitRows(m: WasmModel, M: number, Hs: number, L: number): void {
  K.fillRows(M, m.Vp, m.boP, L, m.Vp);
  K.gemm(M, m.Vp, m.H, Hs, m.H, 1, m.woT, m.Vp, L, m.Vp, 1);
}
