/**
 * The course's tiny language model: a one-layer GRU over token ids, with a softmax over the
 * vocabulary at every position. Forward and backward are written side by side, on typed arrays,
 * so a student can read what one update does.
 *
 * Shapes (V = vocabulary size, H = hidden width):
 * - `wi` (V, 3H): the input weights, one row per token id (an embedding feeding the three
 *   gates directly, so reading a token is a table lookup, not a matrix product);
 * - `wh` (3H, H), `bh` (3H): the recurrent weights and biases of the gates z, r and n;
 * - `wo` (V, H), `bo` (V): the output layer, logits = wo · h + bo.
 *
 * One step reads token `x` and the previous state `h`:
 *
 *     a  = wi[x]                         (3H)   the input part of the gates
 *     g  = wh · h + bh                   (3H)   the recurrent part
 *     z  = σ(a_z + g_z)                  (H)    update gate
 *     r  = σ(a_r + g_r)                  (H)    reset gate
 *     n  = tanh(a_n + r ⊙ g_n)           (H)    candidate state
 *     h' = (1 − z) ⊙ n + z ⊙ h           (H)
 *
 * All parameters live in one flat Float64Array (so Adam and the checkpoint see one vector) and
 * the blocks above are views into it. Arithmetic is float64; checkpoints store float32.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, paramCount, runTokens } from "./gru.ts";
 * const p = initParams({ vocab: 5, hidden: 4 }, makeRng(0));
 * assertEquals(paramCount({ vocab: 5, hidden: 4 }), 5 * 12 + 12 * 4 + 12 + 5 * 4 + 5);
 * assertEquals(runTokens(p, new Float64Array(4), [1, 2, 3]).length, 4);
 * ```
 * @module
 */
import type { Rng } from "../core/prng.ts";

/** The architecture: vocabulary size and hidden width. */
export interface GruConfig {
  vocab: number;
  hidden: number;
}

/** The parameters: one flat vector and named views into it (see the module doc for shapes). */
export interface GruParams {
  cfg: GruConfig;
  flat: Float64Array;
  wi: Float64Array;
  wh: Float64Array;
  bh: Float64Array;
  wo: Float64Array;
  bo: Float64Array;
}

/** Number of parameters: V·3H + 3H·H + 3H + V·H + V. */
export function paramCount(cfg: GruConfig): number {
  const { vocab: V, hidden: H } = cfg;
  return V * 3 * H + 3 * H * H + 3 * H + V * H + V;
}

/** Named views over a flat vector of {@link paramCount} numbers (used for weights and grads). */
export function paramsView(cfg: GruConfig, flat: Float64Array): GruParams {
  const { vocab: V, hidden: H } = cfg;
  if (flat.length !== paramCount(cfg)) throw new RangeError("flat vector has the wrong length");
  let at = 0;
  const take = (n: number) => flat.subarray(at, at += n);
  return {
    cfg,
    flat,
    wi: take(V * 3 * H),
    wh: take(3 * H * H),
    bh: take(3 * H),
    wo: take(V * H),
    bo: take(V),
  };
}

/**
 * Fresh weights from a seeded generator: `wi` ~ N(0, 0.1²), `wh` ~ N(0, 1/H), `wo` ~ N(0,
 * 0.1²/H), biases 0 (so the first logits are nearly uniform).
 */
export function initParams(cfg: GruConfig, rng: Rng): GruParams {
  const p = paramsView(cfg, new Float64Array(paramCount(cfg)));
  const H = cfg.hidden;
  for (let i = 0; i < p.wi.length; i++) p.wi[i] = 0.1 * rng.gaussian();
  for (let i = 0; i < p.wh.length; i++) p.wh[i] = rng.gaussian() / Math.sqrt(H);
  for (let i = 0; i < p.wo.length; i++) p.wo[i] = 0.1 * rng.gaussian() / Math.sqrt(H);
  return p;
}

