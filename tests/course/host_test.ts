/**
 * The notebook host (lib/course/host.ts): once the grading sandbox installs it, `show()`,
 * `chart()`, the lab's verdicts and `runDeno()` go through it, nothing can install another, and
 * the lab cannot be patched. This file installs a host for its whole module (one test file, one
 * isolate), so it holds only the tests that want one.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { exactJson, installHost, memoized, notebookHost } from "../../lib/course/host.ts";
import { loadPolicyLab, notebookRlRun } from "../../lib/course/rl_lab.ts";
import { show, text } from "../../lib/course/display.ts";
import { chart, VEGA_LITE_MIME } from "../../lib/course/chart.ts";
import { gradeAnswer, openLab, TODO } from "../../lib/course/lab.ts";
import { runDeno } from "../../lib/course/deno_run.ts";
import { barChart } from "../../lib/present/chart_spec.ts";

const displayed: unknown[] = [];
const verdicts: Record<string, unknown>[] = [];
const asked: string[][] = [];
const memo = new Map<string, string>();
let offered = 0;
installHost({
  memo: {
    get: (key) => memo.get(key) ?? null,
    put: (key, value) => {
      offered++;
      memo.set(key, value);
    },
  },
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

Deno.test("memoized() under a host: computed once and offered, then read back; other inputs compute", () => {
  let computed = 0;
  const square = (x: number) =>
    memoized("square", { x }, () => (computed++, x * x), exactJson<number>());
  assertEquals([square(3), square(3), square(4)], [9, 9, 16]);
  assertEquals(computed, 2);
});

Deno.test("notebookRlRun() read back from the memo is the run itself, weights and rows exactly", async () => {
  const lab = await loadPolicyLab();
  const tiny = { steps: 2, promptsPerStep: 1, groupSize: 2, evalEvery: 2, evalPrompts: 2 };
  const before = offered;
  const first = notebookRlRun(lab, tiny); // computed, offered to the memo
  assertEquals(offered, before + 1);
  const again = notebookRlRun(lab, tiny); // read back
  assertEquals(offered, before + 1);
  assertEquals([...again.result.params.flat], [...first.result.params.flat]);
  assertEquals([again.result.curve, again.result.steps, again.summary], [
    first.result.curve,
    first.result.steps,
    first.summary,
  ]);
  assertEquals([again.trained.sha256, again.files.json], [first.trained.sha256, first.files.json]);
});
