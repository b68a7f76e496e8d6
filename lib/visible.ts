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
 * ```
 * @module
 */

/**
 * Renders `text` with visible whitespace and escapes (see the module doc).
 *
 * @param text any string (lone surrogates are escaped too)
 * @param max cut the rendering after this many characters of input, marking the cut with `…`
 */
export function visible(text: string, max = Infinity): string {
  let out = "";
  const n = Math.min(text.length, max);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) out += "␣";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 92) out += "\\\\";
    else if (c > 32 && c < 127) out += text[i];
    else {
      const cp = text.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      out += `\\u{${cp.toString(16).toUpperCase().padStart(4, "0")}}`;
    }
  }
  return n < text.length ? out + `… (+${text.length - n} more)` : out;
}
