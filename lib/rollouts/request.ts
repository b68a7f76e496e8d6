/**
 * The rollouts client's side of the OpenAI API, as pure functions: where requests go, what they
 * carry, what the `.meta.json` records about them, and what a response must hold.
 *
 * - **Endpoint**: `{base}/chat/completions` (the default) or `{base}/completions`. The base URL
 *   may carry a query string (sent, never recorded) but no credentials: keys travel only in the
 *   `Authorization` header, from an environment variable.
 * - **Prompt**: the dataset's `prompt` is the user message (its format instruction is already in
 *   it), after the optional system prompt; on the completions API the system prompt and the prompt
 *   are joined by a blank line. {@link promptTemplate} states this in the `.meta.json`.
 * - **Seeds**: sample `i` of prompt `id` is requested with `seedFrom("rollouts", seed, id, i)`
 *   (one request per sample); a request for all `n` samples of a prompt uses
 *   `seedFrom("rollouts", seed, id)`. Both are 31-bit, so every server's seed type holds them, and
 *   a resumed or repeated run asks for exactly the same draws.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { endpointRecord, parseBaseUrl } from "./request.ts";
 * const ep = parseBaseUrl("http://localhost:11434/v1/?x=1");
 * assertEquals(endpointRecord(ep, "chat"), { endpoint_scheme: "http", endpoint_host: "localhost",
 *   endpoint_port: 11434, endpoint_path: "/v1/chat/completions" });
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { sha256Text } from "../core/hash.ts";
import { seedFrom } from "../core/prng.ts";

/** Which OpenAI endpoint the client speaks. */
export type Api = "chat" | "completions";

/** A parsed base URL. */
export interface Endpoint {
  scheme: "http" | "https";
  host: string;
  port: number;
  /** The base path, without a trailing slash (e.g. `/v1`). */
  path: string;
  /** `?…` or empty: sent with every request, never written or printed. */
  query: string;
}

/** Parses the server's base URL, e.g. `http://localhost:11434/v1`. */
export function parseBaseUrl(url: string): Endpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(null, null, "the base URL is not a URL (want http(s)://HOST[:PORT]/PATH)");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new InputError(null, null, `the base URL must start with http:// or https://`);
  }
  if (u.username !== "" || u.password !== "") {
    throw new InputError(
      null,
      null,
      "the base URL carries credentials; pass the key through an environment variable instead",
    );
  }
  const scheme = u.protocol === "https:" ? "https" : "http";
  const port = u.port !== "" ? Number(u.port) : scheme === "https" ? 443 : 80;
  return { scheme, host: u.hostname, port, path: u.pathname.replace(/\/+$/, ""), query: u.search };
}

const ROUTE: Record<Api, string> = { chat: "/chat/completions", completions: "/completions" };

/** The URL a completion request is sent to (with the base URL's query string). */
export function requestUrl(ep: Endpoint, api: Api): string {
  return `${ep.scheme}://${ep.host}:${ep.port}${ep.path}${ROUTE[api]}${ep.query}`;
}

/** The endpoint as the `.meta.json` records it: no key, no query string. */
export function endpointRecord(ep: Endpoint, api: Api) {
  return {
    endpoint_scheme: ep.scheme,
    endpoint_host: ep.host,
    endpoint_port: ep.port,
    endpoint_path: `${ep.path}${ROUTE[api]}`,
  };
}

/** Everything that decides what is sampled. */
export interface RolloutSettings {
  model: string;
  api: Api;
  temperature: number;
  top_p: number;
  max_tokens: number;
  seed: number;
  /** The system prompt's text, or null for none. */
  system: string | null;
  /** Ask for per-token log-probabilities. */
  logprobs: boolean;
  /** Send the budget as `max_completion_tokens` from the start (chat only). */
  max_tokens_field?: "max_tokens" | "max_completion_tokens";
}

/** Exactly the {@link RolloutSettings} fields of `o` (a resumed run compares them). */
/** A request's default settings, as `deno task rollouts` takes them (the model has none). */
export const REQUEST_DEFAULTS = {
  api: "chat" as Api,
  temperature: 1,
  top_p: 1,
  max_tokens: 256,
  seed: 0,
  system: null as string | null,
  logprobs: false,
};

