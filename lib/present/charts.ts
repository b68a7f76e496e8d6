/**
 * Charts for the course, in one import: the Vega-Lite v5 builders (lib/present/chart_spec.ts:
 * line and bar charts; lib/present/course_charts.ts: the KL frontier and pass@k), the headless
 * SVG renderer (lib/present/chart_render.ts) and the PNG rasteriser (lib/present/raster.ts).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { barChart } from "./chart_spec.ts";
 * import { renderSvg } from "./charts.ts";
 * const spec = barChart({ title: "t", xTitle: "x", yTitle: "y", rows: [{ category: "a", value: 3 }] });
 * assert((await renderSvg(spec)).includes(">3<"));
 * ```
 * @module
 */
export * from "./chart_axes.ts";
export * from "./chart_spec.ts";
export * from "./course_charts.ts";
export { renderSvg } from "./chart_render.ts";
export { base64, type Png, RASTER_FONT, svgToPng } from "./raster.ts";
