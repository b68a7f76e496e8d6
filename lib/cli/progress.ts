/**
 * A progress line on stderr: rewritten in place on a terminal, and at most one line every
 * `everyMs` milliseconds (plus the last) when stderr is a file or a pipe, so CI logs stay short.
 * @module
 */
const encoder = new TextEncoder();

/** Reports progress lines; call `done()` after the last one. */
export class Progress {
  #last = -Infinity;
  #tty = Deno.stderr.isTerminal();
  #shown = false;
  constructor(private readonly everyMs = 2000) {}
  /** Shows `line` (a terminal sees every update; a log sees one every `everyMs`, and finals). */
  update(line: string, final = false): void {
    const now = performance.now();
    if (this.#tty) {
      Deno.stderr.writeSync(encoder.encode(`\r${line}\x1b[K`));
      this.#shown = true;
    } else if (final || now - this.#last >= this.everyMs) {
      Deno.stderr.writeSync(encoder.encode(`${line}\n`));
      this.#last = now;
    }
  }
  /** Clears the line on a terminal, so a story line can be printed under it. */
  clear(): void {
    if (this.#tty && this.#shown) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
  }
  /** Ends the line on a terminal. */
  done(): void {
    if (this.#tty && this.#shown) Deno.stderr.writeSync(encoder.encode("\n"));
    this.#shown = false;
  }
}
