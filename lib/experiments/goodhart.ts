/**
 * Goodhart's law as an experiment (reads a dataset, writes a run): a softmax policy over
 * completion templates optimised against a proxy rubric (lib/learn/goodhart.ts), written through
 * the one run writer: `curve.jsonl`, `summary.json`, `summary.md`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { dataPath } from "../core/paths.ts";
 * import { readGoodhartCurve, runGoodhart } from "./goodhart.ts";
 * const outdir = `${await Deno.makeTempDir()}/goodhart`;
 * const { runPath } = await runGoodhart({
 *   dataset: dataPath("datasets/math_dev.jsonl"), rubric: "substring", seed: 0, steps: 5, outdir,
 * });
 * assertEquals((await readGoodhartCurve(runPath)).length, 6);
 * ```
 * @module
 */
import { join } from "node:path";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, jsonlFile, writeRun } from "../core/write_run.ts";
import { instrumentFields } from "../instrument/instrument.ts";
import { RUBRIC_NOTES } from "../instrument/rubrics.ts";
import {
  type GoodhartConfig,
  type GoodhartPoint,
  type GoodhartResult,
  goodhartRun,
} from "../learn/goodhart.ts";
import { loadDataset } from "../measure/dataset.ts";
import {
  goodhartMarkdown,
  type GoodhartSummary,
  goodhartSummary,
} from "../present/goodhart_story.ts";

/** What {@link runGoodhart} needs: the Goodhart knobs, the dataset and the run folder. */
export interface GoodhartRunConfig extends GoodhartConfig, RunOptions {
  dataset: string;
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
  const w = runWriting(cfg, "runGoodhart()");
  const { path: runPath } = await writeRun(await runFolder(cfg, "goodhart"), {
    header: { kind: "goodhart", command: w.command, args: w.args, seed },
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
  }, { force: w.force });
  return { runPath, result, summary };
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
