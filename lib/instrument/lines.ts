/**
 * The line-level steps of spec v1, in linear time on any input: the bounds of the completion
 * once surrounding ASCII whitespace is removed, one scan for a line break or a character outside
 * the alphabet, and the line count a multi-line failure reports.
 *
 * Every function takes the string and a range `[start, end)` instead of slicing, so a 10 MB
 * completion is never copied. Each is one left-to-right pass (plain loops or native scans, no
 * backtracking regular expression), which keeps every 10 MB shape of spaces, tabs, CR and LF
 * under the scorer's 50 ms budget (tests/bench/scorer_bench.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { countLines, LINE_BREAK, scan, trimmedEnd, trimmedStart } from "./lines.ts";
 * const s = " a\r\nb\n";
 * const start = trimmedStart(s), end = trimmedEnd(s, start);
 * assertEquals([start, end, scan(s, start, end), countLines(s, start, end)], [1, 5, LINE_BREAK, 2]);
 * ```
 * @module
 */

/** Ranges up to this long are handled in one JavaScript loop (the common case). */
const SHORT = 32;
/** Any character that is not SPACE, TAB, LF or CR. */
const NOT_TRIMMED = /[^ \t\n\r]/g;
/** Trailing whitespace is searched backwards in blocks of this many characters. */
const BLOCK = 4096;

function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index of the first character that is not SPACE, TAB, LF or CR (`s.length` if none). */
export function trimmedStart(s: string): number {
  const n = s.length;
  const near = Math.min(n, SHORT);
  for (let i = 0; i < near; i++) if (!isTrimmed(s.charCodeAt(i))) return i;
  if (near === n) return n;
  NOT_TRIMMED.lastIndex = near; // a long run: the rest is searched natively
  const m = NOT_TRIMMED.exec(s);
  return m === null ? n : m.index;
}

/** One past the last character at or after `start` that is not SPACE, TAB, LF or CR. */
export function trimmedEnd(s: string, start: number): number {
  let end = s.length;
  const near = Math.max(start, end - SHORT);
  while (end > near && isTrimmed(s.charCodeAt(end - 1))) end--;
  if (end > near) return end;
  // A long run: skip whole blocks of whitespace natively, then finish the last block by hand.
  while (end - BLOCK > start) {
    NOT_TRIMMED.lastIndex = 0;
    if (NOT_TRIMMED.test(s.slice(end - BLOCK, end))) break;
    end -= BLOCK;
  }
  while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
  return end;
}

/** {@link scan}'s answer when the range holds a line break (LF or CR). */
export const LINE_BREAK = -2;

/** Ranges longer than this are searched natively for a character outside the alphabet. */
const LONG = 256;
/** Any character outside printable ASCII other than TAB (a linear, non-backtracking class). */
const NOT_PRINTABLE = /[^\t\x20-\x7e]/g;

/** True when s[start, end) holds a line break; native scans, fast at any length. */
function hasLineBreak(s: string, start: number, end: number): boolean {
  const lf = s.indexOf("\n", start);
  if (lf !== -1 && lf < end) return true;
  const cr = s.indexOf("\r", start);
  return cr !== -1 && cr < end;
}

/**
 * One scan of s[start, end): {@link LINE_BREAK} when it holds a line break anywhere (that
 * failure wins over any character), else the index of the first character outside printable
 * ASCII and TAB, else -1.
 */
export function scan(s: string, start: number, end: number): number {
  if (end - start <= SHORT) {
    // A short line: one JavaScript loop stops at the first unusual character, cheaper than two
    // native calls; a line break anywhere still wins.
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if ((c < 32 || c > 126) && c !== 9) {
        return c === 10 || c === 13 || hasLineBreak(s, i + 1, end) ? LINE_BREAK : i;
      }
    }
    return -1;
  }
  if (hasLineBreak(s, start, end)) return LINE_BREAK;
  if (end - start > LONG) {
    NOT_PRINTABLE.lastIndex = start;
    const m = NOT_PRINTABLE.exec(s);
    return m !== null && m.index < end ? m.index : -1;
  }
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 || c > 126) && c !== 9) return i;
  }
  return -1;
}

