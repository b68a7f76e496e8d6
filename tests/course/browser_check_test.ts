/**
 * The browser check (lib/course/browser_check.ts, `deno task notebooks:browser`) can fail: a page
 * with a blank chart, an error trace and a missing chart is refused, each problem naming the
 * cell, while its drawn chart passes. (That it catches the blank chart nbconvert 6 makes of an
 * SVG output is a step of tests/course/execute_test.ts, which has Jupyter.) Needs Chromium at
 * /usr/bin/chromium: skipped without it, with the reason in the test's name.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { chartsPerCell, checkPages, inkCount, removeTree } from "../../lib/course/browser_check.ts";
import { chart } from "../../lib/course/chart.ts";
import type { Cell, Notebook } from "../../lib/course/ipynb.ts";
import { barChart } from "../../lib/present/chart_spec.ts";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = await Deno.stat(CHROMIUM).then(() => true, () => false);

function codeCell(outputs: Cell["outputs"]): Cell {
  return { cell_type: "code", source: "x", metadata: {}, execution_count: 1, outputs };
}
function notebook(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}
const svgOutput = (svg: string) => ({
  output_type: "display_data",
  metadata: {},
  data: { "image/svg+xml": svg, "text/plain": "[chart]" },
});

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

/** A page in nbconvert's structure: one `.jp-Cell` per notebook cell, outputs inside. */
function page(cells: string[]): string {
  return `<!DOCTYPE html><html><body style="background: white">${
    cells.map((c) => `<div class="jp-Cell jp-CodeCell">${c}</div>`).join("\n")
  }</body></html>`;
}

Deno.test({
  name: haveChromium
    ? "checkPages() refuses a blank chart, an error trace and a missing chart, naming each cell"
    : `checkPages() refuses a blank chart… (SKIPPED: no Chromium at ${CHROMIUM}; install it with apt-get install chromium, then deno task test)`,
  ignore: !haveChromium,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const good = await chart(barChart({
        title: "drawn",
        xTitle: "x",
        yTitle: "y",
        rows: [{ category: "a", value: 3 }, { category: "b", value: 1 }],
      }));
      const blankSvg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"></svg>';
      const html = page([
        `<div class="jp-RenderedSVG jp-OutputArea-output" data-mime-type="image/svg+xml">${blankSvg}</div>`,
        `<div class="jp-RenderedImage jp-OutputArea-output"><img src="data:image/png;base64,${
          good.data["image/png"]
        }"></div>`,
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"><pre>TypeError: chart is not a function</pre></div>',
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"><pre>[chart: lost]</pre></div>',
      ]);
      await Deno.writeTextFile(`${dir}/bad.html`, html);
      const nb = notebook([
        codeCell([svgOutput(blankSvg)]),
        codeCell([{ output_type: "display_data", metadata: {}, data: good.data }]),
        codeCell([{ output_type: "error", ename: "TypeError", evalue: "chart is not a function" }]),
        codeCell([{ output_type: "display_data", metadata: {}, data: good.data }]),
      ]);
      const [report] = await checkPages([{ html: `${dir}/bad.html`, notebook: nb }], {
        chromium: CHROMIUM,
        scratch: dir,
      });
      assertEquals(report.problems.length, 3, report.problems.join("\n"));
      assertStringIncludes(report.problems[0], "bad cell 1: the chart is blank (0 pixels drawn");
      assertStringIncludes(
        report.problems[1],
        "bad cell 3: the page shows an error trace: TypeError",
      );
      assertStringIncludes(
        report.problems[2],
        "bad cell 4: the notebook holds 1 chart(s), the page shows 0",
      );
      assert(report.charts[1].ink > 1000, `the drawn chart has ink: ${report.charts[1].ink}`);
    } finally {
      await removeTree(dir);
    }
  },
});
