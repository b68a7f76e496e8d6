/**
 * Per-row work on logits (M rows of V, stride ld ≥ V): the log-normaliser, sampling a token,
 * the log-probability of a given token and the gradients of the losses with respect to the
 * logits. Every row computes max and Σ exp(l − max) by the same function ({@link rowLse}), so a
 * token's log-probability is the same bits whichever kernel reports it.
 */
import { exp1, exp4, lanes4, ninf4 } from "./vmath";

@inline function ld(p: usize): v128 { return v128.load(p); }

// per-row results of rowLse (module globals: one row at a time)
let rowMax: f32 = 0;
let rowLog: f32 = 0; // log Σ exp((l − max)·s)
let scratchPtr: usize = 0; // V floats the caller of a kernel hands in (`work`)

/**
 * The cumulative weights of one row at scale s = 1/T: work[v] = Σ_{u ≤ v} exp((l_u − max)·s),
 * summed four lanes at a time (a prefix within each vector, then the running carry), which is
 * the order every kernel uses. Sets rowMax; returns the total (= work[V − 1]).
 */
@inline function rowCum(l: usize, V: i32, s: f32, work: usize): f32 {
  const nv = V & ~3, zero = f32x4.splat(0);
  let a = ninf4(), b = a;
  let v = 0;
  for (; v + 8 <= nv; v += 8) {
    a = f32x4.pmax(a, ld(l + (<usize>v << 2)));
    b = f32x4.pmax(b, ld(l + (<usize>v << 2) + 16));
  }
  if (v < nv) a = f32x4.pmax(a, ld(l + (<usize>v << 2)));
  a = f32x4.pmax(a, b);
  a = f32x4.pmax(a, v128.shuffle<f32>(a, a, 2, 3, 0, 1));
  a = f32x4.pmax(a, v128.shuffle<f32>(a, a, 1, 0, 3, 2));
  let mx = f32x4.extract_lane(a, 0);
  for (v = nv; v < V; v++) mx = max(mx, load<f32>(l + (<usize>v << 2)));
  const m4 = f32x4.splat(mx), s4 = f32x4.splat(s);
  let carry = zero;
  for (v = 0; v < V; v += 4) {
    let w = exp4(f32x4.mul(f32x4.sub(ld(l + (<usize>v << 2)), m4), s4));
    if (v >= nv) w = v128.and(w, i32x4.lt_s(lanes4(), i32x4.splat(V - v))); // the row's end
    w = f32x4.add(w, v128.shuffle<f32>(zero, w, 3, 4, 5, 6)); // prefix sums within the vector
    w = f32x4.add(w, v128.shuffle<f32>(zero, w, 2, 3, 4, 5));
    const c = f32x4.add(w, carry);
    v128.store(work + (<usize>v << 2), c);
    carry = v128.shuffle<f32>(c, c, 3, 3, 3, 3);
  }
  rowMax = mx;
  return f32x4.extract_lane(carry, 0);
}

/** max and log Σ exp((l − max)·s) of one row, into rowMax and rowLog (work: scratch). */
@inline function rowLse(l: usize, V: i32, s: f32): void {
  rowLog = <f32>Math.log(<f64>rowCum(l, V, s, scratchPtr));
}

/** log π(y) at scale s = 1/T of one row: (l_y − max)·s − log Σ exp((l − max)·s). */
@inline function rowLogp(l: usize, y: i32, s: f32): f32 {
  return (load<f32>(l + (<usize>y << 2)) - rowMax) * s - rowLog;
}

/** out[m] = log π(tok[m]) of each row at temperature 1/s (teacher-forced scoring). */
export function logpRows(M: i32, V: i32, L: usize, ld_: i32, s: f32, tok: usize, out: usize, work: usize): void {
  scratchPtr = work;
  for (let m = 0; m < M; m++) {
    const l = L + ((<usize>m * ld_) << 2);
    rowLse(l, V, s);
    store<f32>(out + (<usize>m << 2), rowLogp(l, load<i32>(tok + (<usize>m << 2)), s));
  }
}

/**
 * Draws one token per row: from softmax(l / T) with the row's uniform u[m] (f64), the first
 * token whose cumulative weight exceeds u · total (a binary search over the prefix sums), or
 * the most likely token (lower index on a tie) when s = 1/T is 0. Writes the token to tok[m]
 * and its log-probability at temperature 1 to lp[m]. `work` holds V (rounded up to 4) floats.
 */
export function pickRows(M: i32, V: i32, L: usize, ld_: i32, s: f32, U: usize, tok: usize, lp: usize, work: usize): void {
  scratchPtr = work;
  for (let m = 0; m < M; m++) {
    const l = L + ((<usize>m * ld_) << 2);
    const total = rowCum(l, V, 1, work);
    rowLog = <f32>Math.log(<f64>total);
    let y = 0;
    if (s == 0) {
      let best = load<f32>(l);
      for (let v = 1; v < V; v++) {
        const x = load<f32>(l + (<usize>v << 2));
        if (x > best) { best = x; y = v; }
      }
    } else {
      const mx = rowMax;
      const tot = s == 1 ? total : rowCum(l, V, s, work);
      rowMax = mx;
      const target = <f32>(load<f64>(U + (<usize>m << 3)) * <f64>tot);
      let lo = 0, hi = V; // first v with target < work[v]
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (target < load<f32>(work + (<usize>mid << 2))) hi = mid; else lo = mid + 1;
      }
      y = lo;
      if (y >= V) { // rounding: the last token with weight
        y = V - 1;
        while (y > 0 && load<f32>(work + (<usize>y << 2)) == load<f32>(work + (<usize>(y - 1) << 2))) y--;
      }
    }
    store<i32>(tok + (<usize>m << 2), y);
    store<f32>(lp + (<usize>m << 2), rowLogp(l, y, 1));
  }
}

