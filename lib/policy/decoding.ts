/**
 * What decoding is, shared by both sampling engines: the options, what a sample is, and the
 * filters of one position (temperature, then top-k, then top-p over the kept mass, in the order
 * Hugging Face's and vLLM's samplers apply them), and the draw.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pickToken, samplingOptions } from "./decoding.ts";
 * const logp = Float64Array.from([0.7, 0.2, 0.1].map(Math.log));
 * assertEquals(pickToken(logp, samplingOptions({ top_k: 1 }), 0.99, new Float64Array(3)), 0);
 * ```
 * @module
 */
import type { GruParams } from "./gru.ts";
import type { Vocab } from "./specials.ts";

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

/** A prompt to sample: its vocabulary indices (without END) and the key naming its streams. */
export interface PromptJob {
  ids: readonly number[];
  key: string;
}

/** The decoding settings of the course's defaults, with any of them changed. */
export const SAMPLING_DEFAULTS: Readonly<Omit<SamplingOptions, "stop" | "key">> = {
  n: 8,
  temperature: 1,
  top_p: 1,
  top_k: 0,
  max_tokens: 48,
  seed: 0,
};

/**
 * A {@link SamplingOptions} from the defaults ({@link SAMPLING_DEFAULTS}) and the given changes:
 * the one way the engines build their options.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { samplingOptions } from "./decoding.ts";
 * assertEquals(samplingOptions({ n: 2, temperature: 0 }), { n: 2, temperature: 0, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 });
 * ```
 */
export function samplingOptions(changes: Partial<SamplingOptions> = {}): SamplingOptions {
  return { ...SAMPLING_DEFAULTS, ...changes };
}

/**
 * The filters of one position, in the engines' order (temperature, top-k, then top-p over the
 * renormalised top-k mass): `work[v]` = exp((x_v − max x) / T) for the tokens kept, 0 for the
 * others; returns their sum. `x` may be logits or log-probabilities (the same up to a shift).
 *
 * Hugging Face applies `TemperatureLogitsWarper`, `TopKLogitsWarper`, `TopPLogitsWarper` in that
 * order (src/transformers/generation/logits_process.py, utils.py `_get_logits_processor`); vLLM
 * divides by the temperature, then `apply_top_k_top_p` masks below the k-th logit and takes the
 * nucleus of the softmax of what is left (vllm/v1/sample/ops/topk_topp_sampler.py). In both a
 * token survives top-p when the mass of the tokens above it is below `top_p`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { filteredWeights } from "./decoding.ts";
 * const x = [0.5, 0.3, 0.15, 0.05].map(Math.log), w = new Float64Array(4);
 * const total = filteredWeights(x, { temperature: 1, top_k: 3, top_p: 0.6 }, w);
 * assertEquals(Array.from(w, (v) => +(v / total).toFixed(3)), [0.625, 0.375, 0, 0]);
 * ```
 */
export function filteredWeights(
  x: ArrayLike<number>,
  opts: Pick<SamplingOptions, "temperature" | "top_p" | "top_k">,
  work: Float64Array,
): number {
  const V = x.length, T = opts.temperature;
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (x[v] > max) max = x[v];
  let total = 0;
  for (let v = 0; v < V; v++) total += work[v] = Math.exp((x[v] - max) / T);
  const k = opts.top_k > 0 && opts.top_k < V ? opts.top_k : 0;
  if (k === 0 && !(opts.top_p < 1)) return total;
  const order = Array.from(work.subarray(0, V).keys()).sort((a, b) => work[b] - work[a] || a - b);
  let keep = V;
  if (k > 0) { // ties with the k-th weight stay, as in both engines
    keep = k;
    while (keep < V && work[order[keep]] === work[order[k - 1]]) keep++;
  }
  let kept = 0;
  for (let i = 0; i < keep; i++) kept += work[order[i]];
  if (opts.top_p < 1) { // the smallest prefix whose share of the kept mass reaches top_p
    let mass = 0, i = 0;
    while (i < keep) {
      mass += work[order[i++]];
      if (mass >= opts.top_p * kept) break;
    }
    keep = i;
    kept = mass;
  }
  for (let i = keep; i < V; i++) work[order[i]] = 0;
  return kept;
}

/**
 * Picks one token from log-probabilities `logp` (V) under the decoding options; `u` is a
 * uniform draw in [0, 1) (ignored when greedy): the first token whose cumulative kept weight
 * exceeds u · total ({@link filteredWeights}). `work` is scratch of length V.
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
  const total = filteredWeights(logp, opts, work);
  let acc = 0;
  const target = u * total;
  for (let v = 0; v < V; v++) {
    acc += work[v];
    if (target < acc) return v;
  }
  for (let v = V - 1; v >= 0; v--) if (work[v] > 0) return v; // rounding: the last kept token
  return 0;
}
