/**
 * What a rollouts run is asked to do and what it tells its caller: the settings, the hooks, and
 * the two ways it can stop early.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { RequestFailed } from "./config.ts";
 * assertEquals(new RequestFailed("q1", new Error("HTTP 404: no model")).message,
 *   "prompt q1: HTTP 404: no model");
 * ```
 * @module
 */
import type { RetryPolicy } from "./client.ts";
import type { RolloutSettings } from "./request.ts";

/** Everything a rollouts run needs. */
export interface RolloutsConfig {
  baseUrl: string;
  settings: RolloutSettings;
  /** The system prompt's file, as named (recorded), or null. */
  systemPath: string | null;
  dataset: string;
  /** Samples per prompt. */
  n: number;
  concurrency: number;
  /** Retries per request and seconds per attempt; the rest of `DEFAULT_RETRY` (client.ts) unless given. */
  retry: Partial<RetryPolicy> & { maxRetries: number; timeoutMs: number };
  /** The key, or null; never written, never printed. */
  apiKey: string | null;
  outdir: string;
  /** Replace a finished run and discard an interrupted one at `outdir`. */
  force: boolean;
  /** Asked to resume: a run already complete at `outdir` with these settings is not an error. */
  resume?: boolean;
  command: string;
  args: string[];
}

/** Where a run stands. */
export interface Progress {
  done: number;
  total: number;
  /** Samples found in the journal of an interrupted run. */
  resumed: number;
  retries: number;
  requests: number;
}

/** What the caller hears while the run goes. */
export interface RolloutsHooks {
  /** Aborting it interrupts the run (the journal stays for a resume). */
  signal: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** A decision or an event worth one line (the request mode, a resume). */
  onNote?: (line: string) => void;
  /** Something the user asked for that did not happen (stderr). */
  onWarn?: (line: string) => void;
  /** Told once the dataset is read: how many prompts, and the endpoint (no query string). */
  onStart?: (plan: { prompts: number; endpoint: string }) => void;
}

/** A request for prompt `id` that failed for good (`cause` says how). */
export class RequestFailed extends Error {
  constructor(readonly id: string, override readonly cause: Error) {
    super(`prompt ${id}: ${cause.message}`);
    this.name = "RequestFailed";
  }
}

/**
 * The run stopped before it was complete: interrupted, or (`failure`) a request failed for good.
 * Its samples are journaled in `journal` (removed when it holds none).
 */
export class RolloutsInterrupted extends Error {
  constructor(readonly journal: string, readonly progress: Progress, readonly failure?: Error) {
    super(failure?.message ?? "interrupted");
    this.name = "RolloutsInterrupted";
  }
}
