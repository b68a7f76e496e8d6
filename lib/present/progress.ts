/**
 * Progress while a command runs (printed on stderr): one line with fixed keys, `done/total`, what
 * the command wants to say about its pace, and the time left at the average pace so far.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { duration, progressLine } from "./progress.ts";
 * assertEquals(duration(83), "1m23s");
 * assertEquals(progressLine("sft", 50, 200, 10, "loss 1.234"), "sft 050/200 | loss 1.234 | ETA 30s");
 * ```
 * @module
 */

/** Seconds as `1m23s` / `45s` (rounded to whole seconds); `?` when unknown (not finite). */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/**
 * One progress line: `<label> <done>/<total> | <extra> | ETA <time>`, the ETA from the
 * average pace so far.
 */
export function progressLine(
  label: string,
  done: number,
  total: number,
  elapsedSeconds: number,
  extra: string,
): string {
  const width = String(total).length;
  const eta = done === 0 ? "?" : duration(elapsedSeconds * (total - done) / done);
  const parts = [`${label} ${String(done).padStart(width, "0")}/${total}`];
  if (extra !== "") parts.push(extra);
  parts.push(`ETA ${eta}`);
  return parts.join(" | ");
}
