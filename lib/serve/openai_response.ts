/**
 * OpenAI-shaped response bodies, field for field as the API documents them:
 *
 * - `chat.completion`: `{id, object, created, model, system_fingerprint, choices: [{index,
 *   message: {role, content, refusal}, logprobs: null | {content: [{token, logprob, bytes,
 *   top_logprobs}], refusal}, finish_reason}], usage: {prompt_tokens, completion_tokens,
 *   total_tokens}}`;
 * - `text_completion`: the same envelope with `choices: [{text, index, logprobs: null |
 *   {tokens, token_logprobs, top_logprobs, text_offset}, finish_reason}]`, choice `p·n + j`
 *   being sample `j` of prompt `p`;
 * - the model list: `{object: "list", data: [{id, object: "model", created, owned_by}]}`.
 *
 * `usage.prompt_tokens` counts each prompt once (not once per choice), `completion_tokens`
 * every choice's tokens (the end token included). `top_logprobs` holds the alternatives asked
 * for: chat, a list of `{token, logprob, bytes}` per token, most likely first; completions, a
 * dict `{token: logprob}` per token with the sampled token always in it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { chatBody } from "./openai_response.ts";
 * const body = chatBody({ id: "c1", created: 0, model: "m", fingerprint: "fp", logprobs: false },
 *   { prompt_tokens: 3, choices: [{ text: "Final: 5", tokens: ["Final", ":", " 5"],
 *     logprobs: [0, 0, -1], finish_reason: "stop" }] });
 * assertEquals(body.usage, { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
 * ```
 * @module
 */
import type { Completion, CompletionChoice } from "./policy.ts";

/** What every response envelope carries besides the choices. */
export interface Envelope {
  id: string;
  /** Unix time in seconds. */
  created: number;
  model: string;
  fingerprint: string;
  /** Whether the request asked for log-probabilities. */
  logprobs: boolean;
}

const encoder = new TextEncoder();

function usage(completions: readonly Completion[]) {
  const prompt = completions.reduce((a, c) => a + c.prompt_tokens, 0);
  const completion = completions.reduce(
    (a, c) => a + c.choices.reduce((b, ch) => b + ch.tokens.length, 0),
    0,
  );
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}

function chatLogprobs(ch: CompletionChoice) {
  return {
    content: ch.tokens.map((token, t) => ({
      token,
      logprob: ch.logprobs[t],
      bytes: Array.from(encoder.encode(token)),
      top_logprobs: (ch.top?.[t] ?? []).map((a) => ({
        token: a.token,
        logprob: a.logprob,
        bytes: Array.from(encoder.encode(a.token)),
      })),
    })),
    refusal: null,
  };
}

/** The `chat.completion` body for one prompt's completion. */
export function chatBody(env: Envelope, completion: Completion) {
  return {
    id: env.id,
    object: "chat.completion" as const,
    created: env.created,
    model: env.model,
    system_fingerprint: env.fingerprint,
    choices: completion.choices.map((ch, index) => ({
      index,
      message: { role: "assistant" as const, content: ch.text, refusal: null },
      logprobs: env.logprobs ? chatLogprobs(ch) : null,
      finish_reason: ch.finish_reason,
    })),
    usage: usage([completion]),
  };
}

function textLogprobs(prompt: string, ch: CompletionChoice) {
  const text_offset: number[] = [];
  let offset = prompt.length;
  for (const tok of ch.tokens) {
    text_offset.push(offset);
    offset += tok.length;
  }
  // One dict per token: the alternatives asked for and the sampled token (OpenAI's legacy shape).
  const top_logprobs = ch.tokens.map((token, t) => {
    const d: Record<string, number> = {};
    for (const a of ch.top?.[t] ?? []) d[a.token] = a.logprob;
    d[token] = ch.logprobs[t];
    return d;
  });
  return { tokens: ch.tokens, token_logprobs: ch.logprobs, top_logprobs, text_offset };
}

/** The `text_completion` body for one completion per prompt (choices in prompt order). */
export function completionsBody(
  env: Envelope,
  prompts: readonly string[],
  completions: readonly Completion[],
) {
  const n = completions[0]?.choices.length ?? 0;
  return {
    id: env.id,
    object: "text_completion" as const,
    created: env.created,
    model: env.model,
    system_fingerprint: env.fingerprint,
    choices: completions.flatMap((c, p) =>
      c.choices.map((ch, j) => ({
        text: ch.text,
        index: p * n + j,
        logprobs: env.logprobs ? textLogprobs(prompts[p], ch) : null,
        finish_reason: ch.finish_reason,
      }))
    ),
    usage: usage(completions),
  };
}

/** The model object of `GET /v1/models`. */
export function modelObject(id: string, created: number) {
  return { id, object: "model" as const, created, owned_by: "rl-course" };
}

/** The body of `GET /v1/models`. */
export function modelListBody(id: string, created: number) {
  return { object: "list" as const, data: [modelObject(id, created)] };
}
