/**
 * Charts for the course: Vega-Lite specs built by plain typed functions, and SVG rendered from
 * them headlessly.
 *
 * Every builder returns a Vega-Lite **v5** spec (`$schema` {@link VEGA_LITE_SCHEMA}), because that
 * is the version JupyterLab and VS Code render inline; notebooks display the spec and fall back
 * to the SVG. Each chart has a title, axis titles and (where there are series) a legend with a
 * title. Data are inlined as `data.values`, so a spec is one self-contained JSON value.
 *
 * {@link renderSvg} compiles with `npm:vega-lite` and draws with `npm:vega` (`renderer: "none"`,
 * `View.toSVG()`): no browser, no canvas, no fonts to load, no network and no file access (text
 * widths are estimated). The two packages are loaded on first use, so importing this module for
 * the builders alone costs nothing.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { lineChart, renderSvg, VEGA_LITE_SCHEMA } from "./charts.ts";
 * const spec = lineChart({
 *   title: "p(best) over steps",
 *   xTitle: "step",
 *   yTitle: "p(best)",
 *   rows: [{ x: 1, y: 0.25, series: "baseline" }, { x: 2, y: 0.4, series: "baseline" }],
 * });
 * assertEquals(spec.$schema, VEGA_LITE_SCHEMA);
 * assert((await renderSvg(spec)).startsWith("<svg"));
 * ```
 * @module
 */
import process from "node:process";

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
}

function frame(opts: ChartText): Pick<VegaLiteSpec, "$schema" | "title" | "width" | "height"> {
  const title: ChartTitle = { text: opts.title, anchor: "start" };
  if (opts.subtitle !== undefined) title.subtitle = opts.subtitle;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
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
 * import { lineChart } from "./charts.ts";
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
  const y: Record<string, unknown> = { field: "y", type: "quantitative", title: opts.yTitle };
  if (opts.yDomain !== undefined) y.scale = { domain: [opts.yDomain[0], opts.yDomain[1]] };
  return {
    ...frame(opts),
    data: { values: opts.rows.map((r) => ({ x: r.x, y: r.y, series: r.series })) },
    mark: { type: "line", point: opts.points ?? false, clip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: opts.xTitle },
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
 * carries its value as a label (3 decimals); with groups, the bars of a category stand side by
 * side, coloured by group, with a titled legend.
 *
 * @param opts title, axis titles, rows `{category, value, group?}` and optional y domain
 * @returns a Vega-Lite v5 spec
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { barChart } from "./charts.ts";
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
  const y: Record<string, unknown> = { field: "value", type: "quantitative", title: opts.yTitle };
  if (opts.yDomain !== undefined) y.scale = { domain: [opts.yDomain[0], opts.yDomain[1]] };
  const x = {
    field: "category",
    type: "nominal",
    title: opts.xTitle,
    sort: order,
    axis: { labelAngle: 0 },
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
        encoding: { text: { field: "value", type: "quantitative", format: ".3f" } },
      },
    ],
  };
}

/** One point of the reward-vs-KL frontier: the optimal policy for one β. */
export interface FrontierRow {
  beta: number;
  /** E_π[r] under the policy found for this β. */
  reward: number;
  /** KL(π‖π_ref) of that policy, in nats. */
  kl: number;
}

/** Options of {@link frontierChart}; the texts default to the course's words. */
export interface FrontierChartOptions extends Partial<ChartText> {
  /** One row per β, any order; the line joins them in order of β. */
  rows: readonly FrontierRow[];
}

/**
 * The reward-vs-KL frontier: one dot per β (labelled `β=…`), joined in order of β, KL on x and
 * expected reward on y. Small β buys reward with KL; large β stays near π_ref.
 *
 * @param opts rows `{beta, reward, kl}`; title and axis titles have defaults
 * @returns a Vega-Lite v5 spec
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { frontierChart } from "./charts.ts";
 * const spec = frontierChart({
 *   rows: [{ beta: 0.1, reward: 0.9, kl: 1.2 }, { beta: 1, reward: 0.5, kl: 0.1 }],
 * });
 * assertEquals(spec.title.text, "Expected reward vs KL to the reference policy");
 * assertEquals(spec.encoding.x.title, "KL(π‖π_ref) (nats)");
 * ```
 */
