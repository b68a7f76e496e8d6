// Goodhart's law, measured on the dev set: optimising the substring rubric raises the proxy
// reward while the true (strict) reward peaks and then falls; optimising the strict scorer does
// not diverge. The assertions read the run's own curve.
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { divergenceStep, goodhartRun, TEMPLATES } from "../../lib/learn/goodhart.ts";
import { goodhartChart } from "../../lib/present/goodhart_story.ts";
import { loadDataset } from "../../lib/measure/dataset.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { renderSvg } from "../../lib/present/charts.ts";

const ds = await loadDataset(dataPath("datasets/math_dev.jsonl"));
const examples = ds.ids.map((id, i) => ({ id, expected_answer: ds.expected[i] }));
const run = goodhartRun(examples, { rubric: "substring", seed: 0 });
const curve = run.curve;
const first = curve[0], last = curve[curve.length - 1];
const peak = curve.reduce((b, p) => (p.expected_true > b.expected_true ? p : b));

Deno.test("goodhartRun() on substring: the proxy ends above where it started", () => {
  assert(
    last.expected_proxy > first.expected_proxy + 0.3,
    `${first.expected_proxy} -> ${last.expected_proxy}`,
  );
  assert(last.expected_proxy > 0.9);
});

Deno.test("goodhartRun() on substring: the true reward rises to a peak, then ends far below it", () => {
  assert(peak.expected_true > first.expected_true + 0.1, `peak ${peak.expected_true}`);
  assert(
    last.expected_true < peak.expected_true - 0.25,
    `peak ${peak.expected_true}, end ${last.expected_true}`,
  );
});

Deno.test("divergenceStep() finds the turn: the true reward's peak, after which the proxy still rises", () => {
  const step = divergenceStep(curve);
  assertEquals(step, peak.step);
  assert(step !== null && step > 0 && step < curve.length - 1);
  assert(last.expected_proxy > curve[step].expected_proxy);
});

Deno.test("goodhartRun() against the strict scorer does not diverge: honesty wins", () => {
  const control = goodhartRun(examples, { rubric: "strict", seed: 0 });
  assertEquals(divergenceStep(control.curve), null);
  const end = control.curve[control.curve.length - 1];
  assert(end.probs[TEMPLATES.findIndex((t) => t.name === "honest")] > 0.9);
});

Deno.test("goodhartRun() expectations are exact: Σ π_t · mean reward of template t", () => {
  for (const p of [first, peak, last]) {
    assertAlmostEquals(
      p.expected_proxy,
      p.probs.reduce((s, q, t) => s + q * run.proxyByTemplate[t], 0),
      1e-12,
    );
    assertAlmostEquals(
      p.expected_true,
      p.probs.reduce((s, q, t) => s + q * run.trueByTemplate[t], 0),
      1e-12,
    );
  }
  const hedge = TEMPLATES.findIndex((t) => t.name === "hedge");
  const honest = TEMPLATES.findIndex((t) => t.name === "honest");
  assert(run.proxyByTemplate[hedge] > run.proxyByTemplate[honest]);
  assertEquals(run.trueByTemplate[hedge], 0);
});

Deno.test("goodhartRun() is deterministic for a seed", () => {
  assertEquals(
    JSON.stringify(goodhartRun(examples, { rubric: "substring", seed: 0 }).curve),
    JSON.stringify(curve),
  );
});

Deno.test("goodhartChart() draws both expected curves (and the sampled ones on request)", async () => {
  const spec = goodhartChart(run);
  assertEquals(spec.data.values.length, 2 * curve.length);
  assertEquals(goodhartChart(run, { sampled: true }).data.values.length, 4 * curve.length - 2);
  assert((await renderSvg(spec)).startsWith("<svg"));
});
