/**
 * The pure parts of the browser check (lib/course/tools/browser_check.ts): what counts as ink, and how
 * many charts each cell holds. The check itself, in Chromium, is tests/tools/chromium_test.ts.
 */
import { assertEquals } from "../../lib/core/testing.ts";
import { chartsPerCell, inkCount } from "../../lib/course/tools/browser_check.ts";
import { codeCell, notebook, svgOutput } from "./page_fixtures.ts";

Deno.test("inkCount() counts the pixels that differ from the most common colour", () => {
  const img = { width: 3, height: 1, channels: 3, data: [255, 255, 255, 250, 250, 250, 0, 0, 0] };
  assertEquals(inkCount(img), 1, "a near-white pixel is background, a black one is ink");
});

Deno.test("chartsPerCell() counts image and Vega-Lite outputs per cell", () => {
  const nb = notebook([
    codeCell([svgOutput("<svg/>"), { output_type: "stream", name: "stdout", text: "x" }]),
    { cell_type: "markdown", source: "m", metadata: {} },
    codeCell([{ output_type: "display_data", metadata: {}, data: { "text/plain": "t" } }]),
  ]);
  assertEquals([...chartsPerCell(nb)], [[1, 1]]);
});
