/**
 * The machine's ceiling for these kernels: 12 independent chains (6 of f32x4.add, 6 of
 * f32x4.mul), so nothing waits on a result and every cycle can issue as many 128-bit
 * multiplies and adds as the core allows. Returns a lane sum (so the work is not dropped);
 * `deno task bench` divides the 48 · iters flops by the time.
 */
const K = memory.data<f32>([1e-7, 1e-7, 1e-7, 1e-7, 0.9999999, 0.9999999, 0.9999999, 0.9999999]);

export function peakMulAdd(iters: i32): f32 {
  // the constants are loaded (V8 would re-make a v128.const at every use, inside the loop)
  const c = v128.load(K), m = v128.load(K + 16);
  let a0 = f32x4.splat(1), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
  let b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0;
  for (let i = 0; i < iters; i++) {
    a0 = f32x4.add(a0, c); a1 = f32x4.add(a1, c); a2 = f32x4.add(a2, c);
    a3 = f32x4.add(a3, c); a4 = f32x4.add(a4, c); a5 = f32x4.add(a5, c);
    b0 = f32x4.mul(b0, m); b1 = f32x4.mul(b1, m); b2 = f32x4.mul(b2, m);
    b3 = f32x4.mul(b3, m); b4 = f32x4.mul(b4, m); b5 = f32x4.mul(b5, m);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(a4, a5));
  const t = f32x4.add(f32x4.add(f32x4.add(b0, b1), f32x4.add(b2, b3)), f32x4.add(b4, b5));
  return f32x4.extract_lane(f32x4.add(s, t), 0);
}
