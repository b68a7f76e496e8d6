/**
 * The charts of Loop C's lessons on the tiny policy (lib/present/rl_lesson_charts.ts): the
 * divergence is marked where the lesson finds it, and the β frontier draws every run of a sweep.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { goodhartLesson } from "../../lib/learn/lessons.ts";
import { loadShippedRun } from "../../lib/course/rl_lab.ts";
import { renderSvg } from "../../lib/present/chart_render.ts";
import {
  markedProxyStrictChart,
  sequenceFrontierChart,
} from "../../lib/present/rl_lesson_charts.ts";

Deno.test("markedProxyStrictChart() marks the shipped substring run's divergence step", async () => {
  const { curve } = await loadShippedRun("rl_substring");
  const spec = markedProxyStrictChart(curve, "substring");
  const turn = goodhartLesson(curve).divergeStep;
  assert(turn !== null);
  const layers = spec.layer as { data?: { values: { x: number; label: string }[] } }[];
  assertEquals(layers[1].data?.values, [{ x: turn, label: `divergence: step ${turn}` }]);
  assertStringIncludes(await renderSvg(spec), `divergence: step ${turn}`);
});

Deno.test("markedProxyStrictChart() draws no mark when proxy and strict never part", async () => {
  const { curve } = await loadShippedRun("rl_strict");
  assertEquals(goodhartLesson(curve).divergeStep, null);
  assertEquals(markedProxyStrictChart(curve, "strict").layer, undefined);
});

Deno.test("sequenceFrontierChart() draws proxy and strict for every β, labelled", async () => {
  const points = [
    { beta: 0, proxy: 0.64, strict: 0.07, kl: 4.4 },
    { beta: 0.2, proxy: 0.53, strict: 0.28, kl: 0.36 },
  ];
  const spec = sequenceFrontierChart(points, "substring");
  assertEquals(
    spec.data.values.map((v) => [v.measure, v.beta]),
    [["proxy (substring)", 0], ["strict", 0], ["proxy (substring)", 0.2], ["strict", 0.2]],
  );
  const svg = await renderSvg(spec);
  assertStringIncludes(svg, "β=0.2");
});
