// The Goodhart run as a run folder: the divergence is asserted on the run's own data file.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { goodhartSummary, markedGoodhartChart } from "../../lib/present/goodhart_story.ts";
import { readGoodhartCurve, runGoodhart } from "../../lib/experiments/goodhart.ts";
import { divergenceStep, goodhartRun } from "../../lib/learn/goodhart.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { renderSvg } from "../../lib/present/charts.ts";

const dataset = dataPath("datasets/math_dev.jsonl");

Deno.test("runGoodhart() on the dev set: curve.jsonl shows the proxy rising while the true reward falls", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { runPath, summary } = await runGoodhart({
      dataset,
      rubric: "substring",
      seed: 0,
      outdir: `${dir}/run`,
      args: [],
    });
    const curve = await readGoodhartCurve(runPath);
    assertEquals(curve.length, 151);
    const turn = divergenceStep(curve);
    assert(turn !== null && turn > 0 && turn < 150);
    assertEquals(summary.divergence_step, turn);
    const peak = curve.find((p) => p.step === turn)!, last = curve[150];
    assert(last.expected_proxy > peak.expected_proxy + 0.2);
    assert(last.expected_true < peak.expected_true - 0.2);
    const manifest = JSON.parse(await Deno.readTextFile(`${runPath}/manifest.json`));
    assertEquals([manifest.kind, manifest.proxy_rubric, manifest.seed], [
      "goodhart",
      "substring",
      0,
    ]);
    assertEquals(manifest.scorer_name, "final-int-strict");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("goodhartSummary() with the strict scorer as proxy reports no divergence", () => {
  const examples = Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, expected_answer: i + 3 }));
  const s = goodhartSummary(goodhartRun(examples, { rubric: "strict", seed: 0 }));
  assertEquals(s.divergence_step, null);
  assert(s.last.expected_true > s.first.expected_true);
});

Deno.test("markedGoodhartChart() adds a rule at the divergence step and still renders to SVG", async () => {
  const examples = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, expected_answer: 10 + i }));
  const r = goodhartRun(examples, { rubric: "substring", seed: 0 });
  const spec = markedGoodhartChart(r);
  const layers = spec.layer as { data?: { values: { x: number }[] } }[];
  assertEquals(layers[1].data!.values[0].x, divergenceStep(r.curve));
  assert((await renderSvg(spec)).startsWith("<svg"));
});

Deno.test("markedGoodhartChart() without a divergence is the plain chart", () => {
  const examples = Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, expected_answer: i + 3 }));
  const spec = markedGoodhartChart(goodhartRun(examples, { rubric: "strict", seed: 0, steps: 5 }));
  assertEquals(spec.layer, undefined);
});
