/**
 * The GRU's elementwise part for M rows at once (H a multiple of 4). The matrix products
 * (g = wh · h + bh, and whᵀ · dg) are {@link gemm} calls made by the caller.
 */
import { one4, sigmoid4, tanh4 } from "./vmath";

@inline function ld(p: usize): v128 { return v128.load(p); }

/**
 * Forward: for row m, reads token tok[m] in state Hp[m] with recurrent part G[m] (3H, bias
 * included), writes Ho[m]. With Z ≠ 0, records z, r, n and g_n (each M × H) for backward.
 *
 *     z = σ(a_z + g_z)   r = σ(a_r + g_r)   n = tanh(a_n + r ⊙ g_n)   h' = (1 − z) ⊙ n + z ⊙ h
 */
export function gruForward(
  M: i32, H: i32, G: usize, wi: usize, tok: usize, Hp: usize, ldhp: i32, Ho: usize, ldho: i32,
  Z: usize, R: usize, Nn: usize, GN: usize,
): void {
  const h4 = <usize>H << 2, g3 = <usize>3 * h4;
  for (let m = 0; m < M; m++) {
    const one = one4();
    const a = wi + <usize>load<i32>(tok + (<usize>m << 2)) * g3, g = G + <usize>m * g3;
    const hp = Hp + ((<usize>m * ldhp) << 2), ho = Ho + ((<usize>m * ldho) << 2);
    const t = <usize>m * h4;
    for (let o: usize = 0; o < h4; o += 16) {
      const z = sigmoid4(f32x4.add(ld(a + o), ld(g + o)));
      const r = sigmoid4(f32x4.add(ld(a + h4 + o), ld(g + h4 + o)));
      const gn = ld(g + 2 * h4 + o);
      const n = tanh4(f32x4.add(ld(a + 2 * h4 + o), f32x4.mul(r, gn)));
      v128.store(ho + o, f32x4.add(f32x4.mul(f32x4.sub(one, z), n), f32x4.mul(z, ld(hp + o))));
      if (Z) {
        v128.store(Z + t + o, z); v128.store(R + t + o, r);
        v128.store(Nn + t + o, n); v128.store(GN + t + o, gn);
      }
    }
  }
}

/**
 * Backward through the gates for M rows: given dL/dh' in dHo[m], writes dG[m] (3H: dâ_z, dâ_r,
 * dâ_n ⊙ r: what flows into wh, bh and the previous state), dA[m] (3H: dâ_z, dâ_r, dâ_n: what
 * flows into wi[tok]) and the direct part dHp[m] = dh' ⊙ z (the caller adds whᵀ · dg).
 *
 *     dâ_n = dh' ⊙ (1 − z) ⊙ (1 − n²)   dâ_z = dh' ⊙ (h − n) ⊙ z(1 − z)   dâ_r = dâ_n ⊙ g_n ⊙ r(1 − r)
 */
export function gruBackward(
  M: i32, H: i32, dHo: usize, lddo: i32, Z: usize, R: usize, Nn: usize, GN: usize, Hp: usize,
  ldhp: i32, dG: usize, dA: usize, dHp: usize, lddp: i32,
): void {
  const h4 = <usize>H << 2, g3 = <usize>3 * h4;
  const one = f32x4.splat(1);
  for (let m = 0; m < M; m++) {
    const d0 = dHo + ((<usize>m * lddo) << 2), hp = Hp + ((<usize>m * ldhp) << 2);
    const dp = dHp + ((<usize>m * lddp) << 2), t = <usize>m * h4;
    const dg = dG + <usize>m * g3, da = dA + <usize>m * g3;
    for (let o: usize = 0; o < h4; o += 16) {
      const z = ld(Z + t + o), r = ld(R + t + o), n = ld(Nn + t + o), gn = ld(GN + t + o);
      const d = ld(d0 + o);
      const dan = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(n, n)));
      const daz = f32x4.mul(f32x4.mul(f32x4.mul(d, f32x4.sub(ld(hp + o), n)), z), f32x4.sub(one, z));
      const dar = f32x4.mul(f32x4.mul(f32x4.mul(dan, gn), r), f32x4.sub(one, r));
      v128.store(da + o, daz); v128.store(da + h4 + o, dar); v128.store(da + 2 * h4 + o, dan);
      v128.store(dg + o, daz); v128.store(dg + h4 + o, dar); v128.store(dg + 2 * h4 + o, f32x4.mul(dan, r));
      v128.store(dp + o, f32x4.mul(d, z));
    }
  }
}
