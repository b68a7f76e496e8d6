/**
 * What `deno task serve` prints: where it listens and what it serves, then, when it stops, how
 * many requests each route answered and how many were refused.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { serveStopped } from "./serve_story.ts";
 * assertEquals(serveStopped({ "/v1/chat/completions": 3, "HTTP 400": 1 }),
 *   "server stopped: 3 requests answered (/v1/chat/completions 3), 1 refused (HTTP 400 1)");
 * ```
 * @module
 */

/** What the banner needs to know. */
export interface ServeBanner {
  url: string;
  model: string;
  synthetic: boolean;
  scorer: { name: string; version: string };
}

/** The lines printed once the server listens. */
export function serveBanner(b: ServeBanner): string {
  const kind = b.synthetic
    ? " (synthetic stand-in: its completions say nothing about a model)"
    : "";
  return [
    `serving ${b.model}${kind} on ${b.url}`,
    `  OpenAI API  ${b.url}/v1   GET /models, POST /chat/completions, POST /completions`,
    `  rewards     ${b.url}/v1/score and ${b.url}/get_reward   (scorer ${b.scorer.name} ${b.scorer.version})`,
    "  stop with Ctrl-C (SIGINT) or SIGTERM",
  ].join("\n");
}

/** The line printed when the server has stopped. */
export function serveStopped(stats: Record<string, number>): string {
  const keys = Object.keys(stats).sort();
  const ok = keys.filter((k) => !k.startsWith("HTTP "));
  const refused = keys.filter((k) => k.startsWith("HTTP "));
  const sum = (ks: string[]) => ks.reduce((a, k) => a + stats[k], 0);
  const list = (ks: string[]) => ks.map((k) => `${k} ${stats[k]}`).join(", ");
  return `server stopped: ${sum(ok)} requests answered` + (ok.length ? ` (${list(ok)})` : "") +
    `, ${sum(refused)} refused` + (refused.length ? ` (${list(refused)})` : "");
}
