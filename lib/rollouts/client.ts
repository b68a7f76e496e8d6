/**
 * One completion request, made robustly: retried with exponential backoff and jitter on the
 * faults that pass (HTTP 408, 429 and 5xx, a refused or dropped connection, a timeout, a body
 * that is truncated or not the documented shape), honouring `Retry-After`; stopped at once on a
 * refusal that will not pass (any other 4xx: a wrong model name, a bad key), with the server's
 * own message.
 *
 * The wait before retry `k` (1-based) is `min(cap, base · 2^(k−1)) · (0.5 + 0.5·u)` with `u`
 * uniform from a seeded stream ("equal jitter": never less than half the backoff, so retries
 * spread without collapsing to zero), and at least what the server asks, capped: `retry-after-ms`
 * (milliseconds, as OpenAI sends it), else `Retry-After` (seconds, fractional allowed, or an HTTP
 * date). Redirects are not followed: the network permission covers one host.
 *
 * Two refusals are told apart for the caller to act on: a request for several choices refused
 * with 400, 422 or 500/501 ({@link NRefused}: llama-server answers `n ≠ 1` with a 500 "Only one
 * completion choice is allowed", examples/server/utils.hpp), when `probeN` is set; and a 400
 * `unsupported_parameter`/`unsupported_value` naming `max_tokens`, `temperature` or `top_p`
 * ({@link UnsupportedParameter}: OpenAI's reasoning models).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { backoffMs, retryAfterMs } from "./client.ts";
 * assertEquals(retryAfterMs("3", 0), 3000);
 * assertEquals(retryAfterMs("12.5", 0), 12_500);
 * assertEquals(backoffMs(1, 500, 30_000, 0), 250);
 * ```
 * @module
 */
import type { Rng } from "../core/prng.ts";
import type { Api } from "./request.ts";
import {
  MalformedResponse,
  parseCompletionResponse,
  type ParsedResponse,
  serverMessage,
} from "./response.ts";

/** How hard to try. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Per attempt, connection to last byte. */
  timeoutMs: number;
  /** Backoff before the first retry, before jitter. */
  baseDelayMs: number;
  /** Backoff cap, before jitter. */
  maxDelayMs: number;
  /** The longest `Retry-After` honoured. */
  maxRetryAfterMs: number;
}

/** The retry policy of the rollouts client unless told otherwise. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 5,
  timeoutMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** A refusal that retrying cannot fix (a 4xx other than 408/429). */
export class FatalHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(`HTTP ${status}: ${message}`);
    this.name = "FatalHttpError";
    this.status = status;
  }
}

/** A request for several choices that the server refused (`probeN`): maybe `n` itself. */
export class NRefused extends FatalHttpError {
  constructor(status: number, message: string) {
    super(status, message);
    this.name = "NRefused";
  }
}

/** The parameters a server may refuse that the client can do without. */
export const ADAPTABLE = ["max_tokens", "temperature", "top_p"] as const;

/** A 400 `unsupported_parameter` (or `unsupported_value`) naming one of {@link ADAPTABLE}. */
export class UnsupportedParameter extends FatalHttpError {
  readonly param: typeof ADAPTABLE[number];
  constructor(status: number, message: string, param: typeof ADAPTABLE[number]) {
    super(status, message);
    this.name = "UnsupportedParameter";
    this.param = param;
  }
}

/** Every attempt failed with a fault that passes. */
export class GaveUpError extends Error {
  readonly attempts: number;
  constructor(attempts: number, last: string) {
    super(`gave up after ${attempts} attempts; last: ${last}`);
    this.name = "GaveUpError";
    this.attempts = attempts;
  }
}

/** The wait before retry `k`: `min(cap, base · 2^(k−1)) · (0.5 + 0.5·u)`. */
export function backoffMs(k: number, baseMs: number, capMs: number, u: number): number {
  return Math.min(capMs, baseMs * 2 ** (k - 1)) * (0.5 + 0.5 * u);
}

/**
 * A `Retry-After` header in milliseconds: delay-seconds (fractional allowed: `12.5`) or an HTTP
 * date (`Wed, 21 Oct 2026 07:28:00 GMT`; a bare number is never read as a date), or null.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const h = header.trim();
  if (/^\d+(\.\d+)?$/.test(h)) return Number(h) * 1000;
  if (!/[A-Za-z]{3}/.test(h)) return null;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** What a response asks to wait: `retry-after-ms` when present, else `Retry-After`. */
export function waitAsked(headers: Headers, nowMs: number): number | null {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  return retryAfterMs(headers.get("retry-after"), nowMs);
}

