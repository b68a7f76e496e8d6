/**
 * The notebook machinery: display helpers (lib/course/display.ts), the notebook format (lib/course/ipynb.ts)
 * and the execution checks (lib/course/execute.ts). Display helpers are tested outside the kernel,
 * where `show()` hands the bundle back; one test executes a small notebook through a real Jupyter
 * when `jupyter nbconvert` is installed.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  chart,
  check,
  cite,
  isBundle,
  kernelDisplay,
  md,
  show,
  table,
  text,
  toBundle,
  VEGA_LITE_MIME,
} from "../../lib/course/display.ts";
import {
  type Cell,
  type Notebook,
  outputLines,
  parseNotebook,
  serializeNotebook,
} from "../../lib/course/ipynb.ts";
import {
  committedProblems,
  executeNotebook,
  executionProblems,
  kernelPath,
  nbconvertVersion,
  NO_OUTPUT_MARKER,
  stripOutputs,
} from "../../lib/course/execute.ts";
import { barChart, VEGA_LITE_SCHEMA } from "../../lib/present/charts.ts";
import { runsPath } from "../../lib/core/paths.ts";
import { InputError } from "../../lib/core/errors.ts";
import { dirname } from "node:path";

function code(source: string, execution_count: number | null, outputs: Cell["outputs"] = []): Cell {
  return { cell_type: "code", source, metadata: {}, execution_count, outputs };
}
function notebook(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}
const shown = (textPlain: string) => ({
  output_type: "display_data",
  metadata: {},
  data: { "text/plain": textPlain },
});

// --- display helpers -------------------------------------------------------------------------

Deno.test("table() renders markdown, escaped HTML and aligned plain text", () => {
  const t = table([{ code: "<ok>", reward: 1 }, { code: "a|b", reward: 0.25 }]);
  assertEquals(
    t["text/markdown"],
    "| code | reward |\n| --- | --- |\n| <ok> | 1 |\n| a\\|b | 0.250 |",
  );
  assertStringIncludes(t["text/html"] as string, "<td>&lt;ok&gt;</td><td>1</td>");
  assert(!(t["text/html"] as string).includes("<ok>"), "HTML must be escaped");
  assertEquals(t["text/plain"], "code  reward\n----  ------\n<ok>  1\na|b   0.250");
});

Deno.test("table() keeps the given columns and their order, and shows missing cells as empty", () => {
  const t = table([{ a: 1, b: 2 }, { a: 3 }], ["b", "a"]);
  assertEquals(t["text/markdown"], "| b | a |\n| --- | --- |\n| 2 | 1 |\n|  | 3 |");
});

Deno.test("table() of no rows still shows the header", () => {
  assertEquals(table([], ["n"])["text/plain"], "n\n-");
});

Deno.test("chart() carries the Vega-Lite v5 spec, an SVG fallback from lib/present/charts.ts and a text line", async () => {
  const spec = barChart({
    title: "Failure codes",
    xTitle: "code",
    yTitle: "count",
    rows: [{ category: "ok", value: 3 }, { category: "no_final_line", value: 1 }],
  });
  const b = await chart(spec);
  assertEquals(b[VEGA_LITE_MIME], spec);
  assertEquals((b[VEGA_LITE_MIME] as { $schema: string }).$schema, VEGA_LITE_SCHEMA);
  assert((b["image/svg+xml"] as string).startsWith("<svg"));
  assertStringIncludes(b["image/svg+xml"] as string, "Failure codes");
  assertEquals(b["text/plain"], "[chart: Failure codes]");
});

Deno.test("md() and text() wrap text in a bundle", () => {
  assertEquals(md("# M0"), { "text/markdown": "# M0", "text/plain": "# M0" });
  assertEquals(text("step 001 | r=1", "step 002 | r=0"), {
    "text/plain": "step 001 | r=1\nstep 002 | r=0",
  });
});

Deno.test("check() writes the verdict line the review reads", () => {
  assertEquals(check("pickBest-contract", true)["text/plain"], "CHECK PASSED: pickBest-contract");
  assertEquals(
    check("kata", true, "10 of 10 agree")["text/markdown"],
    "**CHECK PASSED: kata** (10 of 10 agree)",
  );
  assertEquals(
    check("kata", false, "q3: you said model failure,\nthe key says parser bug")["text/plain"],
    "CHECK FAILED: kata: q3: you said model failure, the key says parser bug",
  );
});

Deno.test("check() refuses a name with a colon and a failure without a reason", () => {
  let thrown = 0;
  for (const f of [() => check("a:b", true), () => check("a", false), () => check(" a", true)]) {
    try {
      f();
    } catch {
      thrown++;
    }
  }
  assertEquals(thrown, 3);
});

Deno.test("cite() writes run: lines relative to the project root", () => {
  assertEquals(
    cite(runsPath("eval_20260101T000000Z"))["text/plain"],
    "run: runs/eval_20260101T000000Z",
  );
  assertEquals(cite("runs/eval_x", { scratch: true })["text/plain"], "scratch run: runs/eval_x");
  let thrown = false;
  try {
    cite("/tmp/elsewhere");
  } catch {
    thrown = true;
  }
  assert(thrown, "a path outside runs/ is refused");
});

Deno.test("toBundle() keeps bundles, wraps strings, tabulates records and prints the rest as JSON", () => {
  const b = md("x");
  assertEquals(toBundle(b), b);
  assertEquals(toBundle("hi"), { "text/plain": "hi" });
  assertEquals(toBundle([{ n: 1 }])["text/markdown"], "| n |\n| --- |\n| 1 |");
  assertEquals(toBundle(42), { "text/plain": "42" });
  assertEquals(toBundle(undefined), { "text/plain": "undefined" });
  assert(!isBundle({ reward: 1 }) && !isBundle({ "text/html": "<b>" }) && isBundle(b));
});

Deno.test("kernelDisplay() is null outside the Jupyter kernel", () => {
  assertEquals(kernelDisplay(), null);
});

Deno.test("show() returns the bundle outside the kernel", async () => {
  assertEquals(await show(table([{ a: 1 }])), table([{ a: 1 }]));
});

Deno.test("show() inside a kernel displays the bundle once and returns nothing", async () => {
  const displayed: unknown[] = [];
  const result = await show("step 001", (b) => {
    displayed.push(b);
    return Promise.resolve();
  });
  assertEquals(result, undefined);
  assertEquals(displayed, [{ "text/plain": "step 001" }]);
});

// --- the notebook format ---------------------------------------------------------------------

Deno.test("parseNotebook() names the file when it is not a notebook", () => {
  for (
    const [text, why] of [["{", "malformed JSON"], ["[]", "not a JSON object"], [
      "{}",
      "no cells list",
    ]]
  ) {
    try {
      parseNotebook(text, "x.ipynb");
      assert(false, `accepted ${text}`);
    } catch (e) {
      assert(e instanceof InputError);
      assertStringIncludes(e.message, `x.ipynb: is not a notebook: ${why}`);
    }
  }
});

Deno.test("outputLines() reads streams, text/plain of displays and results, and errors", () => {
  const cell = code("x", 1, [
    { output_type: "stream", name: "stdout", text: ["a\n", "b\n"] },
    shown("run: runs/eval_1"),
    { output_type: "execute_result", data: { "text/plain": ["2"] }, metadata: {} },
    { output_type: "error", ename: "TypeError", evalue: "boom", traceback: [] },
  ]);
  assertEquals(outputLines(cell), ["a", "b", "run: runs/eval_1", "2", "TypeError: boom"]);
});

Deno.test("serializeNotebook() round-trips through parseNotebook()", () => {
  const nb = notebook([code("await show(1)", null)]);
  assertEquals(parseNotebook(serializeNotebook(nb), "x"), nb);
});

// --- execution checks ------------------------------------------------------------------------

Deno.test("executionProblems() passes a notebook where every code cell ran and showed something", () => {
  const nb = notebook([
    { cell_type: "markdown", source: "# M0", metadata: {} },
    code(`${NO_OUTPUT_MARKER}\nimport { show } from "../../lib/course/display.ts";`, 1),
    code("await show(1)", 2, [shown("1")]),
    code("   ", null), // a blank cell is never run by Jupyter and needs nothing
  ]);
  assertEquals(executionProblems(nb), []);
});

Deno.test("executionProblems() fails a silent cell, a cell that raised and a cell that did not run", () => {
  const nb = notebook([
    code("await show(1)", 1, []),
    code("throw new Error('x')", 2, [{
      output_type: "error",
      ename: "Error",
      evalue: "x",
      traceback: [],
    }]),
    code("await show(2)", null),
  ]);
  assertEquals(executionProblems(nb).map((p) => [p.cell, p.kind]), [
    [1, "no-output"],
    [2, "error"],
    [3, "not-run"],
  ]);
  assertStringIncludes(
    executionProblems(nb)[1].message,
    "cell 2 (throw new Error('x')) raised Error: x",
  );
});

Deno.test("committedProblems() and stripOutputs(): committed notebooks carry no outputs", () => {
  const nb = notebook([code("await show(1)", 4, [shown("1")]), {
    cell_type: "markdown",
    source: "x",
    metadata: {},
  }]);
  nb.cells[0].metadata = {
    tags: ["keep"],
    execution: { "iopub.status.idle": "2026-01-01T00:00:00Z" },
  };
  assertEquals(committedProblems(nb), [
    "cell 1 (await show(1)) has 1 output (want none)",
    "cell 1 (await show(1)) has execution_count 4 (want null)",
    "cell 1 (await show(1)) has execution timings in its metadata (want none)",
  ]);
  const stripped = stripOutputs(nb);
  assertEquals(committedProblems(stripped), []);
  assertEquals(stripped.cells[0].metadata, { tags: ["keep"] }, "other metadata is kept");
  assertEquals(stripped.cells[1], nb.cells[1]);
  assertEquals(nb.cells[0].execution_count, 4, "the input is not changed");
});

// --- a real execution through Jupyter and the repo's kernelspec --------------------------------

const haveJupyter = await nbconvertVersion().catch(() => null) !== null;

Deno.test({
  name:
    "executeNotebook() runs the Deno kernel headless and executionProblems() finds what went wrong",
  ignore: !haveJupyter,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const lib = new URL("../../lib/course/display.ts", import.meta.url).href;
      const nb = notebook([
        code(`${NO_OUTPUT_MARKER}\nimport { check, show } from "${lib}";`, null),
        code('await show("hello from the kernel");', null),
        code("await show(check('probe', true));", null),
        code("const silent = 1;", null),
        code("throw new RangeError('deliberate');", null),
        code("await show(Deno.cwd());", null),
      ]);
      await Deno.writeTextFile(`${dir}/probe.ipynb`, serializeNotebook(nb));
      const result = await executeNotebook({
        path: `${dir}/probe.ipynb`,
        outDir: `${dir}/out`,
        timeout: 30,
      });
      assertEquals(result.failure, null);
      assert(result.html !== null && (await Deno.stat(result.html)).size > 0);
      const executed = parseNotebook(await Deno.readTextFile(result.executed!), "executed");
      assertEquals(outputLines(executed.cells[1]), ["hello from the kernel"]);
      assertEquals(outputLines(executed.cells[2]), ["CHECK PASSED: probe"]);
      assertEquals(
        outputLines(executed.cells[5]),
        [dir],
        "the kernel runs in the notebook's folder",
      );
      assertEquals(executionProblems(executed).map((p) => [p.cell, p.kind]), [[4, "no-output"], [
        5,
        "error",
      ]]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("kernelPath() puts the running deno's folder first on PATH, so the kernelspec finds it", () => {
  const { PATH } = kernelPath();
  assert(PATH !== undefined && PATH.split(":")[0] === dirname(Deno.execPath()), PATH);
});
