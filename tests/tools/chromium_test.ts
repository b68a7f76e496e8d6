/**
 * The browser check (lib/course/tools/browser_check.ts, `deno task notebooks:browser`) can fail: in
 * headless Chromium, a page with a blank chart, an error trace and a missing chart is refused,
 * each problem naming the cell, while its drawn chart passes. (That it catches the blank chart
 * nbconvert 6 makes of an SVG output is a step of tests/tools/jupyter_test.ts.) Runs in `deno task
 * test:tools`.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { checkPages, removeTree } from "../../lib/course/tools/browser_check.ts";
import { chart } from "../../lib/course/chart.ts";
import { codeCell, notebook, svgOutput } from "../course/page_fixtures.ts";
import { barChart } from "../../lib/present/chart_spec.ts";
import { CHROMIUM, requireTools } from "./tools.ts";

/** A page in nbconvert's structure: one `.jp-Cell` per notebook cell, outputs inside. */
function page(cells: string[]): string {
  return `<!DOCTYPE html><html><body style="background: white">${
    cells.map((c) => `<div class="jp-Cell jp-CodeCell">${c}</div>`).join("\n")
  }</body></html>`;
}

Deno.test({
  name:
    "checkPages() refuses a blank chart, a chart without alt text, an error trace and a missing chart, naming each cell",
  async fn() {
    await requireTools();
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
      assertEquals(report.problems.length, 4, report.problems.join("\n"));
      assertStringIncludes(report.problems[0], "bad cell 1: the chart is blank (0 pixels drawn");
      assertStringIncludes(report.problems[1], "bad cell 2: the chart image has no alt text");
      assertStringIncludes(
        report.problems[2],
        "bad cell 3: the page shows an error trace: TypeError",
      );
      assertStringIncludes(
        report.problems[3],
        "bad cell 4: the notebook holds 1 chart(s), the page shows 0",
      );
      assert(report.charts[1].ink > 1000, `the drawn chart has ink: ${report.charts[1].ink}`);
    } finally {
      await removeTree(dir);
    }
  },
});