export function frontierChart(opts: FrontierChartOptions): VegaLiteSpec {
  const text: ChartText = {
    ...opts,
    title: opts.title ?? "Expected reward vs KL to the reference policy",
    xTitle: opts.xTitle ?? "KL(π‖π_ref) (nats)",
    yTitle: opts.yTitle ?? "expected reward E_π[r]",
  };
  const values = opts.rows.map((r) => ({
    beta: r.beta,
    reward: r.reward,
    kl: r.kl,
    label: `β=${r.beta}`,
  }));
  return {
    ...frame(text),
    data: { values },
    encoding: {
      x: { field: "kl", type: "quantitative", title: text.xTitle },
      y: { field: "reward", type: "quantitative", title: text.yTitle, scale: { zero: false } },
      order: { field: "beta", type: "quantitative" },
    },
    layer: [
      { mark: { type: "line", color: "#4c78a8" } },
      { mark: { type: "point", filled: true, size: 60, color: "#4c78a8" } },
      {
        mark: { type: "text", align: "left", dx: 6, dy: -6, fontSize: 11 },
        encoding: { text: { field: "label", type: "nominal" } },
      },
    ],
  };
}

/** pass@k at one k: the unbiased estimate and the naive `1 − (1 − p)^k`. */
export interface PassAtKRow {
  k: number;
  /** The unbiased estimator `1 − C(n−c, k)/C(n, k)`. */
  unbiased: number;
  /** The naive plug-in `1 − (1 − c/n)^k`. */
  naive: number;
}

/** Options of {@link passAtKChart}; the texts default to the course's words. */
export interface PassAtKChartOptions extends Partial<ChartText> {
  rows: readonly PassAtKRow[];
}

/** Legend label of the unbiased series in {@link passAtKChart}. */
export const PASS_AT_K_UNBIASED = "unbiased 1 − C(n−c,k)/C(n,k)";
/** Legend label of the naive series in {@link passAtKChart}. */
export const PASS_AT_K_NAIVE = "naive 1 − (1 − c/n)^k";

/**
 * pass@k over k, two curves: the unbiased estimate and the naive `1 − (1 − p)^k`, on a [0, 1]
 * y axis, with dots at each k.
 *
 * @param opts rows `{k, unbiased, naive}`; title and axis titles have defaults
 * @returns a Vega-Lite v5 spec (a {@link lineChart} of the two series)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passAtKChart } from "./charts.ts";
 * const spec = passAtKChart({ rows: [{ k: 1, unbiased: 0.3, naive: 0.3 }] });
 * assertEquals(spec.data.values.length, 2); // one row per (k, series)
 * assertEquals(spec.encoding.x.title, "k (samples per prompt)");
 * ```
 */
export function passAtKChart(opts: PassAtKChartOptions): VegaLiteSpec {
  const rows: LineRow[] = opts.rows.flatMap((r) => [
    { x: r.k, y: r.unbiased, series: PASS_AT_K_UNBIASED },
    { x: r.k, y: r.naive, series: PASS_AT_K_NAIVE },
  ]);
  return lineChart({
    ...opts,
    title: opts.title ?? "pass@k: unbiased estimate vs naive formula",
    xTitle: opts.xTitle ?? "k (samples per prompt)",
    yTitle: opts.yTitle ?? "pass@k",
    rows,
    seriesTitle: "estimator",
    yDomain: [0, 1],
    points: true,
  });
}

type Vega = typeof import("vega");
type VegaLite = typeof import("vega-lite");
let engines: Promise<{ vega: Vega; vegaLite: VegaLite }> | null = null;

/**
 * Loads vega and vega-lite once. vega 5 pulls in node-fetch, whose URL parser imports Node's
 * deprecated `punycode` module and so prints a DeprecationWarning on every run; nothing here
 * fetches anything, so that one warning is muted while the packages load, and the setting is
 * put back as it was.
 */
function loadEngines(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  engines ??= (async () => {
    // Node's documented switch, absent from Deno's type declarations.
    const proc = process as typeof process & { noDeprecation?: boolean };
    const before = proc.noDeprecation;
    proc.noDeprecation = true;
    try {
      const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
      return { vega, vegaLite };
    } finally {
      proc.noDeprecation = before;
    }
  })();
  return engines;
}

/**
 * Renders a Vega-Lite spec to an SVG document, headlessly: vega-lite compiles it to Vega, a
 * vega `View` with `renderer: "none"` lays it out and `toSVG()` serialises it. Data must be
 * inline (as every builder here makes it); nothing is read from disk or the network.
 *
 * @param spec a Vega-Lite spec, typically from one of the builders
 * @returns the SVG text (starts with `<svg`)
 *
 * @example
 * ```ts
 * import { assert, assertStringIncludes } from "../core/testing.ts";
 * import { barChart, renderSvg } from "./charts.ts";
 * const svg = await renderSvg(barChart({
 *   title: "Final probabilities",
 *   xTitle: "action",
 *   yTitle: "probability",
 *   rows: [{ category: "a0", value: 0.1 }, { category: "a1", value: 0.9 }],
 * }));
 * assert(svg.startsWith("<svg"));
 * assertStringIncludes(svg, "Final probabilities");
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, vegaLite } = await loadEngines();
  // The builders' open-ended type is checked by vega-lite's compiler at run time.
  const compiled = vegaLite.compile(spec as unknown as Parameters<VegaLite["compile"]>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
