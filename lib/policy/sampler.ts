/**
 * Sampling completions from the tiny policy, for any prompt text.
 *
 * The prompt is read once (`prompt ++ [END]`) and its final state and first logits are reused
 * by every sample. Sample `i` draws from its own stream `seedFrom("sample", seed, key, i)`, so
 * the first 4 of `n = 8` samples are exactly the samples of `n = 4`, and any sample can be
 * re-made alone. At each position the logits are divided by the temperature, filtered to the
 * `top_k` most likely tokens (0: all) and to the smallest set whose probability reaches `top_p`
 * (ties broken by lower index), renormalised and drawn; temperature 0 is greedy (the most
 * likely token, the lower index on a tie). A completion stops at the end token (`stop`), at a
 * stop string (`stop`: the text is cut before it; the tokens end with the one that completed
 * it) or after `max_tokens` tokens (`length`).
 *
 * Every token's recorded log-probability is the policy's own, `log π(y_t | x, y_<t)` at
 * temperature 1 without filtering: the quantity RL differentiates, whatever decoded it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab } from "./vocab.ts";
 * import { sampleCompletions } from "./sampler.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const opts = { n: 8, temperature: 1, top_p: 1, top_k: 0, max_tokens: 5, seed: 0 };
 * const eight = sampleCompletions(policy, "Final:", opts);
 * assertEquals(sampleCompletions(policy, "Final:", { ...opts, n: 4 }), eight.slice(0, 4));
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";
import { type GruParams, logitsForward, logSoftmax, runTokens, stepForward } from "./gru.ts";
import { decodeIds, encodeText, END, type Vocab } from "./vocab.ts";

/** What sampling needs of a policy: its weights and vocabulary. */
export interface SamplerPolicy {
  params: GruParams;
  vocab: Vocab;
}

/** How to decode. */
export interface SamplingOptions {
  /** Samples per prompt (>= 1). */
  n: number;
  /** 0 is greedy; 1 samples the policy as it is. */
  temperature: number;
  /** Nucleus mass in (0, 1]; 1 keeps every token. */
  top_p: number;
  /** Keep only the k most likely tokens; 0 keeps all. */
  top_k: number;
  /** Cap on a completion's tokens (the end token not counted). */
  max_tokens: number;
  seed: number;
  /** Stop strings: the completion ends before the first one it contains. */
  stop?: readonly string[];
  /** Names the streams (a dataset row's id); default the prompt text. */
  key?: string;
}

/** The course's default decoding: 8 samples at temperature 1, no filtering, 48 tokens, seed 0. */
export const SAMPLING_DEFAULTS = {
  n: 8,
  temperature: 1,
  top_p: 1,
  top_k: 0,
  max_tokens: 48,
  seed: 0,
} as const satisfies SamplingOptions;

/**
 * Sampling options from the course's defaults ({@link SAMPLING_DEFAULTS}) and the settings given:
 * the one place a `SamplingOptions` is built.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { samplingOptions } from "./sampler.ts";
 * assertEquals(samplingOptions({ n: 1, seed: 3 }), { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 3 });
 * ```
 */
export function samplingOptions(o: Partial<SamplingOptions> = {}): SamplingOptions {
  return { ...SAMPLING_DEFAULTS, ...o };
}

/** One sampled completion. */
export interface SampledCompletion {
  /** The completion's text (END excluded, cut before a stop string). */
  text: string;
  /** Vocabulary indices of the actions taken, END included when the policy chose to stop. */
  tokens: number[];
  /** The same actions as cl100k ids (-1 for the policy's end token). */
  token_ids: number[];
  /** log π(y_t | x, y_<t) of each action, parallel to `tokens`. */
  logprobs: number[];
  /** Σ_t log π(y_t | x, y_<t): log π(y | x). */
  logprob: number;
  finish_reason: "stop" | "length";
}

/** A prompt read once: the state after `prompt ++ [END]` and the log-probabilities it gives. */
export interface PromptState {
  h: Float64Array;
  logp: Float64Array;
}

/** Reads a prompt (text or vocabulary indices) and returns its final state and first logp. */
export function readPrompt(policy: SamplerPolicy, prompt: string | readonly number[]): PromptState {
  const ids = typeof prompt === "string" ? encodeText(policy.vocab, prompt) : prompt;
  const p = policy.params;
  return promptState(p, runTokens(p, new Float64Array(p.cfg.hidden), [...ids, END]));
}

