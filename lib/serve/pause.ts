/**
 * Cooperative pauses for long work on the server's one thread: `await pause()` yields to the
 * event loop when the work has run for `sliceMs` since the last pause, so other requests (and
 * `/health`) are answered meanwhile, at a cost of one timer per slice, not per call.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pauser } from "./pause.ts";
 * const pause = pauser(0);
 * let other = false;
 * setTimeout(() => other = true, 0);
 * await pause();
 * assertEquals(other, true);
 * ```
 * @module
 */

/** A pause function that yields once every `sliceMs` milliseconds of work (default 5). */
export function pauser(sliceMs = 5): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise((r) => setTimeout(r, 0));
    last = performance.now();
  };
}
