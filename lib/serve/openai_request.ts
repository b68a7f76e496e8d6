/**
 * Reading an OpenAI `POST /v1/chat/completions` or `POST /v1/completions` body into a prompt and
 * validated {@link CompletionSettings}, with a 400 naming the field for anything out of range.
 *
 * Fields, as the OpenAI API documents them: `model` (required), `n` (default 1), `temperature`
 * (0–2, default 1), `top_p` ((0, 1], default 1), `max_tokens` (chat also `max_completion_tokens`;
 * default and cap: the policy's own limit, longer budgets are capped there), `stop` (a string or
 * up to 16), `seed` (an integer; absent: the caller draws one), `logprobs` (chat: a boolean, with
 * `top_logprobs` 0–20 alternatives; completions: 0–5 alternatives besides the sampled token),
 * `stream` and `echo` (booleans; `true` is refused). `top_k` is accepted as vLLM and llama.cpp
 * accept it. Every other field is checked against one table (openai_params.ts): a setting this
 * server cannot honour is a 400 naming it, never silently ignored — a reply must never misstate
 * how it was sampled.
 *
 * A chat prompt is the messages' text contents joined by a blank line (a single user message
 * is passed through exactly); a completions prompt is a string or a list of strings.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseChatRequest } from "./openai_request.ts";
 * const r = parseChatRequest({ model: "m", messages: [{ role: "user", content: "Hi" }], seed: 3 },
 *   { maxN: 8, maxPrompts: 4, maxChoices: 32, defaultMaxTokens: 48, randomSeed: () => 0 });
 * assertEquals([r.prompts, r.settings.seed, r.settings.n], [["Hi"], 3, 1]);
 * ```
 * @module
 */
import { badParam } from "./http.ts";
import { type Endpoint, unsupportedField } from "./openai_params.ts";
import type { CompletionSettings } from "./policy.ts";

/** Caps on one request, and where a missing seed comes from. */
export interface RequestLimits {
  /** Most choices per prompt (`n`). */
  maxN: number;
  /** Most prompts in one completions request. */
  maxPrompts: number;
  /** Most choices in one request (prompts × n). */
  maxChoices: number;
  /** `max_tokens` when the request gives none. */
  defaultMaxTokens: number;
  /** A fresh seed for a request without one (drawn at the I/O edge). */
  randomSeed: () => number;
}

/** A validated completion request. */
export interface ParsedRequest {
  model: string;
  prompts: string[];
  settings: CompletionSettings;
  /** Report each token's log-probability. */
  logprobs: boolean;
  /** How many alternatives to report per token (0: the sampled token only). */
  topLogprobs: number;
}

type Body = Record<string, unknown>;

function num(body: Body, key: string, def: number, ok: (x: number) => boolean, rule: string) {
  const v = body[key];
  if (v === undefined || v === null) return def;
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) {
    throw badParam(key, `'${key}' must be ${rule}, got ${JSON.stringify(v) ?? typeof v}`);
  }
  return v;
}

const isInt = (x: number) => Number.isSafeInteger(x);

/**
 * The most stop strings a request may give: OpenAI allows 4, but lm-eval sends a task's whole
 * `until` list plus the EOS string, and this server honours every one.
 */
export const MAX_STOP = 16;

function stopList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = typeof v === "string" ? [v] : v;
  if (
    !Array.isArray(list) || list.length > MAX_STOP ||
    !list.every((s) => typeof s === "string" && s.length <= 256)
  ) {
    throw badParam("stop", `'stop' must be a string or a list of at most ${MAX_STOP} strings`);
  }
  return list as string[];
}

