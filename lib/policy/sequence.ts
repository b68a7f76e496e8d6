/**
 * Sequences through the GRU: a forward pass over a token list that records a {@link Tape}, and
 * its backward pass through time (BPTT), given the gradient of a loss with respect to every
 * state the pass produced. The losses (supervised cross-entropy here, the RL surrogate in
 * lib/learn/) only say what each state's gradient is.
 *
 * A completion is read after its prompt and one end token: the policy's input is
 * `prompt ++ [END] ++ completion`, and the state after `prompt ++ [END] ++ completion[0..k)`
 * predicts `completion[k]` (then END, which closes the completion). The end token thus marks
 * both "the prompt is over" (read) and "the completion is over" (emitted).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, paramsView } from "./gru.ts";
 * import { sequenceNll } from "./sequence.ts";
 * const p = initParams({ vocab: 6, hidden: 4 }, makeRng(1));
 * const grads = paramsView(p.cfg, new Float64Array(p.flat.length));
 * const nll = sequenceNll(p, [2, 3], [4, 5], 0, grads, 1);
 * assert(nll > 0 && grads.flat.some((g) => g !== 0));
 * ```
 * @module
 */
import {
  type GruParams,
  logitsBackward,
  Scratch,
  stateLogp,
  stepBackward,
  stepForward,
  type Tape,
} from "./gru.ts";

const scratches = new WeakMap<GruParams, Scratch>();

/** The scratch buffers of a parameter set (created once per set). */
export function scratchFor(p: GruParams): Scratch {
  let s = scratches.get(p);
  if (!s) scratches.set(p, s = new Scratch(p.cfg.vocab, p.cfg.hidden));
  return s;
}

/** Reads `tokens` from `h0`, recording every step on `tape` (which starts at `h0`). */
export function forwardTape(
  p: GruParams,
  h0: Float64Array,
  tokens: ArrayLike<number>,
  tape: Tape,
  g: Float64Array,
): void {
  tape.start(h0);
  for (let t = 0; t < tokens.length; t++) {
    tape.grow();
    stepForward(p, tokens[t], tape.state(t), scratchState(tape, t + 1), g, tape);
  }
}

// stepForward writes the next state into `out` and then copies it onto the tape; writing into a
// throw-away buffer would work too, but the tape's own slot saves the copy.
function scratchState(tape: Tape, t: number): Float64Array {
  return tape.hs.subarray(t * tape.hidden, (t + 1) * tape.hidden);
}

/**
 * Backpropagation through time over a recorded tape. `dhs` (T+1, H) holds dL/dh_t from the
 * outside (the output layer) for every state; walking back from t = T, each step adds the
 * recurrent path. On return `dhs[0..H)` holds the total dL/dh_0 (the gradient for the state
 * the tape started from: zero for a prompt, the prompt's final state for a completion).
 */
export function backwardTape(
  p: GruParams,
  tape: Tape,
  dhs: Float64Array,
  grads: GruParams,
  dg: Float64Array,
): void {
  const H = tape.hidden;
  for (let t = tape.length - 1; t >= 0; t--) {
    const dh = dhs.subarray((t + 1) * H, (t + 2) * H);
    stepBackward(p, tape, t, dh, grads, dg); // dh now holds dL/dh_t through step t
    for (let i = 0; i < H; i++) dhs[t * H + i] += dh[i];
  }
}

/**
 * Supervised loss of one (prompt, completion) pair: the negative log-likelihood
 * `−Σ_k log π(y_k | x, y_<k)` over the completion's tokens and the closing END token (id
 * `end`), with its gradient times `scale` added into `grads`. Returns the summed NLL.
 *
 * @param prompt the prompt's token ids (without END)
 * @param completion the completion's token ids (without END)
 */
export function sequenceNll(
  p: GruParams,
  prompt: readonly number[],
  completion: readonly number[],
  end: number,
  grads: GruParams,
  scale: number,
): number {
  const s = scratchFor(p), H = p.cfg.hidden, V = p.cfg.vocab;
  const inputs = [...prompt, end, ...completion];
  const targets = [...completion, end];
  s.h.fill(0);
  forwardTape(p, s.h, inputs, s.tape, s.g);
  const dhs = s.stateGrads(s.tape.length);
  let nll = 0;
  const first = prompt.length + 1; // the state after reading END predicts completion[0]
  for (let k = 0; k < targets.length; k++) {
    const h = s.tape.state(first + k);
    stateLogp(p, h, s);
    nll -= s.logp[targets[k]];
    for (let v = 0; v < V; v++) s.logits[v] = scale * Math.exp(s.logp[v]); // dL/dlogits = p − 1[y]
    s.logits[targets[k]] -= scale;
    logitsBackward(p, h, s.logits, grads, dhs.subarray((first + k) * H, (first + k + 1) * H));
  }
  backwardTape(p, s.tape, dhs, grads, s.g);
  return nll;
}
