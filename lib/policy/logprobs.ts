/**
 * The micro-actions with real probabilities: the tiny policy's log-probability of a given
 * completion, token by token, and the near-miss variants of one answer side by side.
 *
 * A completion is tokenised with cl100k (the canonical tokenisation; a policy could in principle
 * spell the same text with other tokens, which this does not sum over) and read after
 * `prompt ++ [END]`. Each token gets `log π(y_t | x, y_<t)`; the END token that closes the
 * completion is an action too, so
 *
 *     log π(y | x) = Σ_t log π(y_t | x, y_<t)   over the completion's tokens and END.
 *
 * A completion that needs a token outside the policy's vocabulary has probability 0
 * (log-probability −∞), reported with the token that is missing.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab } from "./vocab.ts";
 * import { completionLogprobs } from "./logprobs.ts";
 * const vocab = buildVocab(["Final: 9"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const lp = completionLogprobs(policy, "Compute 4+5.", "Final: 9");
 * assertEquals(lp.tokens.map((t) => t.text), ["Final", ":", " ", "9", "<|end|>"]);
 * assert(Math.abs(lp.logprob - lp.tokens.reduce((s, t) => s + t.logprob, 0)) < 1e-12);
 * ```
 * @module
 */
import { visible } from "../core/visible.ts";
import { score } from "../instrument/scorer.ts";
import { type ScoreCode } from "../instrument/spec.ts";
import { readToken, Scratch } from "./gru.ts";
import { type Engine, fastShape } from "./kernels.ts";
import { scoreBatch } from "./batch_logprobs.ts";
import { type PromptState, readPrompt, type SamplerPolicy } from "./sampler.ts";
import { encodeCompletion, encodeText, END, SPECIALS } from "./vocab.ts";

/** One token of a completion under the policy. */
export interface TokenLogprob {
  /** The policy's vocabulary index. */
  index: number;
  /** The cl100k id (-1 for the end token). */
  id: number;
  /** The token's text (`<|end|>` for the end token). */
  text: string;
  /** The text with whitespace made visible. */
  shown: string;
  /** log π(y_t | x, y_<t). */
  logprob: number;
  /** π(y_t | x, y_<t). */
  prob: number;
}

/** A completion under the policy. */
export interface CompletionLogprobs {
  completion: string;
  /** The tokens and END, or empty when a token is outside the vocabulary. */
  tokens: TokenLogprob[];
  /** log π(y | x): the sum over `tokens`, or −Infinity when a token is missing. */
  logprob: number;
  /** The first cl100k token the vocabulary lacks, or null. */
  missing: { id: number; text: string } | null;
}

/**
 * The policy's log-probability of `completion` after `prompt`, token by token (END included).
 */
export function completionLogprobs(
  policy: SamplerPolicy,
  prompt: string,
  completion: string,
  engine: Engine = "fast",
): CompletionLogprobs {
  const enc = encodeCompletion(policy.vocab, completion);
  if ("missing" in enc) return { completion, tokens: [], logprob: -Infinity, missing: enc.missing };
  const actions = [...enc.ids, END];
  const logps = tokenLogprobs(policy, prompt, actions, engine);
  const tokens: TokenLogprob[] = actions.map((y, t) => {
    const text = y === END ? SPECIALS[0] : policy.vocab.texts[y];
    return {
      index: y,
      id: policy.vocab.cl100k[y],
      text,
      shown: y === END ? text : visible(text, { unicode: false }),
      logprob: logps[t],
      prob: Math.exp(logps[t]),
    };
  });
  return { completion, tokens, logprob: tokens.reduce((s, t) => s + t.logprob, 0), missing: null };
}

/** log π(y_t | x, y_<t) of each of `tokens` after `prompt`, by the chosen engine. */
function tokenLogprobs(
  policy: SamplerPolicy,
  prompt: string | PromptState,
  tokens: readonly number[],
  engine: Engine,
): number[] {
  if (typeof prompt === "string" && engine === "fast" && fastShape(policy.params.cfg)) {
    return scoreBatch(policy, [encodeText(policy.vocab, prompt)], [{ prompt: 0, tokens }])[0];
  }
  const p = policy.params, H = p.cfg.hidden, V = p.cfg.vocab;
  const state = typeof prompt === "string" ? readPrompt(policy, prompt) : prompt;
  let h = Float64Array.from(state.h), next = new Float64Array(H), logp = state.logp; // state kept
  const s = new Scratch(V, H), out: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    out.push(logp[tokens[t]]);
    if (t === tokens.length - 1) break;
    logp = readToken(p, tokens[t], h, next, s);
    [h, next] = [next, h];
  }
  return out;
}

/**
 * The seed course's near-miss variants of an answer (M3): the clean line, a double space, a
 * leading zero (after the sign for a negative), and a line break after the colon.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { nearMissVariants } from "./logprobs.ts";
 * assertEquals(nearMissVariants("9"), ["Final: 9", "Final:  9", "Final: 09", "Final:\n9"]);
 * ```
 */
export function nearMissVariants(answer: string): string[] {
  const zero = answer.startsWith("-") ? `-0${answer.slice(1)}` : `0${answer}`;
  return [`Final: ${answer}`, `Final:  ${answer}`, `Final: ${zero}`, `Final:\n${answer}`];
}

/** One variant of the comparison: its tokens and log-probability under the policy, its reward. */
export interface VariantRow extends CompletionLogprobs {
  /** The completion with whitespace made visible. */
  shown: string;
  reward: 0 | 1;
  code: ScoreCode;
}

/**
 * Each completion's tokens, summed log-probability under the policy and strict reward, for one
 * example (default: the near-miss variants of its expected answer).
 */
export function compareUnderPolicy(
  policy: SamplerPolicy,
  example: { prompt: string; expected_answer: number | string },
  variants: readonly string[] = nearMissVariants(String(example.expected_answer)),
): VariantRow[] {
  return variants.map((v) => {
    const verdict = score(example, v);
    return {
      ...completionLogprobs(policy, example.prompt, v),
      shown: visible(v, { unicode: false }),
      reward: verdict.reward,
      code: verdict.details.code,
    };
  });
}

/**
 * log π(y | x) of a completion given as the policy's own vocabulary indices (END included when
 * the completion ended with it), teacher-forced after `prompt ++ [END]`:
 * Σ_t log π(y_t | x, y_<t). For a sample drawn from the same policy this is the sample's own
 * `logprob`; under another policy of the same vocabulary (a reference checkpoint) it is that
 * policy's log-probability of the very same tokens, the `ref_logprob` of the KL estimate. The
 * prompt may be given read already (`readPrompt`, the reference engine), to read it once for
 * many samples; `scoreBatch` (lib/policy/batch_logprobs.ts) scores many completions at once.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab } from "./vocab.ts";
 * import { sampleCompletions } from "./sampler.ts";
 * import { tokensLogprob } from "./logprobs.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const [s] = sampleCompletions(policy, "Final:", { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 5, seed: 3 });
 * assert(Math.abs(tokensLogprob(policy, "Final:", s.tokens) - s.logprob) < 1e-12);
 * ```
 */
export function tokensLogprob(
  policy: SamplerPolicy,
  prompt: string | PromptState,
  tokens: readonly number[],
  engine: Engine = "fast",
): number {
  let sum = 0;
  for (const l of tokenLogprobs(policy, prompt, tokens, engine)) sum += l;
  return sum;
}