/** What a forward pass keeps for its backward pass: per step, the token and the gate values. */
export class Tape {
  /** Steps recorded. */
  length = 0;
  readonly hidden: number;
  tokens: Int32Array;
  /** States h_0 … h_T, (T+1, H): h_0 is the state the pass started from. */
  hs: Float64Array;
  /** Gates z, r, n and the recurrent candidate part g_n, each (T, H). */
  z: Float64Array;
  r: Float64Array;
  n: Float64Array;
  gn: Float64Array;
  constructor(hidden: number, capacity = 64) {
    this.hidden = hidden;
    this.tokens = new Int32Array(capacity);
    this.hs = new Float64Array((capacity + 1) * hidden);
    this.z = new Float64Array(capacity * hidden);
    this.r = new Float64Array(capacity * hidden);
    this.n = new Float64Array(capacity * hidden);
    this.gn = new Float64Array(capacity * hidden);
  }
  /** Clears the tape and sets h_0. */
  start(h0: Float64Array): void {
    this.length = 0;
    this.hs.set(h0.subarray(0, this.hidden), 0);
  }
  /** The state after step t (t = 0 is the starting state), as a view. */
  state(t: number): Float64Array {
    return this.hs.subarray(t * this.hidden, (t + 1) * this.hidden);
  }
  /** Makes room for one more step. */
  grow(): void {
    if (this.length < this.tokens.length) return;
    const H = this.hidden, cap = this.tokens.length * 2;
    const more = (a: Float64Array, n: number) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const toks = new Int32Array(cap);
    toks.set(this.tokens);
    this.tokens = toks;
    this.hs = more(this.hs, (cap + 1) * H);
    this.z = more(this.z, cap * H);
    this.r = more(this.r, cap * H);
    this.n = more(this.n, cap * H);
    this.gn = more(this.gn, cap * H);
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * One GRU step forward: reads token `x` in state `h` (H) and writes the next state into `out`
 * (H). `g` is scratch of length 3H. With a `tape`, records what the backward step needs.
 */
export function stepForward(
  p: GruParams,
  x: number,
  h: Float64Array,
  out: Float64Array,
  g: Float64Array,
  tape?: Tape,
): void {
  const H = p.cfg.hidden, wh = p.wh, bh = p.bh, wi = p.wi;
  for (let i = 0; i < 3 * H; i++) { // g = wh · h + bh   (3H)
    let s = bh[i];
    const row = i * H;
    for (let j = 0; j < H; j++) s += wh[row + j] * h[j];
    g[i] = s;
  }
  const a = x * 3 * H;
  const at = tape ? tape.length * H : 0;
  for (let i = 0; i < H; i++) {
    const z = sigmoid(wi[a + i] + g[i]);
    const r = sigmoid(wi[a + H + i] + g[H + i]);
    const n = Math.tanh(wi[a + 2 * H + i] + r * g[2 * H + i]);
    out[i] = (1 - z) * n + z * h[i];
    if (tape) {
      tape.z[at + i] = z;
      tape.r[at + i] = r;
      tape.n[at + i] = n;
      tape.gn[at + i] = g[2 * H + i];
    }
  }
  if (tape) {
    tape.tokens[tape.length] = x;
    tape.length++;
    tape.hs.set(out.subarray(0, H), tape.length * H);
  }
}

/**
 * One GRU step backward, the mirror of {@link stepForward} for step `t` of `tape`: given dL/dh'
 * in `dh` (H), adds the parameter gradients into `grads` and overwrites `dh` with dL/dh (the
 * gradient for the previous state). `dg` is scratch of length 3H.
 *
 *     dz = dh' ⊙ (h − n)        dn = dh' ⊙ (1 − z)        dh = dh' ⊙ z   (+ the gates' path)
 *     dâ_n = dn ⊙ (1 − n²)      dg_n = dâ_n ⊙ r            dr = dâ_n ⊙ g_n
 *     dâ_z = dz ⊙ z(1 − z)      dâ_r = dr ⊙ r(1 − r)
 *     dwi[x] += (dâ_z, dâ_r, dâ_n)   dwh += dg ⊗ h   dbh += dg   dh += whᵀ · dg
 */
export function stepBackward(
  p: GruParams,
  tape: Tape,
  t: number,
  dh: Float64Array,
  grads: GruParams,
  dg: Float64Array,
): void {
  const H = p.cfg.hidden, wh = p.wh;
  const at = t * H, h = tape.hs.subarray(t * H, (t + 1) * H);
  const a = tape.tokens[t] * 3 * H;
  const dwi = grads.wi, dwh = grads.wh, dbh = grads.bh;
  for (let i = 0; i < H; i++) {
    const z = tape.z[at + i], r = tape.r[at + i], n = tape.n[at + i], gn = tape.gn[at + i];
    const d = dh[i];
    const dan = d * (1 - z) * (1 - n * n);
    const daz = d * (h[i] - n) * z * (1 - z);
    const dar = dan * gn * r * (1 - r);
    dwi[a + i] += daz;
    dwi[a + H + i] += dar;
    dwi[a + 2 * H + i] += dan;
    dg[i] = daz;
    dg[H + i] = dar;
    dg[2 * H + i] = dan * r;
    dh[i] = d * z; // the direct path h → h'
  }
  for (let i = 0; i < 3 * H; i++) {
    const gi = dg[i];
    if (gi === 0) continue;
    dbh[i] += gi;
    const row = i * H;
    for (let j = 0; j < H; j++) {
      dwh[row + j] += gi * h[j];
      dh[j] += wh[row + j] * gi;
    }
  }
}

/** Logits of state `h` (H) into `out` (V): wo · h + bo. */
export function logitsForward(p: GruParams, h: Float64Array, out: Float64Array): void {
  const { vocab: V, hidden: H } = p.cfg, wo = p.wo, bo = p.bo;
  for (let v = 0; v < V; v++) {
    let s = bo[v];
    const row = v * H;
    for (let j = 0; j < H; j++) s += wo[row + j] * h[j];
    out[v] = s;
  }
}

/**
 * The output layer backward: given dL/dlogits (V) at state `h`, adds dwo += dlogits ⊗ h,
 * dbo += dlogits, and dh += woᵀ · dlogits.
 */
export function logitsBackward(
  p: GruParams,
  h: Float64Array,
  dlogits: Float64Array,
  grads: GruParams,
  dh: Float64Array,
): void {
  const { vocab: V, hidden: H } = p.cfg, wo = p.wo, dwo = grads.wo, dbo = grads.bo;
  for (let v = 0; v < V; v++) {
    const d = dlogits[v];
    if (d === 0) continue;
    dbo[v] += d;
    const row = v * H;
    for (let j = 0; j < H; j++) {
      dwo[row + j] += d * h[j];
      dh[j] += wo[row + j] * d;
    }
  }
}

/**
 * log-softmax of `logits` (V) into `out`, stable (the max is subtracted first); returns
 * log Σ exp(logits), the normaliser.
 */
export function logSoftmax(logits: Float64Array, out: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - lse;
  return lse;
}

/**
 * The next token's log-probabilities in state `h` (H): log-softmax((wo · h + bo) / T) into `out`
 * (default `s.logp`), which it returns. This and {@link readToken} are the one place the
 * reference path turns a state into log-probabilities.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, Scratch, stateLogp } from "./gru.ts";
 * const p = initParams({ vocab: 5, hidden: 4 }, makeRng(0)), s = new Scratch(5, 4);
 * const lp = stateLogp(p, new Float64Array(4), s);
 * assert(Math.abs(lp.reduce((a, l) => a + Math.exp(l), 0) - 1) < 1e-12);
 * ```
 */
export function stateLogp(
  p: GruParams,
  h: Float64Array,
  s: Scratch,
  out: Float64Array = s.logp,
  temperature = 1,
): Float64Array {
  logitsForward(p, h, s.logits);
  if (temperature !== 1) { for (let v = 0; v < s.logits.length; v++) s.logits[v] /= temperature; }
  logSoftmax(s.logits, out);
  return out;
}

/**
 * Reads one token: the step from state `h` with token `x` (the next state into `out`), then the
 * next token's log-probabilities ({@link stateLogp}), returned (in `s.logp`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, readToken, runTokens, Scratch } from "./gru.ts";
 * const p = initParams({ vocab: 5, hidden: 4 }, makeRng(0)), s = new Scratch(5, 4);
 * const out = new Float64Array(4);
 * readToken(p, 3, new Float64Array(4), out, s);
 * assertEquals(out, runTokens(p, new Float64Array(4), [3]));
 * ```
 */
export function readToken(
  p: GruParams,
  x: number,
  h: Float64Array,
  out: Float64Array,
  s: Scratch,
): Float64Array {
  stepForward(p, x, h, out, s.g);
  return stateLogp(p, out, s);
}

/**
 * Scratch buffers of one model shape, reused across calls (no allocation in the inner loops of
 * the reference path): states, the gates' recurrent part, logits and log-probabilities, a tape,
 * and the gradients of a tape's states.
 */
export class Scratch {
  readonly h: Float64Array;
  readonly next: Float64Array;
  readonly g: Float64Array;
  readonly logits: Float64Array;
  readonly logp: Float64Array;
  readonly logq: Float64Array;
  readonly dlogits: Float64Array;
  readonly dh: Float64Array;
  readonly tape: Tape;
  readonly promptTape: Tape;
  dhs: Float64Array;
  constructor(vocab: number, hidden: number) {
    this.h = new Float64Array(hidden);
    this.next = new Float64Array(hidden);
    this.g = new Float64Array(3 * hidden);
    this.logits = new Float64Array(vocab);
    this.logp = new Float64Array(vocab);
    this.logq = new Float64Array(vocab);
    this.dlogits = new Float64Array(vocab);
    this.dh = new Float64Array(hidden);
    this.tape = new Tape(hidden);
    this.promptTape = new Tape(hidden);
    this.dhs = new Float64Array(65 * hidden);
  }
  /** A zeroed (T+1, H) buffer for the gradients of the states of a tape of length T. */
  stateGrads(T: number): Float64Array {
    const need = (T + 1) * this.tape.hidden;
    if (this.dhs.length < need) this.dhs = new Float64Array(need * 2);
    this.dhs.fill(0, 0, need);
    return this.dhs;
  }
}

/** Fresh scratch buffers for a parameter set's shape. */
export function scratchOf(p: GruParams): Scratch {
  return new Scratch(p.cfg.vocab, p.cfg.hidden);
}

/**
 * Reads `tokens` from state `h0` and returns the final state (a convenience for prompts; the
 * engines use {@link stepForward} with a {@link Tape}).
 */
export function runTokens(p: GruParams, h0: Float64Array, tokens: readonly number[]): Float64Array {
  const H = p.cfg.hidden;
  let h = Float64Array.from(h0), next = new Float64Array(H);
  const g = new Float64Array(3 * H);
  for (const x of tokens) {
    stepForward(p, x, h, next, g);
    [h, next] = [next, h];
  }
  return h;
}
