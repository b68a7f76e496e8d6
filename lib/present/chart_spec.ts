/**
 * The chart builders' shared vocabulary and the two general charts: a multi-series line chart and
 * a bar chart (plain or grouped), as Vega-Lite v5 specs. lib/present/charts.ts re-exports this
 * module with the course's named charts, the SVG renderer and the PNG rasteriser.
 *
 * The axes read like the data: an axis whose values are all integers (steps, k, counts) ticks at
 * integers only and prints them without decimals; bar labels print integers as integers and
 * other values to 3 decimals; category labels that would not fit side by side under their bars
 * are slanted.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { lineChart, VEGA_LITE_SCHEMA } from "./chart_spec.ts";
 * const spec = lineChart({
 *   title: "p(best) over steps",
 *   xTitle: "step",
 *   yTitle: "p(best)",
 *   rows: [{ x: 1, y: 0.25, series: "baseline" }, { x: 2, y: 0.4, series: "baseline" }],
 * });
 * assertEquals(spec.$schema, VEGA_LITE_SCHEMA);
 * assertEquals(spec.encoding.x.axis, { format: "d", tickMinStep: 1 }); // steps are integers
 * ```
 * @module
 */
import { categoryLabelAngle, labelFormat, log2Axis, numberAxis, withAxis } from "./chart_axes.ts";

/** The Vega-Lite schema every course chart declares (v5, which notebook front-ends render). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Default chart width in pixels (the plotting area; axes and legend add to it). */
export const DEFAULT_WIDTH = 480;
/** Default chart height in pixels. */
export const DEFAULT_HEIGHT = 300;

/** A chart title: the text, and an optional smaller line under it. */
export interface ChartTitle {
  text: string;
  subtitle?: string;
  anchor: "start";
}

/**
 * A top-level Vega-Lite spec as the builders return it: the fields the course relies on are
 * typed, the rest of Vega-Lite's grammar is left open (`[key: string]: unknown`).
 */
export interface VegaLiteSpec {
  $schema: string;
  title: ChartTitle;
  width: number;
  height: number;
  data: { values: readonly Record<string, unknown>[] };
  encoding: Record<string, Record<string, unknown>>;
  /** What the chart shows, in words (lib/present/chart_alt.ts reads it into the alt text). */
  description?: string;
  [key: string]: unknown;
}

/** What every builder accepts: the words on the chart and its size. */
export interface ChartText {
  /** The chart's title. */
  title: string;
  /** An optional second line under the title (the setting, the seed, the number of runs). */
  subtitle?: string;
  /** The x axis title. */
  xTitle: string;
  /** The y axis title. */
  yTitle: string;
  /** Plot width in pixels (default {@link DEFAULT_WIDTH}). */
  width?: number;
  /** Plot height in pixels (default {@link DEFAULT_HEIGHT}). */
  height?: number;
  /**
   * What the chart shows that its axes and legend do not say (a curve hidden under another, why
   * one line ends above another): Vega-Lite's `description`, read into the chart's alt text.
   */
  description?: string;
}

/** The `$schema`, title, size and description every builder starts from. */
export function frame(
  opts: ChartText,
): Pick<VegaLiteSpec, "$schema" | "title" | "width" | "height" | "description"> {
  const title: ChartTitle = { text: opts.title, anchor: "start" };
  if (opts.subtitle !== undefined) title.subtitle = opts.subtitle;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    ...(opts.description === undefined ? {} : { description: opts.description }),
  };
}

/** A legend that never truncates its labels (series names carry the setting being compared). */
function legend(title: string): Record<string, unknown> {
  return { title, orient: "right", labelLimit: 400, titleLimit: 400 };
}