/** The client's own defaults: samples per prompt, requests in flight, seconds, retries. */
export const CLIENT_DEFAULTS = { n: 1, concurrency: 4, timeout: 60, maxRetries: 5 } as const;

/** The settings of a request, picked out of a larger record. */
export function pickSettings(o: RolloutSettings): RolloutSettings {
  const { model, api, temperature, top_p, max_tokens, seed, system, logprobs } = o;
  const field = o.max_tokens_field === "max_completion_tokens"
    ? { max_tokens_field: o.max_tokens_field }
    : {};
  return { model, api, temperature, top_p, max_tokens, seed, system, logprobs, ...field };
}

/**
 * The API key, read only from the environment variable `keyVar` (default `OPENAI_API_KEY`, which
 * may be unset: local servers need no key); null when there is none.
 *
 * @param env reads one environment variable (`(name) => Deno.env.get(name)`)
 * @throws InputError when `keyVar` was named but is unset (the message names the variable, never
 *   a value)
 */
export function apiKeyFrom(
  keyVar: string | undefined,
  env: (name: string) => string | undefined,
): string | null {
  const key = env(keyVar ?? "OPENAI_API_KEY") ?? null;
  if (key === null && keyVar !== undefined) throw new InputError(null, null, `${keyVar} is unset`);
  return key || null;
}

/** The seed of sample `i` of prompt `id` (one request per sample). */
export function sampleSeed(seed: number, id: string, i: number): number {
  return seedFrom("rollouts", seed, id, i) & 0x7fffffff;
}

/** The seed of one request for all samples of prompt `id`. */
export function promptSeed(seed: number, id: string): number {
  return seedFrom("rollouts", seed, id) & 0x7fffffff;
}

/** How the request is built from the dataset's prompt, in words. */
export function promptTemplate(api: Api, hasSystem: boolean): string {
  if (api === "chat") {
    return hasSystem
      ? "messages: [system: <system prompt>, user: {prompt}]"
      : "messages: [user: {prompt}]";
  }
  return hasSystem ? "prompt: <system prompt>\\n\\n{prompt}" : "prompt: {prompt}";
}

/** The JSON body of one completion request for `n` samples of `prompt`. */
export function requestBody(s: RolloutSettings, prompt: string, n: number, seed: number) {
  const sampling = {
    n,
    temperature: s.temperature,
    top_p: s.top_p,
    max_tokens: s.max_tokens,
    seed,
  };
  if (s.api === "chat") {
    const messages = s.system === null
      ? [{ role: "user", content: prompt }]
      : [{ role: "system", content: s.system }, { role: "user", content: prompt }];
    return { model: s.model, messages, ...sampling, ...(s.logprobs ? { logprobs: true } : {}) };
  }
  const text = s.system === null ? prompt : `${s.system}\n\n${prompt}`;
  return { model: s.model, prompt: text, ...sampling, ...(s.logprobs ? { logprobs: 1 } : {}) };
}

/**
 * The flat settings map written as `<file>.meta.json`, which eval, select and the gate read:
 * the model and seed (the policy's identity), the endpoint, every sampling setting sent, the
 * system prompt's SHA-256 (null for none) and the prompt template; `samples_per_prompt` for a
 * samples file.
 */
export function endpointSamplingMeta(
  s: RolloutSettings,
  ep: Endpoint,
  samplesPerPrompt?: number,
): Record<string, string | number | null> {
  return {
    model: s.model,
    seed: s.seed,
    api: s.api,
    ...endpointRecord(ep, s.api),
    temperature: s.temperature,
    top_p: s.top_p,
    max_tokens: s.max_tokens,
    ...(s.max_tokens_field === "max_completion_tokens"
      ? { max_tokens_field: s.max_tokens_field }
      : {}),
    system_prompt_sha256: s.system === null ? null : sha256Text(s.system),
    prompt_template: promptTemplate(s.api, s.system !== null),
    ...(samplesPerPrompt === undefined ? {} : { samples_per_prompt: samplesPerPrompt }),
  };
}
