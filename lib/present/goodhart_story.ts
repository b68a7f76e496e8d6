/**
 * The Goodhart run in charts and files (reads the dataset, writes a run): `lib/learn/goodhart.ts`'s
 * optimisation against a proxy rubric on the dev set, with its curve written as data so the
 * divergence can be asserted from the file, not only drawn, and a chart that marks the turn.
 *
 * Files: `manifest.json` (kind `goodhart`, every knob, the proxy rubric, the strict scorer as
 * the true reward, the dataset fingerprint, provenance), `curve.jsonl` (one line per step:
 * step, probs, expected and sampled proxy/true rewards), `summary.json` (the per-template reward
 * table, the divergence step, first/peak/last values) and `summary.md`.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { readGoodhartCurve, runGoodhart } from "./goodhart_story.ts";
 * import { divergenceStep } from "../learn/goodhart.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { runPath } = await runGoodhart({
 *   dataset: dataPath("datasets/math_dev.jsonl"), rubric: "substring", seed: 0, outdir: out, args: [],
 * });
 * assert(divergenceStep(await readGoodhartCurve(runPath)) !== null);
 * ```
 * @module
 */
import { join } from "node:path";
import { loadDataset } from "../measure/dataset.ts";
import {
  divergenceStep,
  type GoodhartConfig,
  type GoodhartPoint,
  type GoodhartResult,
  goodhartRun,
} from "../learn/goodhart.ts";
import { instrumentFields } from "../instrument/instrument.ts";
import { RUBRIC_NOTES } from "../instrument/rubrics.ts";
import { jsonFile, jsonlFile, writeRun } from "../core/write_run.ts";
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

/** What {@link runGoodhart} needs: the Goodhart knobs, the dataset and the run folder. */
export interface GoodhartRunConfig extends GoodhartConfig {
  dataset: string;
  outdir: string;
  /** The arguments recorded in the manifest. */
  args: string[];
  /** What made the run, recorded as the manifest's `command` (default: this library call). */
  command?: string;
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

/**
 * Runs {@link goodhartRun} on a dataset's examples and writes the run atomically (never over an
 * existing one).
 *
 * @returns the run path, the result and its summary
 */
export async function runGoodhart(
  cfg: GoodhartRunConfig,
): Promise<{ runPath: string; result: GoodhartResult; summary: GoodhartSummary }> {
  const dataset = await loadDataset(cfg.dataset);
  const examples = dataset.ids.map((id, i) => ({ id, expected_answer: dataset.expected[i] }));
  const result = goodhartRun(examples, cfg);
  const summary = goodhartSummary(result);
  const { seed, ...knobs } = result.config;
  const runPath = await writeRun(cfg.outdir, {
    header: {
      kind: "goodhart",
      command: cfg.command ?? "runGoodhart (lib/present/goodhart_story.ts)",
      args: cfg.args,
      seed,
    },
    settings: {
      ...knobs,
      proxy_rubric: cfg.rubric,
      proxy_checks: RUBRIC_NOTES[cfg.rubric].checks,
      true_reward: "the strict scorer",
      ...instrumentFields(),
      dataset_fingerprint: dataset.info.sha256,
      prompts_fingerprint: dataset.promptsFingerprint,
      example_ids_fingerprint: dataset.idsFingerprint,
      n_examples: dataset.size,
      inputs: { dataset: dataset.info },
    },
    files: [
      jsonlFile("curve.jsonl", result.curve),
      jsonFile("summary.json", summary),
      { name: "summary.md", content: goodhartMarkdown(summary) },
    ],
  });
  return { runPath, result, summary };
}

function goodhartMarkdown(s: GoodhartSummary): string {
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
 * Reads a Goodhart run's `curve.jsonl` back (the data the divergence is asserted on).
 *
 * @param runPath the run folder
 */
export async function readGoodhartCurve(runPath: string): Promise<GoodhartPoint[]> {
  const text = await Deno.readTextFile(join(runPath, "curve.jsonl"));
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
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
