/**
 * The tiny GRU's fast kernels, compiled by AssemblyScript to one WebAssembly module with 128-bit
 * SIMD (`deno task wasm` builds lib/policy/gru_kernels.wasm from these files; `--check` re-makes it
 * and compares bytes). Everything is float32 and uses plain IEEE operations only (no relaxed
 * SIMD, no fused multiply-add), so every machine computes the same bits. Pointers are byte
 * offsets into the module's memory; lib/policy/kernels.ts lays the buffers out.
 */
export { addTo, colSumAdd, fillRows, gemm, scatterAddRows, transpose } from "./gemm";
export { expArray } from "./vmath";
export { gruBackward, gruForward } from "./gates";
export { klRows, logpRows, pgRows, pickRows, xentRows } from "./rows";
export { adamStep, sumSquares } from "./adam";
export { peakMulAdd } from "./peak";

/** The first byte after the module's static data (constant tables): callers allocate from here. */
export function heapBase(): usize {
  return __heap_base;
}
