/**
 * How the course's charts read their data (used by lib/present/chart_spec.ts): an axis whose
 * values are all integers ticks at integers and prints them without decimals; a bar label keeps
 * the precision of its data; category labels too wide to stand upright under their bars slant.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { labelFormat, numberAxis } from "./chart_axes.ts";
 * assertEquals([numberAxis([1, 2, 4]), labelFormat([0.5])], [{ format: "d", tickMinStep: 1 }, ".3f"]);
 * ```
 * @module
 */

/**
 * The axis of a quantitative field: when every value is an integer (a step, k, a count), ticks
 * fall on integers only and print without decimals (`1, 2, 4`, not `1.0, 2.0`); otherwise
 * Vega's default. Non-finite values are ignored.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { numberAxis } from "./chart_axes.ts";
 * assertEquals(numberAxis([1, 2, 4, 8]), { format: "d", tickMinStep: 1 });
 * assertEquals(numberAxis([0.25, 1]), undefined);
 * ```
 */
export function numberAxis(values: readonly number[]): Record<string, unknown> | undefined {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 && finite.every(Number.isInteger)
    ? { format: "d", tickMinStep: 1 }
    : undefined;
}

/**
 * The d3 format of a bar's value label: integers as integers (`32`, not `32.000`), any other
 * value to the course's fixed 3 decimals.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { labelFormat } from "./chart_axes.ts";
 * assertEquals([labelFormat([32, 7]), labelFormat([0.25, 1])], ["d", ".3f"]);
 * ```
 */
export function labelFormat(values: readonly number[]): string {
  return values.every(Number.isInteger) ? "d" : ".3f";
}

/** Estimated width of one character of an axis label (Vega's 10 px sans-serif), in pixels. */
const LABEL_CHAR_PX = 6;

/**
 * The angle of category labels under bars: 0 (upright) when the longest label fits in its share
 * of the width, otherwise slanted by -35 degrees so neighbours cannot overlap.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { categoryLabelAngle } from "./chart_axes.ts";
 * assertEquals(categoryLabelAngle(["0", "1", "2"], 480), 0);
 * assertEquals(categoryLabelAngle(["wrong_answer", "missing_prefix", "extra_text"], 180), -35);
 * ```
 */
export function categoryLabelAngle(categories: readonly string[], width: number): number {
  if (categories.length === 0) return 0;
  const widest = Math.max(...categories.map((c) => c.length)) * LABEL_CHAR_PX;
  return widest + 8 <= width / categories.length ? 0 : -35;
}

/** A field definition with an `axis` added, or unchanged when there is none to add. */
export function withAxis(
  field: Record<string, unknown>,
  axis: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return axis === undefined ? field : { ...field, axis };
}

/**
 * A quantitative x channel on a log₂ scale: for k = 1, 2, 4, … (samples per prompt), where
 * pass@k curves bend; ticks at the powers of two within the data, printed as integers.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { log2Axis } from "./chart_axes.ts";
 * assertEquals(log2Axis([1, 2, 3, 8]), {
 *   scale: { type: "log", base: 2 },
 *   axis: { values: [1, 2, 4, 8], format: "d" },
 * });
 * ```
 */
export function log2Axis(
  values: readonly number[],
): { scale: { type: "log"; base: 2 }; axis: { values: number[]; format: string } } {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  const hi = positive.length === 0 ? 1 : Math.max(...positive);
  const lo = positive.length === 0 ? 1 : Math.min(...positive);
  const ticks: number[] = [];
  for (let p = 2 ** Math.floor(Math.log2(lo)); p <= hi; p *= 2) if (p >= lo) ticks.push(p);
  return { scale: { type: "log", base: 2 }, axis: { values: ticks, format: "d" } };
}
