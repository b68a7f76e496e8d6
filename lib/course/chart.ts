/**
 * A chart as a notebook shows it: one `display_data` output whose bundle every front end can
 * render with something it draws.
 *
 * The bundle holds the Vega-Lite v5 spec (JupyterLab and VS Code's renderers draw it live), a
 * PNG rasterised from Vega's SVG (lib/present/raster.ts) and a one-line `text/plain`. It holds no
 * `image/svg+xml` and no HTML on purpose: nbconvert 6's HTML export prefers those to a PNG and
 * then strips every child of the SVG, which exports the chart as a blank box. The metadata gives
 * the PNG its display size (the bitmap has 1.5 times the pixels, for sharper text). The SVG itself stays
 * in the run folders, written by the run writers.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { chart, VEGA_LITE_MIME } from "./chart.ts";
 * import { barChart } from "../present/chart_spec.ts";
 * const spec = barChart({ title: "t", xTitle: "x", yTitle: "y", rows: [{ category: "a", value: 1 }] });
 * const shown = await chart(spec);
 * assertEquals(Object.keys(shown.data).sort(), [VEGA_LITE_MIME, "image/png", "text/plain"]);
 * assertEquals(shown.data["text/plain"], "[chart: t]");
 * ```
 * @module
 */
import type { Displayable } from "./display.ts";
import { notebookHost } from "./host.ts";
import { renderSvg } from "../present/charts.ts";
import { chartAlt } from "../present/chart_alt.ts";
import { type VegaLiteSpec } from "../present/chart_spec.ts";
import { base64, type Png, svgToPng } from "../present/raster.ts";

/** The MIME type JupyterLab and VS Code render for Vega-Lite (v5, not v6). */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The MIME types a chart output carries, in the order a reader should expect them. */
export const CHART_MIMES = [VEGA_LITE_MIME, "image/png", "text/plain"] as const;

/**
 * A chart as a {@link Displayable}: the spec, its PNG (shown at the SVG's size, with its alt text
 * in the metadata: lib/present/chart_alt.ts) and `[chart: <title>]` as text. nbconvert writes the
 * alt text on the HTML export's `<img>` through the course's template
 * (`notebooks/.kernel/nbconvert/templates/course/`).
 *
 * @param spec a Vega-Lite v5 spec from one of lib/present/charts.ts's builders (data inline)
 * @param raster SVG → PNG (default lib/present/raster.ts's `svgToPng`; injectable for tests)
 */
export async function chart(
  spec: VegaLiteSpec,
  raster: (svg: string) => Promise<Png> = svgToPng,
): Promise<Displayable> {
  if (notebookHost()?.chartsInert) {
    // Grading: the text and the spec say what was drawn; the layout and the PNG are skipped.
    return {
      data: { [VEGA_LITE_MIME]: spec, "text/plain": `[chart: ${spec.title.text}]` },
      metadata: {},
    };
  }
  const png = await raster(await renderSvg(spec));
  return {
    data: {
      [VEGA_LITE_MIME]: spec,
      "image/png": base64(png.bytes),
      "text/plain": `[chart: ${spec.title.text}]`,
    },
    metadata: { "image/png": { width: png.width, height: png.height, alt: chartAlt(spec) } },
  };
}

/**
 * True when a notebook output's MIME bundle is a chart (it carries an image or a Vega-Lite
 * spec): what the browser check and the review count per cell.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { isChartData } from "./chart.ts";
 * assert(isChartData({ "image/png": "iVBOR", "text/plain": "x" }) && !isChartData({ "text/plain": "x" }));
 * ```
 */
export function isChartData(data: Record<string, unknown> | undefined): boolean {
  return Object.keys(data ?? {}).some((k) => k.startsWith("image/") || k.includes("vegalite"));
}
