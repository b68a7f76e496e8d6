/**
 * The notebook host (lib/course/host.ts): once the grading sandbox installs it, `show()`,
 * `chart()`, the lab's verdicts and `runDeno()` go through it, nothing can install another, and
 * the lab cannot be patched. This file installs a host for its whole module (one test file, one
 * isolate), so it holds only the tests that want one.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { installHost, notebookHost } from "../../lib/course/host.ts";
import { show, text } from "../../lib/course/display.ts";
import { chart, VEGA_LITE_MIME } from "../../lib/course/chart.ts";
import { gradeAnswer, openLab, TODO } from "../../lib/course/lab.ts";
import { runDeno } from "../../lib/course/deno_run.ts";
import { barChart } from "../../lib/present/chart_spec.ts";

const displayed: unknown[] = [];
const verdicts: Record<string, unknown>[] = [];
const asked: string[][] = [];
installHost({
  display: (data) => displayed.push(data["text/plain"]),
  verdict: (rec) => verdicts.push({ ...rec }),
  runDeno: (args) => {
    asked.push([...args]);
    return Promise.resolve({ code: 0, output: "ran by the host" });
  },
  chartsInert: true,
});

Deno.test("installHost() refuses a second host: the first one stays", () => {
  let message = "";
  try {
    installHost({ ...notebookHost()!, chartsInert: false });
  } catch (e) {
    message = (e as Error).message;
  }
  assertEquals([message, notebookHost()?.chartsInert], [
    "a notebook host is installed already",
    true,
  ]);
});

Deno.test("show() hands the bundle to the host and returns nothing", async () => {
  const before = displayed.length;
  assertEquals(await show(text("hello")), undefined);
  assertEquals(displayed.slice(before), ["hello"]);
});

Deno.test("chart() under a host with inert charts gives the spec and the text, no PNG", async () => {
  const spec = barChart({
    title: "t",
    xTitle: "x",
    yTitle: "y",
    rows: [{ category: "a", value: 1 }],
  });
  const shown = await chart(spec, () => {
    throw new Error("rasterised");
  });
  assertEquals(Object.keys(shown.data).sort(), [VEGA_LITE_MIME, "text/plain"]);
  assertEquals(shown.data["text/plain"], "[chart: t]");
});

Deno.test("every verdict a lab records also goes to the host, with its line", async () => {
  const root = await Deno.makeTempDir();
  try {
    const lab = await openLab("M9_host", { root });
    const before = verdicts.length;
    await lab.check("one", true, "fine");
    const stub = (_x: number): number => TODO;
    await lab.grade("double", stub, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }));
    assertEquals(verdicts.slice(before).map((r) => r.line), [
      "CHECK PASSED: one: fine",
      "CHECK NOT ATTEMPTED: double: stub still returns TODO: write your version",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a lab is frozen: a cell cannot swap grade() for one that always passes", async () => {
  const root = await Deno.makeTempDir();
  try {
    const lab = await openLab("M9_frozen", { root });
    assert(Object.isFrozen(lab));
    let refused = false;
    try {
      (lab as { grade: unknown }).grade = () => ({ "text/plain": "CHECK PASSED: x" });
    } catch {
      refused = true;
    }
    assert(refused, "assigning lab.grade must throw in a module (strict mode)");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runDeno() under a host asks the host and starts nothing", async () => {
  const r = await runDeno(["test", "--no-config", "x_test.ts"], "/nowhere");
  assertEquals([r, asked.at(-1)], [{ code: 0, output: "ran by the host" }, [
    "test",
    "--no-config",
    "x_test.ts",
  ]]);
});

Deno.test("gradeAnswer(): a function that throws fails with the exception, the notebook goes on", async () => {
  const broken = (_x: number): number => {
    throw new RangeError("index 4 out of range");
  };
  assertEquals(await gradeAnswer(broken, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" })), {
    status: "failed",
    why: "broken threw RangeError: index 4 out of range",
  });
  const choke = (labels: Record<string, string>) => ({ ok: labels.m01.length > 0, why: "" });
  assertEquals(await gradeAnswer({ m02: "x" }, choke), {
    status: "failed",
    why: "the check could not use this answer: TypeError: Cannot read properties of undefined " +
      "(reading 'length')",
  });
});
