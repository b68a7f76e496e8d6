/**
 * Loop A, measurement: score every example's completion and write the run.
 *
 * The policy does not change and neither does the instrument: an eval only reads. The run holds
 * `manifest.json` (fingerprints of everything measured, the SHA-256 of every artifact),
 * `results.jsonl` (one explainable line per example: completions in file order, then the
 * examples without one in dataset order), `summary.json` and `summary.md`. Files are streamed,
 * so memory stays flat as they grow; the run appears under its name only when complete.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runEval } from "./eval.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary } = await runEval({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
 *   outdir: out,
 * });
 * assertEquals(summary.n, 120);
 * ```
 * @module
 */
import type { JsonlWriter } from "../core/jsonl.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import { assertRunSlotFree } from "../core/run_dir.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, writeRun } from "../core/write_run.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { sealedDatasetName } from "../measure/course_data.ts";
import { type Dataset, loadDataset, sliceSummary } from "../measure/dataset.ts";
import { type EvalSummary, EvalTally, MISSING_MESSAGE } from "../measure/eval_result.ts";
import { forEachKeyedRow, type KeyedRows } from "../measure/keyed_rows.ts";
import { logprobPair } from "../measure/kl_estimate.ts";
import { measurementFields } from "../measure/measurement_manifest.ts";
import { resultLine, type ResultRow, resultRow } from "../measure/result_line.ts";
import { fastCompletionRow, MISSING_COMPLETION, requireCompletion } from "../measure/rows.ts";
import { loadSamplingSettings } from "../measure/sampling.ts";
import { evalSummaryMarkdown } from "../present/eval_summary.ts";

export { MISSING_COMPLETION, resultLine, type ResultRow, resultRow };
export {
  type EvalCode,
  type EvalSummary,
  MISSING_MESSAGE,
  sortCounts,
} from "../measure/eval_result.ts";

/** What `runEval` returns. */
export interface EvalOutcome {
  runPath: string;
  summary: EvalSummary;
  manifest: MeasurementManifest;
  /** The sealed course dataset (`datasets/NAME.jsonl`) this dataset is, or null if none. */
  sealedDataset: string | null;
}

/** What an eval needs. */
export interface EvalConfig extends RunOptions {
  dataset: string;
  completions: string;
  /** The instrument that scores (default: the strict scorer); recorded in the manifest. */
  instrument?: Instrument;
  /** Measure only the first `max` examples of the dataset, in file order (default: all). */
  max?: number;
}

/**
 * Runs an eval: validates and streams the inputs, scores with the instrument (the strict scorer
 * by default), writes the run atomically.
 *
 * With `max`, only the first `max` examples are measured; completion rows of later examples are
 * skipped (counted in the summary's `slice`). Rows carrying `logprob` (or `sum_logprob`) and
 * `ref_logprob` add their KL estimate to their result line and to the summary.
 *
 * @returns the final run path, the summary, the manifest and the sealed dataset it is, if any
 * @throws InputError on any bad input or environment (nothing is left on disk): an unknown or
 *   duplicate id, a malformed row, a row with only one log-probability, an empty completions
 *   file, a path outside runs/
 */
export async function runEval(cfg: EvalConfig): Promise<EvalOutcome> {
  const outdir = await runFolder(cfg, "eval");
  const w = runWriting(cfg, "runEval() (library call, e.g. from a notebook)");
  await assertRunSlotFree(outdir, w.force); // where the run goes is checked before any work
  const dataset = await loadDataset(cfg.dataset, { max: cfg.max });
  const sampling = await loadSamplingSettings(cfg.completions);
  const instrument = cfg.instrument ?? strictInstrument();
  const tally = new EvalTally();
  let rows: KeyedRows | null = null, summary: EvalSummary | null = null;
  const scoreAll = async (out: JsonlWriter) => {
    rows = await scoreCompletions(dataset, cfg.completions, instrument.score, tally, out);
    summary = tally.summary(dataset.size, rows.missing, sliceSummary(dataset, rows.pastSlice));
  };
  const written = await writeRun(outdir, {
    header: { kind: "eval", command: w.command, args: w.args, seed: null },
    files: [
      { name: "results.jsonl", stream: scoreAll },
      { name: "summary.json", content: () => jsonFile("", summary).content },
      { name: "summary.md", content: () => evalSummaryMarkdown(summary!, cfg) },
    ],
    settings: () =>
      measurementFields({
        instrument,
        dataset,
        inputs: { dataset: dataset.info, completions: rows!.info },
        sampling,
        selectionN: 1,
        resultsIdsFingerprint: tally.order.digest(),
      }),
  }, { force: w.force });
  return {
    runPath: written.path,
    summary: summary!,
    manifest: written.manifest as unknown as MeasurementManifest,
    sealedDataset: await sealedDatasetName(dataset.info.sha256),
  };
}

/**
 * Scores every completion row of `path` against `dataset` into `out` (one result line each, in
 * file order), then a `missing_completion` line for each example without one, in dataset order;
 * counts everything in `tally`.
 */
async function scoreCompletions(
  dataset: Dataset,
  path: string,
  scoreFn: Instrument["score"],
  tally: EvalTally,
  out: JsonlWriter,
): Promise<KeyedRows> {
  const rows = await forEachKeyedRow(path, dataset, (row, i, line) => {
    const id = row.id as string, completion = requireCompletion(row, path, line);
    const pair = logprobPair(row, path, line);
    const r = scoreFn({ expected_answer: dataset.expectedAt(i) }, completion);
    const result = resultRow(id, completion, r, pair);
    tally.add(id, r.reward, r.details.code, result.kl);
    out.writeLine(resultLine(result));
  }, { afterChunk: () => out.flush(), fast: fastCompletionRow });
  for (let i = rows.firstMissing; rows.missing > 0 && i < dataset.size; i++) {
    if (rows.seenAt[i] !== 0) continue;
    const id = dataset.idAt(i);
    tally.add(id, 0, MISSING_COMPLETION);
    out.write(
      {
        id,
        reward: 0,
        code: MISSING_COMPLETION,
        answer: null,
        expected: String(dataset.expectedAt(i)),
        message: MISSING_MESSAGE,
        completion: null,
      } satisfies ResultRow,
    );
  }
  return rows;
}
