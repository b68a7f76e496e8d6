/**
 * C (+)= A · B in float32, 128-bit SIMD: C[m][n] = C0[m][n] + Σ_k A(m, k) · B[k][n], with each
 * element's sum taken in k order (so a row's result does not depend on the other rows). B and C
 * are row-major with N a multiple of 4; A is read through strides, so the same kernel computes
 * A · B (am = lda, ak = 1) and Aᵀ · B (am = 1, ak = lda). Strides are in elements, pointers in
 * bytes. `acc` = 0 starts from zero, 1 from C's current values.
 */
@inline function ld(p: usize): v128 { return v128.load(p); }
@inline function sp(p: usize): v128 { return f32x4.splat(load<f32>(p)); }
@inline function ma(c: v128, a: v128, b: v128): v128 { return f32x4.add(c, f32x4.mul(a, b)); }
@inline function zero(): v128 { return f32x4.splat(0); }

export function gemm(
  M: i32, N: i32, K: i32, A: usize, am: i32, ak: i32, B: usize, ldb: i32, C: usize, ldc: i32, acc: i32,
): void {
  const sa = <usize>am << 2, ka = <usize>ak << 2, sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = A + <usize>m * sa, c0 = C + <usize>m * sc;
    let n = 0;
    for (; n + 12 <= N; n += 12) {
      const p0 = c0 + (<usize>n << 2), p1 = p0 + sc, p2 = p1 + sc, p3 = p2 + sc;
      let c00 = zero(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
      let c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
      if (acc) {
        c00 = ld(p0); c01 = ld(p0 + 16); c02 = ld(p0 + 32);
        c10 = ld(p1); c11 = ld(p1 + 16); c12 = ld(p1 + 32);
        c20 = ld(p2); c21 = ld(p2 + 16); c22 = ld(p2 + 32);
        c30 = ld(p3); c31 = ld(p3 + 16); c32 = ld(p3 + 32);
      }
      let bp = B + (<usize>n << 2), ap = a0;
      for (let k = 0; k < K; k++) {
        const b0 = ld(bp), b1 = ld(bp + 16), b2 = ld(bp + 32);
        let a = sp(ap);
        c00 = ma(c00, a, b0); c01 = ma(c01, a, b1); c02 = ma(c02, a, b2);
        a = sp(ap + sa);
        c10 = ma(c10, a, b0); c11 = ma(c11, a, b1); c12 = ma(c12, a, b2);
        a = sp(ap + 2 * sa);
        c20 = ma(c20, a, b0); c21 = ma(c21, a, b1); c22 = ma(c22, a, b2);
        a = sp(ap + 3 * sa);
        c30 = ma(c30, a, b0); c31 = ma(c31, a, b1); c32 = ma(c32, a, b2);
        bp += sb;
        ap += ka;
      }
      v128.store(p0, c00); v128.store(p0 + 16, c01); v128.store(p0 + 32, c02);
      v128.store(p1, c10); v128.store(p1 + 16, c11); v128.store(p1 + 32, c12);
      v128.store(p2, c20); v128.store(p2 + 16, c21); v128.store(p2 + 32, c22);
      v128.store(p3, c30); v128.store(p3 + 16, c31); v128.store(p3 + 32, c32);
    }
    for (; n < N; n += 4) {
      const p0 = c0 + (<usize>n << 2), p1 = p0 + sc, p2 = p1 + sc, p3 = p2 + sc;
      let x0 = zero(), x1 = x0, x2 = x0, x3 = x0;
      if (acc) { x0 = ld(p0); x1 = ld(p1); x2 = ld(p2); x3 = ld(p3); }
      let bp = B + (<usize>n << 2), ap = a0;
      for (let k = 0; k < K; k++) {
        const b = ld(bp);
        x0 = ma(x0, sp(ap), b); x1 = ma(x1, sp(ap + sa), b);
        x2 = ma(x2, sp(ap + 2 * sa), b); x3 = ma(x3, sp(ap + 3 * sa), b);
        bp += sb;
        ap += ka;
      }
      v128.store(p0, x0); v128.store(p1, x1); v128.store(p2, x2); v128.store(p3, x3);
    }
  }
  for (; m < M; m++) {
    const a0 = A + <usize>m * sa, c0 = C + <usize>m * sc;
    let n = 0;
    for (; n + 12 <= N; n += 12) {
      const p = c0 + (<usize>n << 2);
      let x0 = acc ? ld(p) : zero(), x1 = acc ? ld(p + 16) : zero(), x2 = acc ? ld(p + 32) : zero();
      let bp = B + (<usize>n << 2), ap = a0;
      for (let k = 0; k < K; k++) {
        const a = sp(ap);
        x0 = ma(x0, a, ld(bp)); x1 = ma(x1, a, ld(bp + 16)); x2 = ma(x2, a, ld(bp + 32));
        bp += sb;
        ap += ka;
      }
      v128.store(p, x0); v128.store(p + 16, x1); v128.store(p + 32, x2);
    }
    for (; n < N; n += 4) {
      const p = c0 + (<usize>n << 2);
      let x = acc ? ld(p) : zero();
      let bp = B + (<usize>n << 2), ap = a0;
      for (let k = 0; k < K; k++) {
        x = ma(x, sp(ap), ld(bp));
        bp += sb;
        ap += ka;
      }
      v128.store(p, x);
    }
  }
}

/** C[m][0..N) = bias[0..N) for every row m (N a multiple of 4). */
export function fillRows(M: i32, N: i32, bias: usize, C: usize, ldc: i32): void {
  const sc = <usize>ldc << 2;
  for (let m = 0; m < M; m++) memory.copy(C + <usize>m * sc, bias, <usize>N << 2);
}

/** out[n] += Σ_m X[m][n], rows in order (N a multiple of 4). */
export function colSumAdd(M: i32, N: i32, X: usize, ldx: i32, out: usize): void {
  const sx = <usize>ldx << 2;
  for (let n = 0; n < N; n += 4) {
    const o = out + (<usize>n << 2);
    let s = ld(o), p = X + (<usize>n << 2);
    for (let m = 0; m < M; m++) {
      s = f32x4.add(s, ld(p));
      p += sx;
    }
    v128.store(o, s);
  }
}

/** dst[idx[m]][0..N) += X[m][0..N), rows in order (scatter-add; N a multiple of 4). */
export function scatterAddRows(M: i32, N: i32, X: usize, ldx: i32, idx: usize, dst: usize, ldd: i32): void {
  const sx = <usize>ldx << 2, sd = <usize>ldd << 2;
  for (let m = 0; m < M; m++) {
    const d = dst + <usize>load<i32>(idx + (<usize>m << 2)) * sd, x = X + <usize>m * sx;
    for (let n = 0; n < N; n += 4) {
      const o = <usize>n << 2;
      v128.store(d + o, f32x4.add(ld(d + o), ld(x + o)));
    }
  }
}

/** dst[c][r] = src[r][c] for an R × Cn block. */
export function transpose(R: i32, Cn: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < Cn; c++) {
      store<f32>(dst + ((<usize>c * ldd + r) << 2), load<f32>(src + ((<usize>r * lds + c) << 2)));
    }
  }
}

/** dst[0..n) += src[0..n) (n a multiple of 4). */
export function addTo(n: i32, src: usize, dst: usize): void {
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
}