function flag(body: Body, key: string): boolean {
  const v = body[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") {
    throw badParam(key, `'${key}' must be true or false, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  return v;
}

/** Why `echo: true` is refused (lm-eval's loglikelihood requests send it). */
export const ECHO_REFUSAL = "'echo' is not supported: the course's policy scores a completion " +
  "given its prompt and does not model the prompt's own tokens, so it cannot return their " +
  "log-probabilities (lm-eval's loglikelihood and multiple-choice tasks); run generate_until " +
  "tasks instead";

function common(body: Body, limits: RequestLimits, endpoint: Endpoint, maxTokensKeys: string[]) {
  const refused = unsupportedField(endpoint, body);
  if (refused !== null) throw badParam(refused.param, refused.message);
  if (flag(body, "stream")) throw badParam("stream", "'stream' is not supported by this server");
  if (flag(body, "echo")) throw badParam("echo", ECHO_REFUSAL);
  if (typeof body.model !== "string" || body.model === "") {
    throw badParam("model", "'model' is required: a model name from GET /v1/models");
  }
  let maxTokens = limits.defaultMaxTokens;
  for (const key of maxTokensKeys) {
    maxTokens = num(body, key, maxTokens, (x) => isInt(x) && x >= 1, "an integer >= 1");
  }
  const seed = num(body, "seed", NaN, isInt, "an integer");
  const settings: CompletionSettings = {
    n: num(body, "n", 1, (x) => isInt(x) && x >= 1 && x <= limits.maxN, `1..${limits.maxN}`),
    temperature: num(body, "temperature", 1, (x) => x >= 0 && x <= 2, "a number in [0, 2]"),
    top_p: num(body, "top_p", 1, (x) => x > 0 && x <= 1, "a number in (0, 1]"),
    top_k: num(body, "top_k", 0, (x) => isInt(x) && x >= 0, "an integer >= 0"),
    max_tokens: maxTokens,
    seed: Number.isNaN(seed) ? limits.randomSeed() : seed,
    stop: stopList(body.stop),
  };
  return { model: body.model, settings };
}

function checkChoices(prompts: number, n: number, limits: RequestLimits): void {
  if (prompts * n > limits.maxChoices) {
    throw badParam("n", `prompts × n is ${prompts * n}, over the cap of ${limits.maxChoices}`);
  }
}

function messageText(m: unknown, i: number): string {
  const where = `messages[${i}]`;
  if (typeof m !== "object" || m === null || Array.isArray(m)) {
    throw badParam("messages", `${where} must be an object {role, content}`);
  }
  const { role, content } = m as Body;
  if (!["system", "developer", "user", "assistant"].includes(role as string)) {
    throw badParam("messages", `${where}.role must be system, developer, user or assistant`);
  }
  if (typeof content === "string") return content;
  if (
    Array.isArray(content) &&
    content.every((p) =>
      typeof p === "object" && p !== null && p.type === "text" &&
      typeof p.text === "string"
    )
  ) {
    return content.map((p) => p.text).join("");
  }
  throw badParam("messages", `${where}.content must be a string or a list of text parts`);
}

/** Validates a chat completions body. */
export function parseChatRequest(body: Body, limits: RequestLimits): ParsedRequest {
  const { model, settings } = common(body, limits, "chat", ["max_tokens", "max_completion_tokens"]);
  const msgs = body.messages;
  if (!Array.isArray(msgs) || msgs.length === 0 || msgs.length > 64) {
    throw badParam("messages", "'messages' must be a list of 1 to 64 messages");
  }
  const top = num(body, "top_logprobs", 0, (x) => isInt(x) && x >= 0 && x <= 20, "0..20");
  const logprobs = flag(body, "logprobs");
  if (top > 0 && !logprobs) {
    throw badParam("top_logprobs", "'top_logprobs' needs 'logprobs': true");
  }
  checkChoices(1, settings.n, limits);
  const prompt = msgs.map(messageText).join("\n\n");
  return { model, prompts: [prompt], settings, logprobs, topLogprobs: top };
}

/** Validates a (legacy) completions body. */
export function parseCompletionsRequest(body: Body, limits: RequestLimits): ParsedRequest {
  const { model, settings } = common(body, limits, "completions", ["max_tokens"]);
  const p = body.prompt;
  const prompts = typeof p === "string" ? [p] : p;
  if (
    !Array.isArray(prompts) || prompts.length === 0 || prompts.length > limits.maxPrompts ||
    !prompts.every((x) => typeof x === "string")
  ) {
    throw badParam(
      "prompt",
      `'prompt' must be a string or a list of 1 to ${limits.maxPrompts} strings`,
    );
  }
  const lp = num(body, "logprobs", -1, (x) => isInt(x) && x >= 0 && x <= 5, "an integer 0..5");
  checkChoices(prompts.length, settings.n, limits);
  return {
    model,
    prompts: prompts as string[],
    settings,
    logprobs: lp >= 0,
    topLogprobs: Math.max(lp, 0),
  };
}
