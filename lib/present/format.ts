/**
 * Number formats for everything the course prints: one place, so every story, table and summary
 * shows the same number the same way (fixed precision, an explicit sign, ASCII `-`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { f3, pct, signed } from "./format.ts";
 * assertEquals([f3(0.8958441028683222), pct(0.8125), signed(-0.5)], ["0.896", "81.3%", "-0.500"]);
 * ```
 * @module
 */

/**
 * A number with 3 decimals.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { f3 } from "./format.ts";
 * assertEquals(f3(0.8958441028683222), "0.896");
 * ```
 */
export function f3(x: number): string {
  return x.toFixed(3);
}

/**
 * A number with 4 decimals (KL values and expected rewards, where the 4th decimal matters).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { f4 } from "./format.ts";
 * assertEquals(f4(0.00049), "0.0005");
 * ```
 */
export function f4(x: number): string {
  return x.toFixed(4);
}

/**
 * A number with `digits` decimals (3 by default) and an explicit sign: `+0.000` for zero, ASCII
 * `-` for negatives.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { signed } from "./format.ts";
 * assertEquals([signed(0.25), signed(-0.5), signed(0), signed(-0.0001)], ["+0.250", "-0.500", "+0.000", "+0.000"]);
 * ```
 */
export function signed(x: number, digits = 3): string {
  const text = (Math.round(1e9 * Math.abs(x)) / 1e9).toFixed(digits);
  const zero = Number(text) === 0;
  return (x < 0 && !zero ? "-" : "+") + text;
}

/**
 * A fraction as a percentage with one decimal.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pct } from "./format.ts";
 * assertEquals(pct(0.8125), "81.3%");
 * ```
 */
export function pct(x: number): string {
  // Snap to 9 decimals first, so one value computed two ways (0.2375 as 0.23749999999999 and as
  // 0.2375) prints the same digits instead of 23.7% and 23.8%.
  return `${(Math.round(1e9 * x) / 1e7).toFixed(1)}%`;
}

/**
 * A difference of two fractions in percentage points, signed, one decimal: `+8.3`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { points } from "./format.ts";
 * assertEquals([points(0.0833), points(-0.025)], ["+8.3", "-2.5"]);
 * ```
 */
export function points(delta: number): string {
  return signed(100 * delta, 1);
}

/**
 * A vector in brackets, each entry formatted by `fmt` and right-aligned to 6 characters.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { f3, vector } from "./format.ts";
 * assertEquals(vector([0.25, 0.75], f3), "[  0.250   0.750 ]");
 * ```
 */
export function vector(xs: readonly number[], fmt: (x: number) => string): string {
  return "[ " + xs.map((x) => fmt(x).padStart(6)).join("  ") + " ]";
}

/**
 * A step number zero-padded to `width` digits.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { padStep } from "./format.ts";
 * assertEquals(padStep(7, 3), "007");
 * ```
 */
export function padStep(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
