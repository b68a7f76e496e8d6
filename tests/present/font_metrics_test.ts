/**
 * Charts measure text as their PNGs draw it (lib/present/font_metrics.ts): DejaVu Sans's advance
 * widths, read from the font file, agree with what resvg draws; and a bar chart's slanted
 * category labels end just above the axis title instead of over a blank band (Vega's own
 * estimate without a canvas, 0.8 × the font size per character, reserved about a third too
 * much).
 */
import { assert } from "../../lib/core/testing.ts";
import { advanceTable, textWidth } from "../../lib/present/font_metrics.ts";
import { inkBox, rasterFontBytes } from "../../lib/present/raster.ts";
import { barChart } from "../../lib/present/chart_spec.ts";
import { renderSvg } from "../../lib/present/chart_render.ts";

const table = advanceTable(await rasterFontBytes());

Deno.test("advanceTable() gives DejaVu Sans's widths: each string's advance covers resvg's ink, within 3 px (side bearings)", async () => {
  for (const text of ["non_digit_characters", "KL(π‖π_ref) (nats)", "β=0.05", "WWW iii 0123"]) {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40">' +
      `<text x="10" y="25" font-size="10">${text}</text></svg>`;
    const ink = (await inkBox(svg))!;
    const advance = textWidth(table, text, 10);
    assert(
      advance >= ink.width - 0.5 && advance - ink.width < 3,
      `"${text}": advance ${advance.toFixed(2)} px, ink ${ink.width.toFixed(2)} px`,
    );
  }
});

Deno.test("a bar chart's slanted labels end within 12 px of the axis title below them", async () => {
  const categories = ["ok", "wrong_answer", "not_single_line", "non_digit_characters", "x"];
  const drawn = await renderSvg(barChart({
    title: "codes",
    xTitle: "code",
    yTitle: "completions",
    rows: categories.map((category, i) => ({ category, value: i + 1 })),
    width: 300,
  }));
  assert(/rotate\(325\)/.test(drawn), "the labels are slanted (-35°)");
  // Measure the ink without Vega's white background rectangle (it covers the whole canvas).
  const svg = drawn.replace(/<rect width="\d+" height="\d+" fill="white"\/>/, "");
  const all = (await inkBox(svg))!;
  const title = /<text[^>]*>code<\/text>/.exec(svg);
  assert(title !== null, "the x axis title is in the SVG");
  const withoutTitle = (await inkBox(svg.replace(title[0], "")))!;
  const labelsEnd = withoutTitle.y + withoutTitle.height;
  const titleTop = all.y + all.height - 9; // the title's ink: about 9 px at 11 px
  assert(titleTop - labelsEnd < 12, `a ${(titleTop - labelsEnd).toFixed(1)} px band`);
});
