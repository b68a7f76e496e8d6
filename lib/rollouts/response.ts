/**
 * Reading an OpenAI completion response, strictly: what the rollouts client keeps of it, and a
 * {@link MalformedResponse} (which the client retries, then reports) for anything that is not the
 * documented shape: `choices` a non-empty list, each with the text (`message.content` for chat,
 * `text` for completions), an `index` (0..k−1, each once) and a `finish_reason`; `model`,
 * `system_fingerprint`, `usage` and the per-token `logprobs` kept when present (chat:
 * `logprobs.content[].{token, logprob}`; completions: `logprobs.{tokens, token_logprobs}`, or
 * llama-server's chat shape). A 200 whose body is `{"error": …}` is malformed too, with the
 * server's message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseCompletionResponse } from "./response.ts";
 * const r = parseCompletionResponse("completions", { model: "m", choices: [
 *   { index: 0, text: "Final: 5", finish_reason: "stop" }] });
 * assertEquals(r.choices[0].text, "Final: 5");
 * ```
 * @module
 */
import type { Api } from "./request.ts";

/** A response body that is not the documented shape (or not JSON at all). */
export class MalformedResponse extends Error {
  constructor(why: string) {
    super(why);
    this.name = "MalformedResponse";
  }
}

/** One choice as kept. */
export interface ResponseChoice {
  text: string;
  finish_reason: string | null;
  /** Per-token texts and log-probabilities, when the server sent them. */
  logprobs: { tokens: string[]; logprobs: number[] } | null;
}

/** A response as kept. */
export interface ParsedResponse {
  /** The model name as the server reports it. */
  model: string | null;
  system_fingerprint: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  /** In `index` order. */
  choices: ResponseChoice[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);

/** `{content: [{token, logprob}]}`: chat, and llama-server's completions too. */
function contentLogprobs(content: unknown[]): ResponseChoice["logprobs"] {
  const items = content.filter((x): x is Obj =>
    isObj(x) && typeof x.token === "string" && typeof x.logprob === "number"
  );
  if (items.length !== content.length) throw new MalformedResponse("malformed logprobs");
  return {
    tokens: items.map((x) => x.token as string),
    logprobs: items.map((x) => x.logprob as number),
  };
}

function logprobsOf(api: Api, lp: unknown): ResponseChoice["logprobs"] {
  if (!isObj(lp)) return null;
  // llama-server answers /v1/completions with the chat shape (tools/server/server-task.cpp
  // to_json_oaicompat: {"content": probs_vector_to_json(...)}), so both shapes are read there.
  if (Array.isArray(lp.content)) return contentLogprobs(lp.content);
  if (api === "chat") return null;
  const { tokens, token_logprobs } = lp;
  if (!Array.isArray(tokens) || !Array.isArray(token_logprobs)) return null;
  if (
    tokens.length !== token_logprobs.length || !tokens.every((t) => typeof t === "string") ||
    !token_logprobs.every((x) => typeof x === "number")
  ) throw new MalformedResponse("malformed logprobs");
  return { tokens: tokens as string[], logprobs: token_logprobs as number[] };
}

/**
 * The choices' order: every `index` an integer 0..k−1, each once (then that order), or no
 * `index` at all (then as listed). A duplicated, negative, missing or out-of-range index is a
 * malformed body: a duplicated choice must never become a second sample.
 */
function choiceOrder(indexes: unknown[]): number[] {
  if (indexes.every((x) => x === undefined || x === null)) return indexes.map((_, k) => k);
  const seen = new Set<number>();
  for (const [k, x] of indexes.entries()) {
    if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x >= indexes.length) {
      throw new MalformedResponse(
        `choices[${k}].index is ${JSON.stringify(x)}, not 0..${indexes.length - 1}`,
      );
    }
    if (seen.has(x)) throw new MalformedResponse(`two choices have index ${x}`);
    seen.add(x);
  }
  return indexes as number[];
}

