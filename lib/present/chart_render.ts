/**
 * Vega-Lite specs drawn as SVG, headlessly: `npm:vega-lite` compiles, `npm:vega` lays out with
 * `renderer: "none"` and `View.toSVG()` serialises. No browser, no canvas and no network. Text is
 * measured with the advance widths of the font the PNGs are drawn with (DejaVu Sans,
 * lib/present/font_metrics.ts), so the layout reserves the room labels really take: Vega's own
 * estimate without a canvas (0.8 × the font size per character) is about a third too wide,
 * which left a blank band under slanted labels and an empty margin beside legends. The packages
 * are loaded on first use, so importing the chart builders alone costs nothing.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { renderSvg } from "./chart_render.ts";
 * import { lineChart } from "./chart_spec.ts";
 * const spec = lineChart({ title: "t", xTitle: "x", yTitle: "y", rows: [{ x: 1, y: 2, series: "s" }] });
 * assert((await renderSvg(spec)).startsWith("<svg"));
 * ```
 * @module
 */
import process from "node:process";
import type { VegaLiteSpec } from "./chart_spec.ts";
import { advanceTable, textWidth } from "./font_metrics.ts";
import { rasterFontBytes } from "./raster.ts";

type Vega = typeof import("npm:vega@5.33.1");
type VegaLite = typeof import("npm:vega-lite@5.23.0");
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
      const [vega, vegaLite] = await Promise.all([
        import("npm:vega@5.33.1"),
        import("npm:vega-lite@5.23.0"),
      ]);
      measureWith(vega, advanceTable(await rasterFontBytes()));
      return { vega, vegaLite };
    } finally {
      proc.noDeprecation = before;
    }
  })();
  return engines;
}

/**
 * Makes Vega measure text with `table` (Vega calls a user-defined `textMetrics.width` for every
 * label, title and legend entry, truncation to a `limit` included).
 */
function measureWith(vega: Vega, table: ReturnType<typeof advanceTable>): void {
  // `textMetrics` is exported by vega (from vega-scenegraph) but missing from its type declarations.
  const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as {
    width: (item: { fontSize?: number; limit?: number }, text: unknown) => number;
  };
  metrics.width = (item, text) => {
    const s = text === null || text === undefined ? "" : String(text).trim();
    const size = item.fontSize !== undefined ? +item.fontSize || 0 : 11;
    const w = textWidth(table, s, size);
    return item.limit !== undefined && +item.limit > 0 ? Math.min(w, +item.limit) : w;
  };
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
 * import { renderSvg } from "./chart_render.ts";
 * import { barChart } from "./chart_spec.ts";
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
