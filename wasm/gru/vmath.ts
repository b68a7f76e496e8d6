/**
 * exp for four float32 lanes (Cephes' expf: x = k·ln2 + r, |r| ≤ ln2/2, a degree-5 polynomial
 * for e^r, then 2^k through the exponent bits), about 1 ulp; below −87.3 it is exactly 0, above
 * 88.7 it saturates. Plain IEEE operations only, so every machine gives the same bits.
 */
// The constants as data: V8 re-materialises a v128.const at every use (several instructions),
// while a load from memory folds into the arithmetic instruction that reads it.
const EXPC = memory.data<f32>([
  -87.33654, -87.33654, -87.33654, -87.33654, // 0: below this, e^x is 0
  88.3762626647949, 88.3762626647949, 88.3762626647949, 88.3762626647949, // 16: clamp
  12582912.0, 12582912.0, 12582912.0, 12582912.0, // 32: 1.5 · 2^23
  1.44269504088896341, 1.44269504088896341, 1.44269504088896341, 1.44269504088896341, // 48: 1/ln2
  0.693359375, 0.693359375, 0.693359375, 0.693359375, // 64: ln2, high part
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, // 80: ln2, low part
  1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, // 96: polynomial
  1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3,
  8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3,
  4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2,
  1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1,
  5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1,
  1.0, 1.0, 1.0, 1.0, // 192
  2.0, 2.0, 2.0, 2.0, // 208
  -Infinity, -Infinity, -Infinity, -Infinity, // 224
]);
const INTC = memory.data<i32>([
  0x4B400000 - 127, 0x4B400000 - 127, 0x4B400000 - 127, 0x4B400000 - 127, // 0
  0x80000000, 0x80000000, 0x80000000, 0x80000000, // 16: the sign bit
  0, 1, 2, 3, // 32: lane numbers
]);
@inline function i4(at: usize): v128 { return v128.load(INTC + at); }
/** −∞ in four lanes. */
@inline export function ninf4(): v128 { return c4(224); }
/** The lane numbers 0, 1, 2, 3. */
@inline export function lanes4(): v128 { return i4(32); }
@inline function c4(at: usize): v128 { return v128.load(EXPC + at); }
/** 1.0 in four lanes, from the constant table. */
@inline export function one4(): v128 { return c4(192); }

@inline export function exp4(x: v128): v128 {
  const under = f32x4.lt(x, c4(0));
  x = f32x4.pmin(x, c4(16));
  // k = round(x / ln2) by the 1.5·2^23 trick: the sum's low mantissa bits are k's
  const kb = f32x4.add(f32x4.mul(x, c4(48)), c4(32));
  const k = f32x4.sub(kb, c4(32));
  let r = f32x4.sub(x, f32x4.mul(k, c4(64)));
  r = f32x4.sub(r, f32x4.mul(k, c4(80)));
  let p = f32x4.add(f32x4.mul(c4(96), r), c4(112));
  p = f32x4.add(f32x4.mul(p, r), c4(128));
  p = f32x4.add(f32x4.mul(p, r), c4(144));
  p = f32x4.add(f32x4.mul(p, r), c4(160));
  p = f32x4.add(f32x4.mul(p, r), c4(176));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), c4(192));
  // 2^k: (k + 127) << 23, k read from kb's bits (kb = 0x4B400000 + k)
  const e = i32x4.shl(i32x4.sub(kb, i4(0)), 23);
  return v128.andnot(f32x4.mul(p, e), under);
}

/** The scalar exp of the same lanes (lane 0 of {@link exp4}), for tails. */
@inline export function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/** σ(x) = 1 / (1 + e^−x), four lanes. */
@inline export function sigmoid4(x: v128): v128 {
  return f32x4.div(one4(), f32x4.add(one4(), exp4(f32x4.neg(x))));
}

/** tanh(x) = sign(x) · (1 − 2 / (e^{2|x|} + 1)), four lanes. */
@inline export function tanh4(x: v128): v128 {
  const a = f32x4.abs(x);
  const t = f32x4.sub(one4(), f32x4.div(c4(208), f32x4.add(exp4(f32x4.add(a, a)), one4())));
  return v128.or(t, v128.and(x, i4(16)));
}

/** Vectorised exp of n floats (a test and benchmark entry point). */
export function expArray(n: i32, x: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), exp4(v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), exp1(load<f32>(x + (<usize>i << 2))));
}
