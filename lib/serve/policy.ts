/**
 * What the server needs from a policy: one small interface, {@link CompletionPolicy}, that the
 * HTTP layer is written against. Two things implement it: the deterministic stand-in
 * (`stand_in.ts`, for tests and for a checkout without a trained model) and the adapter around the
 * course's tiny language model (`tiny_adapter.ts`, the single place where it is wired).
 *
 * A policy answers `complete(prompt, settings)` with `n` choices. Each choice carries its text,
 * its tokens with their log-probabilities `log π(y_t | prompt, y_<t)` (so
 * `log π(y | x) = Σ_t log π(y_t | x, y_<t)`), and why it ended: `"stop"` (the policy ended it, or
 * a stop string cut it) or `"length"` (the token budget ran out).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { applyStop } from "./policy.ts";
 * const choice = { text: "Final: 5\nmore", tokens: ["Final", ":", " 5", "\n", "more"],
 *   logprobs: [-1, 0, -2, -0.5, -3], finish_reason: "length" as const };
 * assertEquals(applyStop(choice, ["\n"]).text, "Final: 5");
 * ```
 * @module
 */
import type { SamplingOptions } from "../policy/sampler.ts";

/**
 * The decoding settings of one request, validated (see `openai_request.ts`): the tiny policy's
 * own sampling options (`lib/policy/sampler.ts`), with the stop strings always present.
 */
export type CompletionSettings = Omit<SamplingOptions, "stop" | "key"> & { stop: string[] };

/** A token and its log-probability (one of the alternatives at a position). */
export interface TokenAlternative {
  token: string;
  logprob: number;
}

/** One sampled completion. */
export interface CompletionChoice {
  text: string;
  /**
   * The tokens, as text, in order (their concatenation is `text`). A completion the policy
   * ended itself ends with its end token, whose text is empty.
   */
  tokens: string[];
  /** `log π(token_t | prompt, tokens_<t)`, parallel to `tokens`. */
  logprobs: number[];
  finish_reason: "stop" | "length";
  /** When asked for: the most likely tokens at each position, most likely first. */
  top?: TokenAlternative[][];
}

/** What `complete()` returns: the prompt's length in tokens, and the choices. */
export interface Completion {
  prompt_tokens: number;
  choices: CompletionChoice[];
}

/** A policy the server can serve. */
export interface CompletionPolicy {
  /** The model name clients send and `/v1/models` lists. */
  readonly id: string;
  /** Fingerprint of the weights and code (the response's `system_fingerprint`). */
  readonly fingerprint: string;
  /** The most tokens one choice may have, whatever `max_tokens` asks. */
  readonly maxTokens: number;
  /** True when the completions are synthetic (not a trained model's). */
  readonly synthetic: boolean;
  /** The prompt's length in tokens, counted no further than `cap + 1` (a huge prompt is cheap). */
  promptTokens(prompt: string, cap: number): number;
  /** True when it can report the alternatives at each position (`top_logprobs`). */
  readonly alternatives: boolean;
  /**
   * Samples `settings.n` choices for `prompt`; deterministic for `settings.seed`. With `top` > 0
   * (and `alternatives`), each choice also carries the `top` most likely tokens per position.
   */
  complete(
    prompt: string,
    settings: CompletionSettings,
    top?: number,
  ): Completion | Promise<Completion>;
}

/**
 * Cuts a choice at the first occurrence of any stop string: the text ends just before it, the
 * tokens are those that start before it (the last one trimmed to the cut), and the finish reason
 * becomes `"stop"`. A choice without a stop string is returned unchanged.
 *
 * @param choice the choice as the policy sampled it
 * @param stop the stop strings (empty strings are ignored)
 * @returns the cut choice
 */
export function applyStop(choice: CompletionChoice, stop: readonly string[]): CompletionChoice {
  let cut = -1;
  for (const s of stop) {
    if (s === "") continue;
    const at = choice.text.indexOf(s);
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  if (cut < 0) return choice;
  const tokens: string[] = [];
  const logprobs: number[] = [];
  let offset = 0;
  for (let t = 0; t < choice.tokens.length && offset < cut; t++) {
    const tok = choice.tokens[t];
    tokens.push(offset + tok.length > cut ? tok.slice(0, cut - offset) : tok);
    logprobs.push(choice.logprobs[t]);
    offset += tok.length;
  }
  const top = choice.top === undefined ? {} : { top: choice.top.slice(0, tokens.length) };
  return { text: choice.text.slice(0, cut), tokens, logprobs, finish_reason: "stop", ...top };
}