/** The state of a prompt already read (`h` after `prompt ++ [END]`) with its first logp. */
export function promptState(p: GruParams, h: Float64Array): PromptState {
  const logits = new Float64Array(p.cfg.vocab), logp = new Float64Array(p.cfg.vocab);
  logitsForward(p, h, logits);
  logSoftmax(logits, logp);
  return { h, logp };
}

/**
 * Picks one token from log-probabilities `logp` (V) under the decoding options; `u` is a
 * uniform draw in [0, 1) (ignored when greedy). `work` is scratch of length V.
 */
export function pickToken(
  logp: Float64Array,
  opts: Pick<SamplingOptions, "temperature" | "top_p" | "top_k">,
  u: number,
  work: Float64Array,
): number {
  const V = logp.length;
  if (opts.temperature === 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (logp[v] > logp[best]) best = v;
    return best;
  }
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (logp[v] > max) max = logp[v];
  let total = 0;
  for (let v = 0; v < V; v++) total += work[v] = Math.exp((logp[v] - max) / opts.temperature);
  if (opts.top_k > 0 || opts.top_p < 1) total = truncate(work, total, opts.top_k, opts.top_p);
  let acc = 0;
  const target = u * total;
  for (let v = 0; v < V; v++) {
    acc += work[v];
    if (target < acc) return v;
  }
  for (let v = V - 1; v >= 0; v--) if (work[v] > 0) return v; // rounding: the last kept token
  return 0;
}

/** Zeroes the weights outside top-k and the top-p nucleus; returns the kept total. */
function truncate(w: Float64Array, total: number, k: number, p: number): number {
  const order = Array.from(w.keys()).sort((a, b) => w[b] - w[a] || a - b);
  const keep = k > 0 ? Math.min(k, order.length) : order.length;
  let mass = 0, kept = 0, i = 0;
  for (; i < keep; i++) {
    mass += w[order[i]];
    kept = mass;
    if (mass >= p * total) {
      i++;
      break;
    }
  }
  for (; i < order.length; i++) w[order[i]] = 0;
  return kept;
}

/** Draws sample `index` from a read prompt (see the module doc for the stream and the rules). */
export function sampleOne(
  policy: SamplerPolicy,
  state: PromptState,
  opts: SamplingOptions,
  key: string,
  index: number,
): SampledCompletion {
  const p = policy.params, H = p.cfg.hidden, V = p.cfg.vocab;
  const rng = makeRng(seedFrom("sample", opts.seed, key, index));
  let h = Float64Array.from(state.h), next = new Float64Array(H);
  const g = new Float64Array(3 * H), logits = new Float64Array(V), work = new Float64Array(V);
  let logp = state.logp;
  const own = new Float64Array(V);
  const tokens: number[] = [], logprobs: number[] = [];
  let finish: "stop" | "length" = "length";
  const stops = (opts.stop ?? []).filter((x) => x !== "");
  let text = "";
  while (tokens.length <= opts.max_tokens) {
    const y = pickToken(logp, opts, opts.temperature === 0 ? 0 : rng.next(), work);
    if (y !== END && tokens.length === opts.max_tokens) break;
    tokens.push(y);
    logprobs.push(logp[y]);
    if (y === END) {
      finish = "stop";
      break;
    }
    text += decodeIds(policy.vocab, [y]);
    if (stops.length > 0) { // the earliest stop string in the text so far ends the completion
      const cut = Math.min(...stops.map((x) => text.indexOf(x)).filter((i) => i >= 0));
      if (Number.isFinite(cut)) {
        text = text.slice(0, cut);
        finish = "stop";
        break;
      }
    }
    stepForward(p, y, h, next, g);
    [h, next] = [next, h];
    logitsForward(p, h, logits);
    logSoftmax(logits, own);
    logp = own;
  }
  let logprob = 0;
  for (const l of logprobs) logprob += l;
  const token_ids = tokens.map((t) => policy.vocab.cl100k[t]);
  return { text, tokens, token_ids, logprobs, logprob, finish_reason: finish };
}

/**
 * `n` completions of any prompt text: the prompt is read once, each sample draws from its own
 * stream (see the module doc). Deterministic for (prompt, options).
 */
export function sampleCompletions(
  policy: SamplerPolicy,
  prompt: string,
  opts: SamplingOptions,
): SampledCompletion[] {
  const state = readPrompt(policy, prompt);
  const key = opts.key ?? prompt;
  return Array.from({ length: opts.n }, (_, i) => sampleOne(policy, state, opts, key, i));
}
