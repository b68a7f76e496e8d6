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

/** Where progress goes, and the clock (both passed in, so the reporter is testable). */
export interface ProgressSink {
  /** A terminal: redraw one line in place; otherwise: append plain lines. */
  terminal: boolean;
  write: (text: string) => void;
  now: () => number;
  /** Off a terminal, at most one line every this many milliseconds (default 2000). */
  everyMs?: number;
}

/** Shows progress lines; `clear()` makes room for a story line, `done()` ends the line. */
export interface ProgressReporter {
  /**
   * Shows `line`: at most every 100 ms on a terminal, every `everyMs` off it; always if final.
   * Returns whether it was shown.
   */
  update(line: string, final?: boolean): boolean;
  clear(): void;
  done(): void;
}

/**
 * The one progress reporter of every long command (sft, rl, rollouts): on a terminal one line
 * redrawn in place (`\r … \x1b[K`), in a log or a pipe a plain line at most every `everyMs`,
 * so CI logs stay short.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { lineReporter } from "./progress.ts";
 * const out: string[] = [];
 * let t = 0;
 * const r = lineReporter({ terminal: false, write: (s) => out.push(s), now: () => t });
 * r.update("step 1");
 * t = 2500;
 * r.update("step 2");
 * r.update("step 3", true);
 * assertEquals(out, ["step 2\n", "step 3\n"]);
 * ```
 */
export function lineReporter(sink: ProgressSink): ProgressReporter {
  let last = sink.terminal ? -Infinity : sink.now(); // a plain line only once a run lasts a while
  let shown = false;
  return {
    update(line, final = false) {
      const t = sink.now();
      if (!final && t - last < (sink.terminal ? 100 : sink.everyMs ?? 2000)) return false;
      last = t;
      sink.write(sink.terminal ? `\r${line}\x1b[K` : `${line}\n`);
      shown = true;
      return true;
    },
    clear() {
      if (sink.terminal && shown) sink.write("\r\x1b[K");
    },
    done() {
      if (sink.terminal && shown) sink.write("\n");
      shown = false;
    },
  };
}