/** The `{error: {code, param}}` of a refusal body, when it has one. */
function errorFields(text: string): { code: unknown; param: unknown } {
  try {
    const e = JSON.parse(text)?.error;
    return { code: e?.code, param: e?.param };
  } catch {
    return { code: null, param: null };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** One request's outcome. */
export interface CallResult {
  response: ParsedResponse;
  attempts: number;
  /** Wall time of the successful attempt. */
  latency_ms: number;
}

/** What a call needs besides the request. */
export interface CallOptions {
  api: Api;
  /** Sent as `Authorization: Bearer …` when not null. */
  apiKey: string | null;
  retry: RetryPolicy;
  /** The jitter stream of this request. */
  jitter: Rng;
  /** Aborts the call (an interrupted run). */
  signal: AbortSignal;
  /** Removes secrets (the key, the URL's query) from any text that leaves this function. */
  redact: (text: string) => string;
  /** Told about each retry, with the reason and the wait. */
  onRetry?: (why: string, waitMs: number) => void;
  /**
   * The numbers of choices a response may have (default: any); another count is a malformed
   * body, retried (a server that dropped or doubled some).
   */
  choices?: readonly number[];
  /** This request asks for several choices: a 400/422/500/501 throws {@link NRefused}. */
  probeN?: boolean;
}

type Attempt = { ok: CallResult } | { retry: string; after: number | null };

async function attempt(url: string, body: string, o: CallOptions, n: number): Promise<Attempt> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.apiKey !== null) headers.authorization = `Bearer ${o.apiKey}`;
  const signal = AbortSignal.any([o.signal, AbortSignal.timeout(o.retry.timeoutMs)]);
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: "POST", headers, body, signal, redirect: "manual" });
    text = await res.text();
  } catch (e) {
    if (o.signal.aborted) throw o.signal.reason;
    const timedOut = e instanceof DOMException && e.name === "TimeoutError";
    const why = timedOut
      ? `timed out after ${o.retry.timeoutMs / 1000} s`
      : `connection failed or body cut short (${(e as Error).message})`;
    return { retry: o.redact(why), after: null };
  }
  const latency_ms = Math.round(performance.now() - t0);
  const { code, param } = errorFields(text);
  const adaptable = ADAPTABLE.find((p) => p === param);
  if (
    res.status === 400 && adaptable !== undefined &&
    (code === "unsupported_parameter" || code === "unsupported_value")
  ) throw new UnsupportedParameter(res.status, o.redact(serverMessage(text)), adaptable);
  if (o.probeN && [400, 422, 500, 501].includes(res.status)) {
    throw new NRefused(res.status, o.redact(serverMessage(text)));
  }
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const after = waitAsked(res.headers, Date.now());
    return { retry: o.redact(`HTTP ${res.status}: ${serverMessage(text)}`), after };
  }

  if (res.status < 200 || res.status >= 300) {
    const where = res.status >= 300 && res.status < 400
      ? `the server redirects (to ${
        res.headers.get("location")?.split("?")[0]
      }); give the final URL`
      : serverMessage(text);
    throw new FatalHttpError(res.status, o.redact(where));
  }
  try {
    const response = parseCompletionResponse(o.api, JSON.parse(text));
    const k = response.choices.length;
    if (o.choices !== undefined && !o.choices.includes(k)) {
      throw new MalformedResponse(`${k} choices; ${o.choices.join(" or ")} expected`);
    }
    return { ok: { response, attempts: n, latency_ms } };
  } catch (e) {
    const why = e instanceof MalformedResponse
      ? e.message
      : `malformed JSON (${(e as Error).message})`;
    return { retry: o.redact(`malformed response body: ${why}`), after: null };
  }
}

/**
 * POSTs `body` to `url` until it gets a completion response, retrying the faults that pass.
 *
 * @throws FatalHttpError on a refusal that will not pass; GaveUpError when the retries are spent;
 *   the signal's reason when aborted
 */
export async function callWithRetry(
  url: string,
  body: unknown,
  o: CallOptions,
): Promise<CallResult> {
  const text = JSON.stringify(body);
  for (let n = 1;; n++) {
    const a = await attempt(url, text, o, n);
    if ("ok" in a) return a.ok;
    if (n > o.retry.maxRetries) throw new GaveUpError(n, a.retry);
    const backoff = backoffMs(n, o.retry.baseDelayMs, o.retry.maxDelayMs, o.jitter.next());
    const wait = Math.max(backoff, Math.min(a.after ?? 0, o.retry.maxRetryAfterMs));
    o.onRetry?.(a.retry, wait);
    await sleep(wait, o.signal);
  }
}
