/** Adam over n float32 parameters (n a multiple of 4), and the gradient's squared norm. */
@inline function ld(p: usize): v128 { return v128.load(p); }

/** Σ g² in f64 (lanes summed pairwise at the end). */
export function sumSquares(n: i32, g: usize): f64 {
  let s = f64x2.splat(0), t = f64x2.splat(0);
  for (let i = 0; i < n; i += 4) {
    const x = ld(g + (<usize>i << 2));
    const lo = f64x2.promote_low_f32x4(x), hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
    s = f64x2.add(s, f64x2.mul(lo, lo));
    t = f64x2.add(t, f64x2.mul(hi, hi));
  }
  const u = f64x2.add(s, t);
  return f64x2.extract_lane(u, 0) + f64x2.extract_lane(u, 1);
}

/**
 * One step: g ← gs · g; m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
 * θ ← θ − lr · (m / c1) / (√(v / c2) + ε), with c1 = 1 − β1^t, c2 = 1 − β2^t from the caller.
 */
export function adamStep(n: i32, th: usize, g: usize, m: usize, v: usize, gs: f32, lr: f32, b1: f32, b2: f32, c1: f32, c2: f32, eps: f32): void {
  const gs4 = f32x4.splat(gs), lr4 = f32x4.splat(lr), b14 = f32x4.splat(b1), b24 = f32x4.splat(b2);
  const a14 = f32x4.splat(1 - b1), a24 = f32x4.splat(1 - b2), c14 = f32x4.splat(c1), c24 = f32x4.splat(c2), e4 = f32x4.splat(eps);
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    const gi = f32x4.mul(ld(g + o), gs4);
    const mi = f32x4.add(f32x4.mul(b14, ld(m + o)), f32x4.mul(a14, gi));
    const vi = f32x4.add(f32x4.mul(b24, ld(v + o)), f32x4.mul(f32x4.mul(a24, gi), gi));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.mul(lr4, f32x4.div(mi, c14)), f32x4.add(f32x4.sqrt(f32x4.div(vi, c24)), e4));
    v128.store(th + o, f32x4.sub(ld(th + o), step));
  }
}