/**
 * Lines in s[start, end): LF, CR and CR LF each end a line. Sparse line breaks are found with
 * native searches (each character is searched at most once for LF and once for CR); once they
 * turn out dense (64 breaks within 1,024 characters) the rest is counted in one loop, so no shape
 * costs more than one pass.
 */
export function countLines(s: string, start: number, end: number): number {
  let lines = 1, i = start, block = start, found = 0;
  let lf = nextOf(s, "\n", start, end), cr = nextOf(s, "\r", start, end);
  for (;;) {
    if (lf === end && cr === end) return lines;
    lines++;
    if (lf < cr) {
      i = lf + 1;
      lf = nextOf(s, "\n", i, end);
    } else {
      i = cr + 1;
      if (lf === i) lf = nextOf(s, "\n", ++i, end); // CR LF ends one line
      cr = nextOf(s, "\r", i, end);
    }
    if (++found === 64) {
      if (i - block < 1024) return lines + countLoop(s, i, end);
      found = 0;
      block = i;
    }
  }
}

/** Index of the next `ch` in s[from, end), or `end`. */
function nextOf(s: string, ch: string, from: number, end: number): number {
  const k = s.indexOf(ch, from);
  return k === -1 || k >= end ? end : k;
}

/** Characters encoded per block by {@link countLoop}: UTF-8 needs at most 3 bytes per unit. */
const COUNT_BLOCK = 1 << 16;
const bytes = new Uint8Array(3 * COUNT_BLOCK + 4);
const words = new Uint32Array(bytes.buffer);
const encoder = new TextEncoder();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Line breaks in s[start, end) (CR LF counts once), four bytes at a time: each block is encoded
 * to UTF-8 natively (a CR or LF byte never occurs inside a multi-byte character), then every
 * 32-bit word is tested for CR and LF bytes with the "has a zero byte" bit trick,
 * `~(((x & 0x7F7F7F7F) + 0x7F7F7F7F) | x | 0x7F7F7F7F)` on `x = word XOR 0x0A0A0A0A` (or
 * `0x0D0D0D0D`), which sets bit 7 of exactly the bytes that were LF (or CR). A CR LF pair is a CR
 * flag one byte before an LF flag, across word and block boundaries too.
 */
function countLoop(s: string, start: number, end: number): number {
  if (!LITTLE_ENDIAN) return countChars(s, start, end);
  let breaks = 0, carry = 0; // carry: 1 when the byte before the current word was CR
  for (let at = start; at < end; at += COUNT_BLOCK) {
    const { written } = encoder.encodeInto(s.slice(at, Math.min(end, at + COUNT_BLOCK)), bytes);
    bytes[written] = bytes[written + 1] = bytes[written + 2] = 0; // pad the last word
    const n = (written + 3) >>> 2;
    for (let k = 0; k < n; k++) {
      const x = words[k];
      const a = x ^ 0x0a0a0a0a, b = x ^ 0x0d0d0d0d;
      const lf = ~(((a & 0x7f7f7f7f) + 0x7f7f7f7f) | a | 0x7f7f7f7f) >>> 7; // bit 8j: byte j is LF
      const cr = ~(((b & 0x7f7f7f7f) + 0x7f7f7f7f) | b | 0x7f7f7f7f) >>> 7; // bit 8j: byte j is CR
      const crlf = ((cr << 8) | carry) & lf;
      breaks += (Math.imul(lf, 0x01010101) >>> 24) + (Math.imul(cr, 0x01010101) >>> 24) -
        (Math.imul(crlf, 0x01010101) >>> 24);
      carry = cr >>> 24;
    }
    carry = bytes[written - 1] === 13 ? 1 : 0;
  }
  return breaks;
}

/** Line breaks in s[start, end), one character at a time (for big-endian machines). */
function countChars(s: string, start: number, end: number): number {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13 && (i + 1 >= end || s.charCodeAt(i + 1) !== 10)) breaks++;
  }
  return breaks;
}
