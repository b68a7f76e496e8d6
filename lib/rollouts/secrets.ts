/**
 * Secrets the rollouts client never writes or prints: the API key (and so any `Authorization:
 * Bearer` value it sends), the base URL's query string and each of its values (a key passed as
 * `?api_key=…`). {@link redactor} replaces them in a line; {@link redactDeep} in every string of a
 * record (a server that echoes the key in its `model`, `system_fingerprint` or text gets it
 * removed from `responses.jsonl`, `samples.jsonl`, `summary.json` alike).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { redactDeep, redactor } from "./secrets.ts";
 * const redact = redactor("sk-abc123", "?api_key=qwerty99");
 * assertEquals(redactDeep({ model: "sk-abc123", n: [1, "qwerty99"] }, redact),
 *   { model: "[redacted]", n: [1, "[redacted]"] });
 * ```
 * @module
 */

/** The strings never written or printed, longest first. */
export function secretsOf(apiKey: string | null, query: string): string[] {
  const values = [...new URLSearchParams(query).values()].filter((v) => v.length >= 6);
  return [apiKey, query, ...values].filter((x): x is string => !!x)
    .sort((a, b) => b.length - a.length);
}

/** A function that replaces every secret in a line with `[redacted]`. */
export function redactor(apiKey: string | null, query: string): (line: string) => string {
  const secrets = secretsOf(apiKey, query);
  return (line) => secrets.reduce((acc, x) => acc.split(x).join("[redacted]"), line);
}

/** `v` with `redact` applied to every string it holds (keys included). */
export function redactDeep<T>(v: T, redact: (s: string) => string): T {
  if (typeof v === "string") return redact(v) as T;
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, redact)) as T;
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [redact(k), redactDeep(x, redact)]),
    ) as T;
  }
  return v;
}
