/**
 * The Goodhart run as a run folder (reads the dataset, writes a run): lib/learn/goodhart.ts's
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
 * import { readGoodhartCurve, runGoodhart } from "./goodhart_run.ts";
 * import { divergenceStep } from "./goodhart.ts";
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
import { openRun, provenance } from "../core/run_dir.ts";
import { loadDataset } from "../measure/dataset.ts";
import {
  divergenceStep,
  goodhartChart,
  type GoodhartConfig,
  type GoodhartPoint,
  type GoodhartResult,
  goodhartRun,
} from "./goodhart.ts";
import { instrumentFields } from "../instrument/instrument.ts";
import { RUBRIC_NOTES } from "../instrument/rubrics.ts";
import type { VegaLiteSpec } from "../present/charts.ts";

/** What {@link runGoodhart} needs: the Goodhart knobs, the dataset and the run folder. */
export interface GoodhartRunConfig extends GoodhartConfig {
  dataset: string;
  outdir: string;
  /** The arguments recorded in the manifest. */
  args: string[];
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
  const run = await openRun(cfg.outdir, { force: false });
  try {
    await run.writeJson("manifest.json", {
      kind: "goodhart",
      command: "runGoodhart (lib/learn/goodhart_run.ts)",
      args: cfg.args,
      ...result.config,
      proxy_rubric: cfg.rubric,
      proxy_checks: RUBRIC_NOTES[cfg.rubric].checks,
      true_reward: "the strict scorer",
      ...instrumentFields(),
      dataset_fingerprint: dataset.info.sha256,
      prompts_fingerprint: dataset.promptsFingerprint,
      example_ids_fingerprint: dataset.idsFingerprint,
      n_examples: dataset.size,
      inputs: { dataset: dataset.info },
      ...(await provenance()),
    });
    await run.writeText("curve.jsonl", result.curve.map((p) => JSON.stringify(p) + "\n").join(""));
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", goodhartMarkdown(summary));
    return { runPath: await run.commit(), result, summary };
  } catch (e) {
    await run.abort();
    throw e;
  }
}

function goodhartMarkdown(s: GoodhartSummary): string {
  const f = (x: number) => x.toFixed(3);
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
 * import { markedGoodhartChart } from "./goodhart_run.ts";
 * import { goodhartRun } from "./goodhart.ts";
 * const examples = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, expected_answer: 10 + i }));
 * const spec = markedGoodhartChart(goodhartRun(examples, { rubric: "substring", seed: 0 }));
 * assertEquals((spec.layer as unknown[]).length, 3);
 * ```
 */
export function markedGoodhartChart(r: GoodhartResult): VegaLiteSpec {
  const base = goodhartChart(r);
  const turn = divergenceStep(r.curve);
  if (turn === null) return base;
  const { mark, encoding, ...frame } = base;
  const at = { values: [{ x: turn, label: `divergence: step ${turn}` }] };
  return {
    ...frame,
    encoding: {},
    layer: [
      { mark, encoding },
      {
        data: at,
        mark: { type: "rule", strokeDash: [6, 4], color: "black" },
        encoding: { x: { field: "x", type: "quantitative" } },
      },
      {
        data: at,
        mark: { type: "text", align: "left", dx: 4, dy: -6, baseline: "bottom" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { datum: 1 },
          text: { field: "label" },
        },
      },
    ],
  };
}
