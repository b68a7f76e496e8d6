/**
 * Ten-megabyte completions made of the characters the scorer treats specially (SPACE, TAB, CR,
 * LF) and of the mixes that stress each step: trimming, the line-break scan, the line count, the
 * character scan and the structure. Shared by tests/instrument/scorer_test.ts (each shape's
 * verdict) and tests/bench/scorer_bench.ts (the speed target); the names alone by
 * tests/bench/targets.ts, which builds no string.
 */
const MB10 = 10_000_000;

/** `unit` repeated to 10 MB (UTF-16 units), as a flat string. */
function fill(unit: string): string {
  return unit.repeat(Math.floor(MB10 / unit.length));
}

const BUILD: Record<string, () => string> = {
  "CR LF ×5M (all trimmed)": () => fill("\r\n"),
  "LF ×10M (all trimmed)": () => fill("\n"),
  "CR ×10M (all trimmed)": () => fill("\r"),
  "SPACE ×10M (all trimmed)": () => fill(" "),
  "TAB ×10M (all trimmed)": () => fill("\t"),
  "SPACE TAB CR LF mix (all trimmed)": () => fill(" \t\r\n"),
  "'a' CR LF ×3.3M (3.3M lines)": () => fill("a\r\n"),
  "'a' CR ×5M (5M lines)": () => fill("a\r"),
  "'a' LF ×5M (5M lines)": () => fill("a\n"),
  "CR CR LF after 'a' (mixed breaks)": () => "a" + fill("\r\r\n"),
  "'x' then 10 MB of SPACE": () => "x" + fill(" "),
  "10 MB of SPACE then 'x'": () => fill(" ") + "x",
  "10 MB of TAB CR LF around 'Final: 7'": () =>
    fill("\t\r\n").slice(0, MB10 / 2) + "Final: 7" + fill("\t\r\n").slice(0, MB10 / 2),
  "SPACE inside the line": () => "Final: 1" + fill(" ") + "2",
  "TAB inside the line": () => "Final: 1" + fill("\t") + "2",
  "one LF after 10 MB of 'x'": () => "x".repeat(MB10) + "\nFinal: 3",
  "10 MB of digits": () => "Final: " + "7".repeat(MB10),
  "10 MB of digits then NO-BREAK SPACE": () => "Final: " + "1".repeat(MB10) + "\u00a0",
  "10 MB of letters after the integer": () => "Final: 3" + "a".repeat(MB10),
};

/** The shapes' names, in order. */
export const TEN_MB_SHAPE_NAMES: readonly string[] = Object.keys(BUILD);

/** Each shape by name; every string is about 10 million UTF-16 units long (built on first call). */
export function tenMbShapes(): Record<string, string> {
  shapes ??= Object.fromEntries(Object.entries(BUILD).map(([name, make]) => [name, make()]));
  return shapes;
}
let shapes: Record<string, string> | undefined;
