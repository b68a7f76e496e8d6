/**
 * The Goodhart run in words and charts: `lib/learn/goodhart.ts`'s optimisation against a proxy
 * rubric, its `summary.json` (the per-template reward table, the divergence step, first/peak/last
 * values), `summary.md`, and a chart that marks the turn (lib/experiments/goodhart.ts writes the
 * run, with its curve as data so the divergence can be asserted from the file).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { goodhartRun } from "../learn/goodhart.ts";
 * import { goodhartSummary } from "./goodhart_story.ts";
 * const examples = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, expected_answer: 10 + i }));
 * assert(goodhartSummary(goodhartRun(examples, { rubric: "substring", seed: 0 })).divergence_step !== null);
 * ```
 * @module
 */
import { divergenceStep, type GoodhartPoint, type GoodhartResult } from "../learn/goodhart.ts";
import { lineChart, type VegaLiteSpec } from "./chart_spec.ts";
import { f3 } from "./format.ts";
import { markStep } from "./chart_spec.ts";

/**
 * The Goodhart chart: expected proxy and expected true reward over the optimisation steps (and,
 * with `sampled`, the batches' sampled means).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { goodhartRun } from "../learn/goodhart.ts";
 * import { goodhartChart } from "./goodhart_story.ts";
 * const run = goodhartRun([{ id: "q", expected_answer: 5 }], { rubric: "substring", seed: 0, steps: 3 });
 * assertEquals(goodhartChart(run).data.values.length, 2 * 4);
 * ```
 */
export function goodhartChart(r: GoodhartResult, opts: { sampled?: boolean } = {}): VegaLiteSpec {
  const proxyName = `proxy reward (${r.config.rubric}), expected`;
  const trueName = "true reward (strict), expected";
  const rows = r.curve.flatMap((p) => [
    { x: p.step, y: p.expected_proxy, series: proxyName },
    { x: p.step, y: p.expected_true, series: trueName },
  ]);
  if (opts.sampled) {
    for (const p of r.curve) {
      if (p.sampled_proxy === null || p.sampled_true === null) continue;
      rows.push({
        x: p.step,
        y: p.sampled_proxy,
        series: `proxy reward (${r.config.rubric}), batch mean`,
      });
      rows.push({ x: p.step, y: p.sampled_true, series: "true reward (strict), batch mean" });
    }
  }
  const turn = divergenceStep(r.curve);
  return lineChart({
    title: `Goodhart: optimising the ${r.config.rubric} rubric`,
    subtitle:
      `REINFORCE over ${r.templates.length} templates, seed ${r.config.seed}, lr ${r.config.lr}, ` +
      `batch ${r.config.batch}; ` +
      (turn === null ? "no divergence" : `true reward peaks at step ${turn}, then falls`),
    xTitle: "optimisation step",
    yTitle: "reward under the current policy",
    seriesTitle: "reward",
    yDomain: [0, 1],
    rows,
  });
}

/** `summary.json` of a Goodhart run. */
export interface GoodhartSummary {
  kind: "goodhart";
  proxy: string;
  templates: { name: string; proxy_reward: number; true_reward: number }[];
  /** The step where the true reward peaks before the proxy keeps rising, or null. */
  divergence_step: number | null;
  first: { expected_proxy: number; expected_true: number };
  peak_true: { step: number; expected_proxy: number; expected_true: number };
  last: { step: number; expected_proxy: number; expected_true: number };
}

/** The summary of a result: template table, divergence step, first/peak/last points. */
export function goodhartSummary(r: GoodhartResult): GoodhartSummary {
  const turn = divergenceStep(r.curve);
  const peak = r.curve.reduce((best, p) => p.expected_true > best.expected_true ? p : best);
  const last = r.curve[r.curve.length - 1];
  const pick = (p: GoodhartPoint) => ({
    step: p.step,
    expected_proxy: p.expected_proxy,
    expected_true: p.expected_true,
  });
  return {
    kind: "goodhart",
    proxy: r.config.rubric,
    templates: r.templates.map((name, t) => ({
      name,
      proxy_reward: r.proxyByTemplate[t],
      true_reward: r.trueByTemplate[t],
    })),
    divergence_step: turn,
    first: { expected_proxy: r.curve[0].expected_proxy, expected_true: r.curve[0].expected_true },
    peak_true: pick(peak),
    last: pick(last),
  };
}

/** `summary.md` of a Goodhart run. */
export function goodhartMarkdown(s: GoodhartSummary): string {
  const f = f3;
  return [
    `# Goodhart: optimising the ${s.proxy} rubric`,
    "",
    "| template | proxy reward | true reward |",
    "| --- | ---: | ---: |",
    ...s.templates.map((t) => `| ${t.name} | ${f(t.proxy_reward)} | ${f(t.true_reward)} |`),
    "",
    s.divergence_step === null
      ? "No divergence: the true reward did not turn down while the proxy rose."
      : `Divergence at step ${s.divergence_step}: the true reward peaks at ` +
        `${f(s.peak_true.expected_true)}, then falls to ${f(s.last.expected_true)} at step ` +
        `${s.last.step} while the proxy rises from ${f(s.peak_true.expected_proxy)} to ` +
        `${f(s.last.expected_proxy)}.`,
    "",
  ].join("\n");
}

/**
 * lib/learn/goodhart.ts's chart with the divergence step marked: a dashed vertical rule at the step
 * where the true reward peaks, labelled. Without a divergence it is the plain chart.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { markedGoodhartChart } from "./goodhart_story.ts";
 * import { goodhartRun } from "../learn/goodhart.ts";
 * const examples = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, expected_answer: 10 + i }));
 * const spec = markedGoodhartChart(goodhartRun(examples, { rubric: "substring", seed: 0 }));
 * assertEquals((spec.layer as unknown[]).length, 3);
 * ```
 */
export function markedGoodhartChart(r: GoodhartResult): VegaLiteSpec {
  const turn = divergenceStep(r.curve);
  const base = goodhartChart(r);
  return turn === null ? base : markStep(base, turn, `divergence: step ${turn}`);
}
