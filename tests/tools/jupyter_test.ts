/**
 * Headless execution through Jupyter on the repo's kernelspec (lib/course/tools/execute.ts), run for
 * real: a probe notebook shows what executionProblems() finds, and a notebook with an exercise, a
 * prediction and a check reviews as NOT ATTEMPTED as committed and CLEAN with its solutions
 * substituted; and nbconvert 6 exports an SVG-only chart blank, which the browser check catches.
 * Needs Jupyter (nbconvert, nbclient) and Chromium: `deno task test:tools`, which CI runs after
 * installing both; without them these tests fail and say what to install.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import {
  executeNotebook,
  executionProblems,
  nbconvertVersion,
  NO_OUTPUT_MARKER,
} from "../../lib/course/tools/execute.ts";
import {
  type Cell,
  cellSource,
  outputLines,
  readNotebook,
  serializeNotebook,
} from "../../lib/course/tools/ipynb.ts";
import { reviewNotebook } from "../../lib/course/tools/review.ts";
import { expectedItems } from "../../lib/course/tools/review_items.ts";
import { promiseProblems } from "../../lib/course/tools/notebook_runs.ts";
import { runsPath } from "../../lib/core/paths.ts";
import { checkPages, removeTree } from "../../lib/course/tools/browser_check.ts";
import { barChart } from "../../lib/present/chart_spec.ts";
import { renderSvg } from "../../lib/present/charts.ts";
import { CHROMIUM, requireTools } from "./tools.ts";

function code(source: string, metadata: Record<string, unknown> = {}): Cell {
  return { cell_type: "code", source, metadata, execution_count: null, outputs: [] };
}

Deno.test("Jupyter's nbconvert and Chromium are installed (deno task test:tools needs both)", async () => {
  await requireTools();
  assert((await nbconvertVersion()) !== null);
});

Deno.test({
  name:
    "executeNotebook() runs the Deno kernel headless; an untouched exercise reviews NOT ATTEMPTED, its solution CLEAN",
  async fn(t) {
    // Inside runs/, so the kernel finds the project's deno.json (its import map) above it.
    await Deno.mkdir(runsPath(), { recursive: true });
    const dir = await Deno.makeTempDir({ dir: runsPath(), prefix: ".execute_test-" });
    try {
      const lib = new URL("../../lib/mod.ts", import.meta.url).href;
      // check() is tooling, not part of the student surface (lib/mod.ts).
      const lines = new URL("../../lib/course/lines.ts", import.meta.url).href;
      await t.step(
        "executionProblems() finds a silent cell and an error, not an answer cell",
        async () => {
          const nb = {
            nbformat: 4,
            nbformat_minor: 5,
            metadata: {},
            cells: [
              code(
                `${NO_OUTPUT_MARKER}\nimport { show } from "${lib}";\nimport { check } from "${lines}";`,
              ),
              code('await show("hello from the kernel");'),
              code("await show(check('probe', true));"),
              code("const silent = 1;"),
              code("throw new RangeError('deliberate');"),
              code("await show(Deno.cwd());"),
            ],
          };
          await Deno.writeTextFile(`${dir}/probe.ipynb`, serializeNotebook(nb));
          const result = await executeNotebook({
            path: `${dir}/probe.ipynb`,
            outDir: `${dir}/out`,
            timeout: 30,
          });
          assertEquals(result.failure, null);
          assert(result.html !== null && (await Deno.stat(result.html)).size > 0);
          const executed = await readNotebook(result.executed!);
          assertEquals(outputLines(executed.cells[1]), ["hello from the kernel"]);
          assertEquals(outputLines(executed.cells[2]), ["CHECK PASSED: probe"]);
          assertEquals(
            outputLines(executed.cells[5]),
            [dir],
            "the kernel runs in the notebook's folder",
          );
          assertEquals(executionProblems(executed).map((p) => [p.cell, p.kind]), [
            [4, "no-output"],
            [5, "error"],
          ]);
        },
      );

      await t.step(
        "as committed NOT ATTEMPTED; with notebooks/solutions substituted CLEAN",
        async () => {
          const nb = {
            nbformat: 4,
            nbformat_minor: 5,
            metadata: { rl_course: { checks: ["predict-guess", "double", "truth", "draw-loop"] } },
            cells: [
              code(
                `import { show } from "${lib}";\nimport * as rl from "${lib}";\nconst lab = await rl.openLab("fixture", { root: ${
                  JSON.stringify(dir)
                } });\nawait show(lab.cite());`,
              ),
              code('const myGuess = "";', {
                rl_course: { answer: "myGuess", check: "predict-guess" },
              }),
              code('await show(await lab.predict("guess", myGuess));'),
              code("function myDouble(x: number): number {\n  return rl.TODO;\n}", {
                rl_course: { answer: "myDouble", check: "double" },
              }),
              code(
                'await show(await lab.grade("double", myDouble, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" })));',
              ),
              code('await show(await lab.check("truth", 1 + 1 === 2, "arithmetic holds"));'),
              {
                cell_type: "markdown",
                source: "✎ Draw the loop here.",
                metadata: { rl_course: { answer: "myLoop", check: "draw-loop" } },
              },
              code(
                'await show(await rl.chart(rl.barChart({ title: "bars", xTitle: "x", yTitle: "y", ' +
                  'rows: [{ category: "a", value: 3 }] })));',
              ),
            ],
          };
          await Deno.writeTextFile(`${dir}/fixture.ipynb`, serializeNotebook(nb));
          await Deno.mkdir(`${dir}/solutions`);
          await Deno.writeTextFile(
            `${dir}/solutions/fixture.ts`,
            'export const myGuess = "four";\nexport function myDouble(x: number): number {\n  return 2 * x;\n}\n' +
              "export const myLoop = String.raw`A --> B`;\n",
          );
          const ctx = {
            projectRoot: dir,
            sealed: new Map(),
            scorer: { scorer_name: "s", scorer_version: "1", scorer_fingerprint: "f" },
            expected: expectedItems(nb),
          };
          for (const solutions of [false, true]) {
            const result = await executeNotebook({
              path: `${dir}/fixture.ipynb`,
              outDir: `${dir}/out`,
              timeout: 30,
              solutions,
            });
            const executed = await readNotebook(result.executed!);
            assertEquals(executionProblems(executed), []);
            const report = await reviewNotebook(executed, ctx);
            assertEquals(
              report.items.map((it) => it.status),
              solutions
                ? ["passed", "passed", "passed", "attempted"]
                : ["not attempted", "not attempted", "passed", "not attempted"],
            );
            if (solutions) {
              assertEquals(
                [1, 3].map((i) => cellSource(executed.cells[i]).split("\n")[0]),
                ['const myGuess = "four";', "function myDouble(x: number): number {"],
                "the executed notebook shows the answers themselves",
              );
              assertEquals(cellSource(executed.cells[6]), "A --> B");
            }
            const html = await Deno.readTextFile(result.html!);
            assert(
              /<img src="data:image\/png;base64,[^"]+"[^>]*alt="bars\. Bar chart of y against x\."/
                .test(html),
              "the chart's <img> carries its alt text",
            );
            assertEquals(promiseProblems(report, solutions), [], JSON.stringify(report.problems));
            assertEquals(report.clean, solutions);
          }
        },
      );
      await t.step({
        name: "nbconvert 6 exports an SVG-only chart blank, and the browser check says so",
        async fn() {
          const svg = await renderSvg(barChart({
            title: "svg only",
            xTitle: "x",
            yTitle: "y",
            rows: [{ category: "a", value: 3 }],
          }));
          const output = {
            output_type: "display_data",
            metadata: {},
            data: { "image/svg+xml": svg, "text/plain": "[chart]" },
          };
          const nb = {
            nbformat: 4,
            nbformat_minor: 5,
            metadata: {},
            cells: [{ ...code("x"), execution_count: 1, outputs: [output] }],
          };
          await Deno.writeTextFile(`${dir}/svg_only.ipynb`, serializeNotebook(nb));
          const out = await new Deno.Command("jupyter", {
            args: ["nbconvert", "--to", "html", "--output-dir", dir, `${dir}/svg_only.ipynb`],
            stdout: "null",
            stderr: "null",
          }).output();
          assert(out.success, "nbconvert --to html failed");
          const [report] = await checkPages([{ html: `${dir}/svg_only.html`, notebook: nb }], {
            chromium: CHROMIUM,
            scratch: dir,
          });
          assertEquals(report.problems.length, 1, report.problems.join("\n"));
          assert(
            report.problems[0].startsWith("svg_only cell 1: the chart is blank"),
            report.problems[0],
          );
        },
      });
    } finally {
      await removeTree(dir);
    }
  },
});