/** One point of one curve. */
export interface LineRow {
  x: number;
  y: number;
  /** The curve this point belongs to; also its legend label. */
  series: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartText {
  /** The points, any order; one curve per distinct `series`, drawn in order of `x`. */
  rows: readonly LineRow[];
  /** The legend title (default "series"). */
  seriesTitle?: string;
  /** A fixed y range such as `[0, 1]` for probabilities (default: fitted to the data). */
  yDomain?: readonly [number, number];
  /** Draw a dot on every point (default false; useful for short curves). */
  points?: boolean;
  /** Put x on a log₂ scale with power-of-two ticks (k in pass@k; default false). */
  xLog2?: boolean;
}

/**
 * A multi-series line chart, the course's learning curve: one line per `series`, coloured, with
 * a titled legend.
 *
 * @param opts title, axis titles, rows `{x, y, series}` and optional y domain
 * @returns a Vega-Lite v5 spec
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { lineChart } from "./chart_spec.ts";
 * const spec = lineChart({
 *   title: "% optimal action",
 *   xTitle: "step",
 *   yTitle: "optimal action rate",
 *   rows: [{ x: 1, y: 0.1, series: "α=0.1" }, { x: 2, y: 0.2, series: "α=0.1" }],
 *   yDomain: [0, 1],
 * });
 * assertEquals(spec.encoding.y.title, "optimal action rate");
 * assertEquals(spec.encoding.y.scale, { domain: [0, 1] });
 * ```
 */
export function lineChart(opts: LineChartOptions): VegaLiteSpec {
  const y = withAxis(
    { field: "y", type: "quantitative", title: opts.yTitle },
    numberAxis(opts.rows.map((r) => r.y)),
  );
  if (opts.yDomain !== undefined) y.scale = { domain: [opts.yDomain[0], opts.yDomain[1]] };
  return {
    ...frame(opts),
    data: { values: opts.rows.map((r) => ({ x: r.x, y: r.y, series: r.series })) },
    mark: { type: "line", point: opts.points ?? false, clip: true },
    encoding: {
      x: opts.xLog2
        ? {
          field: "x",
          type: "quantitative",
          title: opts.xTitle,
          ...log2Axis(opts.rows.map((r) => r.x)),
        }
        : withAxis(
          { field: "x", type: "quantitative", title: opts.xTitle },
          numberAxis(opts.rows.map((r) => r.x)),
        ),
      y,
      color: { field: "series", type: "nominal", legend: legend(opts.seriesTitle ?? "series") },
    },
  };
}

/** One bar: a category (an action, a token), its value, and optionally a group within it. */
export interface BarRow {
  category: string;
  value: number;
  /** Bars of the same category but different groups stand side by side (e.g. before/after). */
  group?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartText {
  /** The bars, drawn in the order their categories first appear. */
  rows: readonly BarRow[];
  /** The legend title when rows have groups (default "group"). */
  groupTitle?: string;
  /** A fixed y range such as `[0, 1]` for probabilities (default: fitted to the data). */
  yDomain?: readonly [number, number];
}

/**
 * A bar chart of one value per category (action probabilities, say). Without groups every bar
 * carries its value as a label ({@link labelFormat}); with groups, the bars of a category stand
 * side by side, coloured by group, with a titled legend. Category labels are slanted when they
 * would not fit upright ({@link categoryLabelAngle}); a y axis of counts ticks at integers.
 *
 * @param opts title, axis titles, rows `{category, value, group?}` and optional y domain
 * @returns a Vega-Lite v5 spec
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { barChart } from "./chart_spec.ts";
 * const spec = barChart({
 *   title: "Action probabilities",
 *   xTitle: "action",
 *   yTitle: "probability",
 *   rows: [
 *     { category: "a0", value: 0.25, group: "before" },
 *     { category: "a0", value: 0.1, group: "after" },
 *   ],
 * });
 * assertEquals(spec.encoding.x.title, "action");
 * assertEquals(spec.encoding.color.field, "group");
 * ```
 */
export function barChart(opts: BarChartOptions): VegaLiteSpec {
  const grouped = opts.rows.some((r) => r.group !== undefined);
  const order = [...new Set(opts.rows.map((r) => r.category))];
  const values = opts.rows.map((r) => ({
    category: r.category,
    value: r.value,
    group: r.group ?? "",
  }));
  const numbers = opts.rows.map((r) => r.value);
  const y = withAxis(
    { field: "value", type: "quantitative", title: opts.yTitle },
    numberAxis(numbers),
  );
  if (opts.yDomain !== undefined) y.scale = { domain: [opts.yDomain[0], opts.yDomain[1]] };
  const angle = categoryLabelAngle(order, opts.width ?? DEFAULT_WIDTH);
  const x = {
    field: "category",
    type: "nominal",
    title: opts.xTitle,
    sort: order,
    axis: angle === 0 ? { labelAngle: 0 } : { labelAngle: angle, labelAlign: "right" },
  };
  if (grouped) {
    const groups = [...new Set(values.map((v) => v.group))];
    return {
      ...frame(opts),
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x,
        y,
        xOffset: { field: "group", type: "nominal", sort: groups },
        color: {
          field: "group",
          type: "nominal",
          sort: groups,
          legend: legend(opts.groupTitle ?? "group"),
        },
      },
    };
  }
  return {
    ...frame(opts),
    data: { values },
    encoding: { x, y },
    layer: [
      { mark: { type: "bar" } },
      {
        mark: { type: "text", dy: -6, baseline: "bottom" },
        encoding: {
          text: { field: "value", type: "quantitative", format: labelFormat(numbers) },
        },
      },
    ],
  };
}

/**
 * A vertical dashed rule at `x` with a label at the top of a chart (the chart's own marks and
 * encoding move into the first layer): where a curve turns, marked on the chart itself.
 */
export function markStep(spec: VegaLiteSpec, x: number, label: string): VegaLiteSpec {
  const { mark, encoding, ...rest } = spec;
  const at = { values: [{ x, label }] };
  return {
    ...rest,
    encoding: {},
    layer: [
      { mark, encoding },
      {
        data: at,
        mark: { type: "rule", strokeDash: [6, 4], color: "black" },
        encoding: { x: { field: "x", type: "quantitative" } },
      },
      {
        data: at,
        mark: { type: "text", align: "left", dx: 4, dy: -6, baseline: "bottom" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { datum: 1 },
          text: { field: "label" },
        },
      },
    ],
  };
}
