/**
 * Sampling completions from the tiny policy, for any prompt text.
 *
 * The prompt is read once (`prompt ++ [END]`) and its final state and first logits are reused
 * by every sample. Sample `i` draws from its own stream `seedFrom("sample", seed, key, i)`, so
 * the first 4 of `n = 8` samples are exactly the samples of `n = 4`, and any sample can be
 * re-made alone. At each position the filters run in the order Hugging Face's and vLLM's
 * samplers apply them: the logits are divided by the temperature, kept to the `top_k` most
 * likely tokens (0: all; ties with the k-th are kept), then to the smallest set whose share of
 * the **kept** mass reaches `top_p` (ties broken by lower index), renormalised and drawn
 * ({@link filteredWeights}); temperature 0 is greedy (the most likely token, the lower index on
 * a tie). A completion stops at the end token (`stop`), at a
 * stop string (`stop`: the text is cut before it; the tokens end with the one that completed
 * it) or after `max_tokens` tokens (`length`).
 *
 * Every token's recorded log-probability is the policy's own, `log π(y_t | x, y_<t)` at
 * temperature 1 without filtering, whatever decoded it (RL differentiates the tempered one:
 * lib/policy/policy_gradient.ts).
 *
 * Two engines draw the same samples from the same streams: `"fast"` (the default: every prompt
 * and sample of a call in lockstep through the wasm kernels, lib/policy/batch_sampler.ts, in
 * float32) and `"reference"` ({@link sampleOne}, one sample at a time in float64). Their
 * log-probabilities agree to float32 precision, and their tokens wherever a draw does not fall
 * within that precision of a boundary between two tokens.
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
import {
  pickToken,
  type PromptJob,
  type SampledCompletion,
  type SamplerPolicy,
  type SamplingOptions,
} from "./decoding.ts";
import { readToken, runTokens, Scratch, stateLogp } from "./gru.ts";
import { decodeIds, encodeText, END } from "./vocab.ts";
import { type Engine, fastShape } from "./kernels.ts";
import { sampleBatch } from "./batch_sampler.ts";

export {
  filteredWeights,
  pickToken,
  type PromptJob,
  type SampledCompletion,
  type SamplerPolicy,
  SAMPLING_DEFAULTS,
  type SamplingOptions,
  samplingOptions,
} from "./decoding.ts";

/** A prompt read once: the state after `prompt ++ [END]` and the log-probabilities it gives. */
export interface PromptState {
  h: Float64Array;
  logp: Float64Array;
}

/** Reads a prompt (text or vocabulary indices) and returns its final state and first logp. */
export function readPrompt(policy: SamplerPolicy, prompt: string | readonly number[]): PromptState {
  const ids = typeof prompt === "string" ? encodeText(policy.vocab, prompt) : prompt;
  const p = policy.params;
  const h = runTokens(p, new Float64Array(p.cfg.hidden), [...ids, END]);
  return {
    h,
    logp: stateLogp(p, h, new Scratch(p.cfg.vocab, p.cfg.hidden), new Float64Array(p.cfg.vocab)),
  };
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
  const s = new Scratch(V, H), work = new Float64Array(V);
  let logp = state.logp;
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
    logp = readToken(p, y, h, next, s);
    [h, next] = [next, h];
  }
  let logprob = 0;
  for (const l of logprobs) logprob += l;
  const token_ids = tokens.map((t) => policy.vocab.cl100k[t]);
  return { text, tokens, token_ids, logprobs, logprob, finish_reason: finish };
}

/**
 * `n` completions of any prompt text: the prompt is read once, each sample draws from its own
 * stream (see the module doc). Deterministic for (prompt, options, engine).
 */
export function sampleCompletions(
  policy: SamplerPolicy,
  prompt: string,
  opts: SamplingOptions,
  engine: Engine = "fast",
): SampledCompletion[] {
  const ids = encodeText(policy.vocab, prompt);
  return samplePrompts(policy, [{ ids, key: opts.key ?? prompt }], opts, engine)[0];
}

/**
 * `opts.n` completions of every prompt (sample i of a prompt from the stream keyed by its `key`
 * and i). The fast engine runs every sample of the call in lockstep; the reference engine (and
 * any model shape the kernels do not take) one at a time.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab, encodeText } from "./vocab.ts";
 * import { samplePrompts, samplingOptions } from "./sampler.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const jobs = [{ ids: encodeText(vocab, "Final:"), key: "a" }];
 * const fast = samplePrompts(policy, jobs, samplingOptions({ n: 4, max_tokens: 5 }));
 * const ref = samplePrompts(policy, jobs, samplingOptions({ n: 4, max_tokens: 5 }), "reference");
 * assertEquals(fast[0].map((s) => s.tokens), ref[0].map((s) => s.tokens));
 * ```
 */
export function samplePrompts(
  policy: SamplerPolicy,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
  engine: Engine = "fast",
): SampledCompletion[][] {
  if (engine === "fast" && fastShape(policy.params.cfg)) return sampleBatch(policy, jobs, opts);
  return jobs.map((job) => {
    const state = readPrompt(policy, job.ids);
    return Array.from({ length: opts.n }, (_, i) => sampleOne(policy, state, opts, job.key, i));
  });
}
