/**
 * The notebook machinery, tested outside the kernel (where `show()` hands the bundle back): the
 * display helpers (lib/course/display.ts), chart bundles (lib/course/chart.ts), verdict and
 * citation lines (lib/course/lines.ts), the notebook format (lib/course/tools/ipynb.ts), the committed
 * form (lib/course/tools/committed.ts) and the execution checks (lib/course/tools/execute.ts). A real
 * execution through Jupyter is tests/tools/jupyter_test.ts.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  isBundle,
  kernelDisplay,
  md,
  show,
  table,
  text,
  toBundle,
} from "../../lib/course/display.ts";
import { chart, isChartData, VEGA_LITE_MIME } from "../../lib/course/chart.ts";
import { check, checkLine, cite, parseCheckLine, verdictBundle } from "../../lib/course/lines.ts";
import {
  type Cell,
  type Notebook,
  outputLines,
  parseNotebook,
  serializeNotebook,
} from "../../lib/course/tools/ipynb.ts";
import { committedProblems, stripOutputs } from "../../lib/course/tools/committed.ts";
import {
  executionProblems,
  NO_OUTPUT_MARKER,
  selectNotebooks,
} from "../../lib/course/tools/execute.ts";
import { barChart, VEGA_LITE_SCHEMA } from "../../lib/present/chart_spec.ts";
import { runsPath } from "../../lib/core/paths.ts";
import { InputError } from "../../lib/core/errors.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { decode } from "npm:fast-png@8.0.0";

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
    "| code | reward |\n| :-- | --: |\n| <ok> | 1 |\n| a\\|b | 0.250 |",
  );
  assertStringIncludes(
    t["text/html"] as string,
    '<td style="text-align: left">&lt;ok&gt;</td><td style="text-align: right">1</td>',
  );
  assert(!(t["text/html"] as string).includes("<ok>"), "HTML must be escaped");
  assertEquals(t["text/plain"], "code  reward\n----  ------\n<ok>       1\na|b    0.250");
});

Deno.test("table() left-aligns text columns and right-aligns columns of numbers only", () => {
  const t = table([{ name: "a", n: 1, mixed: 2 }, { name: "bb", n: 10, mixed: "x" }]);
  assertStringIncludes(t["text/markdown"] as string, "| :-- | --: | :-- |");
  assertEquals((t["text/plain"] as string).split("\n")[2], "a      1  2");
  assertStringIncludes(t["text/html"] as string, '<th style="text-align: left">mixed</th>');
});

Deno.test("table() keeps the given columns and their order, and shows missing cells as empty", () => {
  const t = table([{ a: 1, b: 2 }, { a: 3 }], ["b", "a"]);
  assertEquals(t["text/markdown"], "| b | a |\n| --: | --: |\n| 2 | 1 |\n|  | 3 |");
});

Deno.test("table() of no rows still shows the header", () => {
  assertEquals(table([], ["n"])["text/plain"], "n\n-");
});

Deno.test("chart() carries the Vega-Lite v5 spec, a PNG at the SVG's size and a text line, never an SVG", async () => {
  const spec = barChart({
    title: "Failure codes",
    xTitle: "code",
    yTitle: "count",
    rows: [{ category: "ok", value: 3 }, { category: "no_final_line", value: 1 }],
  });
  const shown = await chart(spec);
  assertEquals(shown.data[VEGA_LITE_MIME], spec);
  assertEquals((shown.data[VEGA_LITE_MIME] as { $schema: string }).$schema, VEGA_LITE_SCHEMA);
  assertEquals(shown.data["text/plain"], "[chart: Failure codes]");
  assert(
    !("image/svg+xml" in shown.data) && !("text/html" in shown.data),
    "nbconvert 6 would prefer an SVG or HTML to the PNG, and blank it",
  );
  const png = decode(
    Uint8Array.from(atob(shown.data["image/png"] as string), (c) => c.charCodeAt(0)),
  );
  const size = shown.metadata["image/png"] as { width: number; height: number };
  assertEquals([png.width, png.height], [
    Math.round(size.width * 1.5),
    Math.round(size.height * 1.5),
  ]);
  assert(isChartData(shown.data));
  assertEquals(
    (shown.metadata["image/png"] as { alt?: string }).alt,
    "Failure codes. Bar chart of count against code.",
    "the alt text the HTML export writes on the <img>",
  );
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
    "**CHECK PASSED: kata**: 10 of 10 agree",
  );
  assertEquals(
    check("kata", false, "q3: you said model failure,\nthe key says parser bug")["text/plain"],
    "CHECK FAILED: kata: q3: you said model failure, the key says parser bug",
  );
});

Deno.test("checkLine() and parseCheckLine() round-trip the three statuses", () => {
  for (const status of ["passed", "failed", "not attempted"] as const) {
    const line = checkLine("kata-labels", status, "m01: no label");
    assertEquals(parseCheckLine(line), { name: "kata-labels", status, why: "m01: no label" });
  }
  assertEquals(
    verdictBundle("x", "not attempted", "still TODO")["text/plain"],
    "CHECK NOT ATTEMPTED: x: still TODO",
  );
  assertEquals(parseCheckLine("CHECK MAYBE: x"), null);
});

Deno.test("check() refuses a name with a colon and a failure or non-attempt without a reason", () => {
  let thrown = 0;
  for (
    const f of [
      () => check("a:b", true),
      () => check("a", false),
      () => check(" a", true),
      () => checkLine("a", "not attempted"),
    ]
  ) {
    try {
      f();
    } catch {
      thrown++;
    }
  }
  assertEquals(thrown, 4);
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
  assertEquals(toBundle({ data: b, metadata: {} }), b, "a displayable gives its bundle");
  assertEquals(toBundle("hi"), { "text/plain": "hi" });
  assertEquals(toBundle([{ n: 1 }])["text/markdown"], "| n |\n| --: |\n| 1 |");
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

Deno.test("show() inside a kernel displays the bundle once, with its metadata, and returns nothing", async () => {
  const displayed: unknown[] = [];
  const display = (d: unknown) => {
    displayed.push(d);
    return Promise.resolve();
  };
  assertEquals(await show("step 001", display), undefined);
  const withSize = { data: text("x"), metadata: { "image/png": { width: 10, height: 5 } } };
  await show(withSize, display);
  assertEquals(displayed, [{ data: { "text/plain": "step 001" }, metadata: {} }, withSize]);
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

Deno.test("selectNotebooks() keeps course order and names an unknown notebook", () => {
  const all = ["/n/M0_a.ipynb", "/n/M0.5_b.ipynb", "/n/M1_c.ipynb"];
  assertEquals(selectNotebooks(all, []), all);
  assertEquals(selectNotebooks(all, ["M1_c", "M0_a.ipynb"]), ["/n/M0_a.ipynb", "/n/M1_c.ipynb"]);
  try {
    selectNotebooks(all, ["M9"]);
    assert(false, "accepted an unknown notebook");
  } catch (e) {
    assert(e instanceof UsageError);
    assertStringIncludes(e.message, "--only M9: no such notebook (have: M0_a, M0.5_b, M1_c)");
  }
});

Deno.test("executionProblems() lets an answer cell (a declaration) show nothing", () => {
  const answer = code('const myGuess = "";', 1);
  answer.metadata = { rl_course: { answer: "myGuess", check: "predict-guess" } };
  assertEquals(executionProblems(notebook([answer])), []);
});
