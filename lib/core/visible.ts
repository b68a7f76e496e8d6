/**
 * Text with its whitespace and hidden characters made visible, so `Final:  22` and
 * `Final: 22\u00a0` can be told apart on a terminal: a space is `␣`, a tab `\t`, a line feed
 * `\n`, a carriage return `\r`, and every other character outside printable ASCII is
 * `\u{XXXX}`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { visible } from "./visible.ts";
 * assertEquals(visible("Final: 22\u00a0"), "Final:␣22\\u{00A0}");
 * assertEquals(visible("Final: −3", { unicode: true }), "Final:␣−3");
 * ```
 * @module
 */

/** Options of {@link visible}. */
export interface VisibleOptions {
  /** Cut the rendering after this many UTF-16 units of input, marking the cut with `…`. */
  max?: number;
  /**
   * Keep printable characters outside ASCII as they are (`−`, `٣`); invisible ones (zero-width,
   * no-break and other Unicode spaces, controls, lone surrogates) are still escaped. Default
   * false: every character outside printable ASCII is escaped.
   */
  unicode?: boolean;
}

/** Characters that cannot be seen, or look like a plain space: always escaped. */
const INVISIBLE = /[\p{White_Space}\p{C}\p{Default_Ignorable_Code_Point}\u2423]/u;

/**
 * Renders `text` with visible whitespace and escapes (see the module doc).
 *
 * @param text any string (lone surrogates are escaped too)
 * @param opts `max` to cut long text, `unicode` to keep visible non-ASCII characters
 */
export function visible(text: string, opts: VisibleOptions = {}): string {
  let out = "";
  const n = Math.min(text.length, opts.max ?? Infinity);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) out += "␣";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 92) out += "\\\\";
    else if (c > 32 && c < 127) out += text[i];
    else if (opts.unicode && !INVISIBLE.test(String.fromCodePoint(text.codePointAt(i) ?? c))) {
      const cp = text.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      out += String.fromCodePoint(cp);
    } else {
      const cp = text.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      out += `\\u{${cp.toString(16).toUpperCase().padStart(4, "0")}}`;
    }
  }
  return n < text.length ? out + `… (+${text.length - n} more)` : out;
}