/**
 * Cross-entropy rows (SFT): loss[m] = −log π(tok[m]); dL[m] = scale · (π − onehot(tok[m])),
 * written over the logits in place. Returns Σ loss in f64.
 */
export function xentRows(M: i32, V: i32, L: usize, ld_: i32, tok: usize, scale: f32, work: usize): f64 {
  scratchPtr = work;
  const nv = V & ~3, sc4 = f32x4.splat(scale);
  let total: f64 = 0;
  for (let m = 0; m < M; m++) {
    const l = L + ((<usize>m * ld_) << 2), y = load<i32>(tok + (<usize>m << 2));
    rowLse(l, V, 1);
    total -= <f64>rowLogp(l, y, 1);
    const sub = f32x4.splat(rowMax + rowLog);
    for (let v = 0; v < nv; v += 4) {
      const p = l + (<usize>v << 2);
      v128.store(p, f32x4.mul(sc4, exp4(f32x4.sub(ld(p), sub))));
    }
    for (let v = nv; v < V; v++) {
      const p = l + (<usize>v << 2);
      store<f32>(p, scale * exp1(load<f32>(p) - (rowMax + rowLog)));
    }
    const py = l + (<usize>y << 2);
    store<f32>(py, load<f32>(py) - scale);
  }
  return total;
}

/**
 * Policy-gradient rows (RL): for row m with coefficient c[m] (= A/N), temperature 1/s:
 * lp[m] = log π_T(tok[m]); dL[m] = c[m] · s · (π_T − onehot(tok[m])) written over the logits.
 * With Q ≠ 0 (the reference's logits, same layout) and beta: kl[m] = KL(π_T ‖ q_T), and
 * dL[m] += (beta / N) · s · π_T ⊙ (log π_T − log q_T − kl) with bn = beta/N.
 */
export function pgRows(M: i32, V: i32, L: usize, ld_: i32, s: f32, tok: usize, c: usize, lp: usize, Q: usize, bn: f32, kl: usize, work: usize): void {
  scratchPtr = work + (<usize>((V + 3) & ~3) << 2);
  for (let m = 0; m < M; m++) {
    const l = L + ((<usize>m * ld_) << 2), y = load<i32>(tok + (<usize>m << 2));
    rowLse(l, V, s);
    const mp = rowMax, lgp = rowLog;
    store<f32>(lp + (<usize>m << 2), rowLogp(l, y, s));
    const cm = load<f32>(c + (<usize>m << 2)) * s;
    if (Q) { // log q_T into work
      const q = Q + ((<usize>m * ld_) << 2);
      rowLse(q, V, s);
      let k: f64 = 0;
      for (let v = 0; v < V; v++) {
        const a = (load<f32>(l + (<usize>v << 2)) - mp) * s - lgp;
        const b = (load<f32>(q + (<usize>v << 2)) - rowMax) * s - rowLog;
        store<f32>(work + (<usize>v << 2), a - b);
        k += <f64>(exp1(a) * (a - b));
      }
      store<f32>(kl + (<usize>m << 2), <f32>k);
      const kf = <f32>k, bs = bn * s;
      for (let v = 0; v < V; v++) {
        const p = l + (<usize>v << 2);
        const a = (load<f32>(p) - mp) * s - lgp, pv = exp1(a);
        store<f32>(p, cm * pv + bs * pv * (load<f32>(work + (<usize>v << 2)) - kf));
      }
    } else {
      const nv = V & ~3, sub = f32x4.splat(mp), s4 = f32x4.splat(s), lg4 = f32x4.splat(lgp), c4 = f32x4.splat(cm);
      for (let v = 0; v < nv; v += 4) {
        const p = l + (<usize>v << 2);
        v128.store(p, f32x4.mul(c4, exp4(f32x4.sub(f32x4.mul(f32x4.sub(ld(p), sub), s4), lg4))));
      }
      for (let v = nv; v < V; v++) {
        const p = l + (<usize>v << 2);
        store<f32>(p, cm * exp1((load<f32>(p) - mp) * s - lgp));
      }
    }
    const py = l + (<usize>y << 2);
    store<f32>(py, load<f32>(py) - cm);
  }
}

/**
 * KL and entropy rows (evaluation): kl[m] = Σ π (log π − log q), ent[m] = −Σ π log π at
 * temperature 1, for the policy's logits P and the reference's Q (same layout).
 */
export function klRows(M: i32, V: i32, P: usize, Q: usize, ld_: i32, kl: usize, ent: usize, work: usize): void {
  scratchPtr = work;
  for (let m = 0; m < M; m++) {
    const p = P + ((<usize>m * ld_) << 2), q = Q + ((<usize>m * ld_) << 2);
    rowLse(q, V, 1);
    const mq = rowMax, lq = rowLog;
    rowLse(p, V, 1);
    let k: f64 = 0, e: f64 = 0;
    for (let v = 0; v < V; v++) {
      const a = (load<f32>(p + (<usize>v << 2)) - rowMax) - rowLog;
      const b = (load<f32>(q + (<usize>v << 2)) - mq) - lq;
      const pv = <f64>exp1(a);
      k += pv * <f64>(a - b);
      e -= pv * <f64>a;
    }
    store<f32>(kl + (<usize>m << 2), <f32>k);
    store<f32>(ent + (<usize>m << 2), <f32>e);
  }
}