/** Parses a completion response body (already JSON-decoded). */
export function parseCompletionResponse(api: Api, body: unknown): ParsedResponse {
  if (!isObj(body)) throw new MalformedResponse("the body is not a JSON object");
  if (!Array.isArray(body.choices) && body.error !== undefined) {
    throw new MalformedResponse(
      `the server answered 200 with an error: ${serverMessage(JSON.stringify(body))}`,
    );
  }
  if (!Array.isArray(body.choices) || body.choices.length === 0) {
    throw new MalformedResponse("the body has no 'choices'");
  }
  const order = choiceOrder(body.choices.map((c) => (isObj(c) ? c.index : undefined)));
  const choices = body.choices.map((c, k) => {
    if (!isObj(c)) throw new MalformedResponse(`choices[${k}] is not an object`);
    let text: unknown;
    if (api === "chat") {
      if (!isObj(c.message)) throw new MalformedResponse(`choices[${k}] has no 'message'`);
      text = c.message.content === null ? "" : c.message.content;
    } else text = c.text;
    if (typeof text !== "string") throw new MalformedResponse(`choices[${k}] has no text`);
    const fr = c.finish_reason;
    if (fr !== null && fr !== undefined && typeof fr !== "string") {
      throw new MalformedResponse(`choices[${k}].finish_reason is not a string`);
    }
    return {
      index: order[k],
      text,
      finish_reason: fr ?? null,
      logprobs: logprobsOf(api, c.logprobs),
    };
  });
  choices.sort((a, b) => a.index - b.index);
  const usage = isObj(body.usage) ? body.usage : {};
  return {
    model: typeof body.model === "string" ? body.model : null,
    system_fingerprint: typeof body.system_fingerprint === "string"
      ? body.system_fingerprint
      : null,
    prompt_tokens: count(usage.prompt_tokens),
    completion_tokens: count(usage.completion_tokens),
    choices: choices.map(({ text, finish_reason, logprobs }) => ({
      text,
      finish_reason,
      logprobs,
    })),
  };
}

/**
 * What `responses.jsonl` keeps of one sample: the model as reported, `system_fingerprint`, the
 * finish reason, the prompt's tokens, the completion's tokens (for a request of `n > 1` choices
 * the server counts only their total, kept under `request`; the sample's own count is then its
 * number of log-probabilities, or null), latency and attempts, and the tokens with their
 * log-probabilities and their sum `log π(y|x) = Σ_t log π(y_t|x, y_<t)` when the server sent them,
 * under the names `deno task sample`'s tokens.jsonl uses (`tokens`, `logprobs`, `logprob`): the
 * sum is the `logprob` a completion row or a pack's sample carries for the KL estimate.
 */
export function sampleRecord(
  r: ParsedResponse,
  c: ResponseChoice,
  choicesInRequest: number,
  meta: { attempts: number; latency_ms: number },
): Record<string, unknown> {
  const lp = c.logprobs;
  const one = choicesInRequest === 1;
  return {
    model: r.model,
    system_fingerprint: r.system_fingerprint,
    finish_reason: c.finish_reason,
    prompt_tokens: r.prompt_tokens,
    completion_tokens: one ? r.completion_tokens : lp?.tokens.length ?? null,
    ...(one
      ? {}
      : { request: { choices: choicesInRequest, completion_tokens: r.completion_tokens } }),
    latency_ms: meta.latency_ms,
    attempts: meta.attempts,
    ...(lp === null ? {} : {
      tokens: lp.tokens,
      logprobs: lp.logprobs,
      logprob: lp.logprobs.reduce((a, b) => a + b, 0),
    }),
  };
}

/**
 * The error message a server put in a refusal body (`{"error": {"message"}}`, `{"error": "…"}`,
 * `{"message": "…"}` or `{"detail": "…"}`), or the body's start when it has none; at most 300
 * characters.
 */
export function serverMessage(text: string): string {
  let msg: unknown = text;
  try {
    const v = JSON.parse(text);
    if (isObj(v)) {
      msg = isObj(v.error) ? v.error.message : v.error ?? v.message ?? v.detail ?? text;
    }
  } catch { /* not JSON: the text itself */ }
  const s = (typeof msg === "string" ? msg : JSON.stringify(msg)).replace(/\s+/g, " ").trim();
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
