/**
 * What a rollouts run says of itself (`summary.json`): prompts, samples, the request mode, the
 * models and fingerprints the server reported, why each response ended, and the token counts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { finishCounts } from "./summary.ts";
 * assertEquals(finishCounts([{ finish_reason: "stop" }, { finish_reason: null }]), { stop: 1, unknown: 1 });
 * ```
 * @module
 */

/** What `summary.json` holds. */
export interface RolloutsSummary {
  n_prompts: number;
  samples_per_prompt: number;
  n_samples: number;
  /** `"n"` (one request per prompt) or `"per-sample"`. */
  request_mode: string;
  /** Model names as the server reported them. */
  models_reported: string[];
  system_fingerprints: string[];
  finish_reasons: Record<string, number>;
  /** Σ over prompts of the prompt's tokens, when the server counted them. */
  prompt_tokens: number | null;
  /** Σ over samples of the completion's tokens, when known for every sample. */
  completion_tokens: number | null;
}

/** How many responses ended for each reason (`unknown` when the server gave none). */
export function finishCounts(rs: readonly { finish_reason?: unknown }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const k = typeof r.finish_reason === "string" ? r.finish_reason : "unknown";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** The sum of `xs` when every one is a number (a count the server gave for every item), else null. */
export function sumOrNull(xs: unknown[]): number | null {
  return xs.every((x) => typeof x === "number")
    ? (xs as number[]).reduce((a, b) => a + b, 0)
    : null;
}
