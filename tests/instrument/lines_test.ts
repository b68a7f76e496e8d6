/**
 * The line-level steps against plain reference implementations: trimming bounds, the scan, and
 * the line count (its native sparse path and its four-bytes-at-a-time dense path, across block
 * boundaries and around non-ASCII characters).
 */
import { assertEquals } from "../../lib/core/testing.ts";
import {
  countLines,
  LINE_BREAK,
  scan,
  trimmedEnd,
  trimmedStart,
} from "../../lib/instrument/lines.ts";
import { makeRng } from "../../lib/core/prng.ts";

const reference = (s: string) => s.split(/\r\n|\r|\n/).length;

/** A random string of `n` pieces drawn from `alphabet`. */
function randomText(seed: number, n: number, alphabet: string[]): string {
  const rng = makeRng(seed);
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

Deno.test("countLines() equals a split on CR LF, CR and LF for dense and sparse text", () => {
  const alphabets = [
    ["\r", "\n", "\r\n", "a"],
    ["\r", "\n", "é", "\u{1d518}", "\u2028", "x"],
    ["\r", "abcdefghijklmnopqrstuvwxyz0123456789".repeat(2), "\n"],
    ["\r\n", "\r", "\u00a0", "\ud800"],
  ];
  alphabets.forEach((alphabet, a) => {
    for (const n of [10, 1000, 70_000, 200_000]) {
      const s = randomText(a * 100 + n, n, alphabet);
      assertEquals(countLines(s, 0, s.length), reference(s), `alphabet ${a}, ${n} pieces`);
      const mid = Math.floor(s.length / 3);
      assertEquals(countLines(s, mid, s.length - 1), reference(s.slice(mid, s.length - 1)));
    }
  });
});

Deno.test("countLines() counts a CR LF pair split across its 65,536-character blocks once", () => {
  for (const pad of [65_535, 65_534, 131_071]) {
    const s = "\n".repeat(2000) + "a".repeat(pad - 2000) + "\r\n" + "\r".repeat(3000);
    assertEquals(countLines(s, 0, s.length), reference(s), `pad ${pad}`);
  }
});

Deno.test("trimmedStart() and trimmedEnd() match a regular-expression trim at any length", () => {
  for (const n of [0, 1, 31, 32, 33, 4095, 4096, 4097, 10_000]) {
    for (const core of ["", "x", " x\t y ", "\u00a0"]) {
      const ws = randomText(n, n, [" ", "\t", "\r", "\n"]);
      const s = ws + core + ws;
      const start = trimmedStart(s), end = trimmedEnd(s, start);
      const m = /^[ \t\r\n]*/.exec(s)![0].length;
      const tail = /[ \t\r\n]*$/.exec(s.slice(m))![0].length;
      assertEquals([start, end], [m, s.length - tail], `n ${n}, core ${JSON.stringify(core)}`);
    }
  }
});

Deno.test("scan() reports a line break before any other character, wherever it is", () => {
  for (const n of [5, 40, 300, 5000]) {
    const s = "\u2212" + "a".repeat(n) + "\r" + "b";
    assertEquals(scan(s, 0, s.length), LINE_BREAK);
    const t = "a".repeat(n) + "\u00a0b";
    assertEquals(scan(t, 0, t.length), n);
    assertEquals(scan("a\tb", 0, 3), -1);
  }
});
