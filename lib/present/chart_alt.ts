/**
 * A chart's alt text: its title and what it shows, in words a screen reader (or a teacher reading
 * the HTML export without images) can use. Built from the spec itself: the kind of chart, what
 * is plotted against what (and on which kind of axis), the series and their names, then the
 * builder's `description` when it gave one (Vega-Lite's own top-level field, which Vega also
 * writes as the SVG's `aria-label`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { chartAlt } from "./chart_alt.ts";
 * import { lineChart } from "./chart_spec.ts";
 * const spec = lineChart({
 *   title: "p(best) over steps",
 *   xTitle: "step",
 *   yTitle: "p(best)",
 *   rows: [{ x: 1, y: 0.2, series: "baseline" }, { x: 1, y: 0.3, series: "no baseline" }],
 * });
 * assertEquals(chartAlt(spec),
 *   "p(best) over steps. Line chart of p(best) against step; 2 series: baseline, no baseline.");
 * ```
 * @module
 */
import type { VegaLiteSpec } from "./chart_spec.ts";

const KINDS: Record<string, string> = {
  line: "Line chart",
  bar: "Bar chart",
  area: "Stacked area chart",
  point: "Scatter plot",
  text: "Chart",
  rule: "Chart",
};

type Channel = { field?: string; title?: string; scale?: { type?: string; base?: number } };

/** The first layer's mark and the merged encoding (top level, then the first layer's). */
function markAndEncoding(spec: VegaLiteSpec): { mark: string; enc: Record<string, Channel> } {
  const layers = Array.isArray(spec.layer) ? spec.layer as Record<string, unknown>[] : [];
  const first = layers[0] ?? {};
  const markOf = (m: unknown) => typeof m === "string" ? m : (m as { type?: string })?.type;
  const mark = markOf(spec.mark) ?? markOf(first.mark) ?? "chart";
  const enc = {
    ...(first.encoding as Record<string, Channel> | undefined ?? {}),
    ...(spec.encoding as Record<string, Channel>),
  };
  return { mark, enc };
}

function axisWords(c: Channel | undefined): string {
  if (c === undefined) return "";
  const said = /\blog\b/.test(c.title ?? "");
  const kind = said
    ? ""
    : c.scale?.type === "log"
    ? ` (log${c.scale.base === 2 ? "₂" : ""} axis)`
    : c.scale?.type === "symlog"
    ? " (symmetric log axis)"
    : "";
  return `${c.title ?? c.field ?? "?"}${kind}`;
}

/** The alt text of a chart: title, subtitle, what it plots, the series, the description. */
export function chartAlt(spec: VegaLiteSpec): string {
  const { mark, enc } = markAndEncoding(spec);
  const parts = [spec.title.text];
  if (spec.title.subtitle) parts.push(spec.title.subtitle);
  let what = `${KINDS[mark] ?? "Chart"} of ${axisWords(enc.y)} against ${axisWords(enc.x)}`;
  const by = enc.color?.field;
  if (by !== undefined) {
    const names = [...new Set(spec.data.values.map((v) => String(v[by])))];
    what += names.length <= 8
      ? `; ${names.length} series: ${names.join(", ")}`
      : `; ${names.length} series (${enc.color?.title ?? by})`;
  }
  parts.push(what);
  if (typeof spec.description === "string" && spec.description !== "") {
    parts.push(spec.description);
  }
  return parts.map((p) => p.replace(/[.\s]+$/, "")).join(". ") + ".";
}
