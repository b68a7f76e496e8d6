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
 *   outdir: out, force: false, args: [],
 * });
 * assertEquals(summary.n, 120);
 * ```
 * @module
 */
import { assertRunSlotFree, openRun } from "../core/run_dir.ts";
import type { JsonlWriter } from "../core/jsonl.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import { wilson } from "../core/stats.ts";
import type { ScoreCode } from "../instrument/spec.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { evalSummaryMarkdown } from "../present/eval_summary.ts";
import { sealedDatasetName } from "./course_data.ts";
import { loadDataset, type SliceSummary, sliceSummary } from "./dataset.ts";
import { type KlEstimate, KlTally, logprobPair } from "./kl_estimate.ts";
import { resultLine, type ResultRow, resultRow } from "./result_line.ts";
import {
  fastCompletionRow,
  forEachKeyedRow,
  MISSING_COMPLETION,
  requireCompletion,
} from "./rows.ts";
import { loadSamplingSettings } from "./sampling.ts";
import { measurementManifest, OrderedIdsHash } from "./measurement_manifest.ts";

export { MISSING_COMPLETION, resultLine, type ResultRow, resultRow };

/** The message of an example that has no completion. */
export const MISSING_MESSAGE = "No completion was given for this example; it counts as a failure.";

/** Every code an eval can record. */
export type EvalCode = ScoreCode | typeof MISSING_COMPLETION;

/** `summary.json` of an eval. */
export interface EvalSummary {
  kind: "eval";
  n: number;
  passes: number;
  pass_rate: number;
  /** 95% Wilson interval of the pass rate. */
  ci95: [number, number];
  /** Examples per code, largest first. */
  codes: Record<string, number>;
  missing_completions: number;
  /** The slice measured, when `--max` kept only the first examples of the dataset. */
  slice?: SliceSummary;
  /** The KL estimate, when completion rows carried `logprob` and `ref_logprob`. */
  kl?: KlEstimate;
}

/** What `runEval` returns. */
export interface EvalOutcome {
  runPath: string;
  summary: EvalSummary;
  manifest: MeasurementManifest;
  /** The sealed course dataset (`datasets/NAME.jsonl`) this dataset is, or null if none. */
  sealedDataset: string | null;
}

/** What an eval needs. */
export interface EvalConfig {
  dataset: string;
  completions: string;
  outdir: string;
  force: boolean;
  /** The command-line arguments, recorded in the manifest. */
  args: string[];
  /** How the eval was invoked, for the manifest (default: a library call from code). */
  command?: string;
  /** The instrument that scores (default: the strict scorer); recorded in the manifest. */
  instrument?: Instrument;
  /** Measure only the first `max` examples of the dataset, in file order (default: all). */
  max?: number;
}

/** Sorts a code → count table, largest first, ties by code name. */
export function sortCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
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
  await assertRunSlotFree(cfg.outdir, cfg.force); // where the run goes is checked before any work
  const dataset = await loadDataset(cfg.dataset, { max: cfg.max });
  const sampling = await loadSamplingSettings(cfg.completions);
  const instrument = cfg.instrument ?? strictInstrument();
  const scoreFn = instrument.score;
  const run = await openRun(cfg.outdir, { force: cfg.force });
  let out: JsonlWriter | null = null;
  try {
    const writer = out = await run.jsonl("results.jsonl");
    const order = new OrderedIdsHash();
    const counts = new Map<string, number>();
    const kl = new KlTally();
    let passes = 0;
    const path = cfg.completions;
    const rows = await forEachKeyedRow(path, dataset, (row, i, line) => {
      const id = row.id as string, completion = requireCompletion(row, path, line);
      const pair = logprobPair(row, path, line);
      const r = scoreFn({ expected_answer: dataset.expectedAt(i) }, completion);
      passes += r.reward;
      counts.set(r.details.code, (counts.get(r.details.code) ?? 0) + 1);
      const result = resultRow(id, completion, r, pair);
      if (result.kl !== undefined) kl.addPrompt([result.kl]);
      writer.writeLine(resultLine(result));
      order.add(id);
    }, { afterChunk: () => writer.flush(), fast: fastCompletionRow });
    for (let i = rows.firstMissing; rows.missing > 0 && i < dataset.size; i++) {
      if (rows.seenAt[i] !== 0) continue;
      counts.set(MISSING_COMPLETION, (counts.get(MISSING_COMPLETION) ?? 0) + 1);
      writer.write(
        {
          id: dataset.idAt(i),
          reward: 0,
          code: MISSING_COMPLETION,
          answer: null,
          expected: String(dataset.expectedAt(i)),
          message: MISSING_MESSAGE,
          completion: null,
        } satisfies ResultRow,
      );
      order.add(dataset.idAt(i));
    }
    await writer.close();
    out = null;

    const n = dataset.size;
    const summary: EvalSummary = {
      kind: "eval",
      n,
      passes,
      pass_rate: n === 0 ? 0 : passes / n,
      ci95: wilson(passes, n),
      codes: sortCounts(counts),
      missing_completions: rows.missing,
    };
    const slice = sliceSummary(dataset, rows.pastSlice), klSummary = kl.summary();
    if (slice !== null) summary.slice = slice;
    if (klSummary !== null) summary.kl = klSummary;
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", evalSummaryMarkdown(summary, cfg));
    const manifest = await measurementManifest({
      kind: "eval",
      instrument,
      dataset,
      inputs: { dataset: dataset.info, completions: rows.info },
      sampling,
      selectionN: 1,
      resultsIdsFingerprint: order.digest(),
      artifacts: run.artifacts(),
      command: cfg.command ?? "runEval() (library call, e.g. from a notebook)",
      args: cfg.args,
    });
    await run.writeJson("manifest.json", manifest);
    const sealedDataset = await sealedDatasetName(dataset.info.sha256);
    return { runPath: await run.commit(), summary, manifest, sealedDataset };
  } catch (e) {
    await out?.close().catch(() => {});
    await run.abort();
    throw e;
  }
}
