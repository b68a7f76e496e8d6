/**
 * The selection run: reads a dataset and a pack of samples, runs best-of-N on every prompt with
 * the run's instrument (the strict scorer by default) and writes the run atomically, streamed,
 * like an eval's: `manifest.json` (kind `"select"`, `selection_n` = N, the pack's sampling
 * settings, the instrument, the SHA-256 of every artifact), `results.jsonl` (one line per
 * prompt, in pack order, byte-identical for the same inputs and N), `summary.json`, `summary.md`
 * and, on request, `pass_at_k.svg`.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { runSelect } from "./select.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary } = await runSelect({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   samples: dataPath("rollouts/selection_pack_dev.jsonl"),
 *   n: 4, outdir: out,
 * });
 * assert(summary.pass_at_n > summary.pass_at_1);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { OrderedIdsHash } from "../core/hash.ts";
import type { JsonlWriter } from "../core/jsonl.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import { assertRunSlotFree } from "../core/run_dir.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, type RunFile, writeRun } from "../core/write_run.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { sealedDatasetName } from "../measure/course_data.ts";
import { type Dataset, loadDataset, sliceSummary } from "../measure/dataset.ts";
import { forEachKeyedRow, type KeyedRows } from "../measure/keyed_rows.ts";
import { KlTally } from "../measure/kl_estimate.ts";
import { measurementFields } from "../measure/measurement_manifest.ts";
import { loadSamplingSettings } from "../measure/sampling.ts";
import { renderSvg } from "../present/charts.ts";
import { passAtKChart } from "../present/course_charts.ts";
import { selectSummaryMarkdown } from "../present/select_summary.ts";
import type { PassAtKPoint } from "../select/passk.ts";
import { packSamples, selectPrompt, TIE_BREAK } from "../select/selection.ts";
import {
  newSelectionTally,
  type SelectionTally,
  type SelectSummary,
  summarizeSelection,
  tallyPrompt,
} from "../select/tally.ts";

/** Selection's default: best-of-4. */
export const SELECT_DEFAULTS = { n: 4 };

/** What a selection run needs. */
export interface SelectConfig extends RunOptions {
  dataset: string;
  samples: string;
  /** Best-of-N (N ≥ 1); every prompt needs at least N samples. */
  n: number;
  /** The instrument that scores (default: the strict scorer); recorded in the manifest. */
  instrument?: Instrument;
  /** Measure only the first `max` prompts of the dataset, in file order (default: all). */
  max?: number;
}

/**
 * Runs best-of-N selection: validates and streams the pack, scores every sample once with the
 * instrument, picks with `pickBest`, and writes the run atomically.
 *
 * With `max`, only the first `max` prompts of the dataset are measured (rows of later prompts
 * are skipped). Samples carrying both log-probabilities give each prompt its KL estimate and the
 * run its mean over prompts.
 *
 * @returns the final run path, the summary, the pass@k curve, the manifest and the sealed
 *   dataset it is (or null)
 * @throws RangeError when `n` is not an integer >= 1 (a caller's mistake)
 * @throws InputError on any bad input — a malformed record, an unknown or duplicate id, a sample
 *   list shorter than N (never padded), a dataset example without samples — naming `path:line`;
 *   nothing is left on disk
 */
export async function runSelect(cfg: SelectConfig): Promise<{
  runPath: string;
  summary: SelectSummary;
  curve: PassAtKPoint[];
  manifest: MeasurementManifest;
  sealedDataset: string | null;
}> {
  if (!Number.isInteger(cfg.n) || cfg.n < 1) {
    throw new RangeError(`best-of-N needs an integer N >= 1, got ${cfg.n}`);
  }
  const outdir = await runFolder(cfg, "select");
  const w = runWriting(cfg, "runSelect() (library call, e.g. from a notebook)");
  await assertRunSlotFree(outdir, w.force); // where the run goes is checked before any work
  const dataset = await loadDataset(cfg.dataset, { max: cfg.max });
  const sampling = await loadSamplingSettings(cfg.samples);
  const instrument = cfg.instrument ?? strictInstrument();
  const t = newSelectionTally(dataset.size, cfg.n);
  const kl = new KlTally(), order = new OrderedIdsHash();
  let rows: KeyedRows | null = null;
  let result: { summary: SelectSummary; curve: PassAtKPoint[] } | null = null;
  const selectAll = async (out: JsonlWriter) => {
    rows = await selectEvery(cfg, dataset, instrument, { t, kl, order }, out);
    result = summarizeSelection(cfg.n, t, TIE_BREAK);
    const slice = sliceSummary(dataset, rows.pastSlice), klEstimate = kl.summary();
    if (slice !== null) result.summary.slice = slice;
    if (klEstimate !== null) result.summary.kl = klEstimate;
  };
  const files: RunFile[] = [
    { name: "results.jsonl", stream: selectAll },
    { name: "summary.json", content: () => jsonFile("", result!.summary).content },
    { name: "summary.md", content: () => selectSummaryMarkdown(result!.summary, cfg) },
  ];
  if (w.plot) {
    files.push({
      name: "pass_at_k.svg",
      content: () =>
        renderSvg(passAtKChart({
          rows: result!.curve,
          subtitle: `${dataset.size} prompts × ${
            result!.summary.samples_per_prompt
          } samples, ${cfg.samples}`,
        })),
    });
  }
  const written = await writeRun(outdir, {
    header: { kind: "select", command: w.command, args: w.args, seed: null },
    files,
    settings: () =>
      measurementFields({
        instrument,
        dataset,
        inputs: { dataset: dataset.info, samples: rows!.info },
        sampling,
        selectionN: cfg.n,
        resultsIdsFingerprint: order.digest(),
        extra: { selection_rule: `pickBest: highest reward; ties: ${TIE_BREAK}` },
      }),
  }, { force: w.force });
  const { summary, curve } = result!;
  return {
    runPath: written.path,
    summary,
    curve,
    manifest: written.manifest as unknown as MeasurementManifest,
    sealedDataset: await sealedDatasetName(dataset.info.sha256),
  };
}

/**
 * Best-of-N on every row of the pack, in file order: each prompt's line into `out`, its counts
 * into `t` and its KL estimate into `kl`.
 *
 * @throws InputError naming `path:line`: a list shorter than N; a dataset example without samples
 */
async function selectEvery(
  cfg: SelectConfig,
  dataset: Dataset,
  instrument: Instrument,
  tally: { t: SelectionTally; kl: KlTally; order: OrderedIdsHash },
  out: JsonlWriter,
): Promise<KeyedRows> {
  const path = cfg.samples;
  const rows = await forEachKeyedRow(path, dataset, (row, i, line) => {
    const id = row.id as string;
    const samples = packSamples(row, path, line);
    if (samples.length < cfg.n) {
      throw new InputError(
        path,
        line,
        `id ${JSON.stringify(id)} has ${samples.length} sample(s), fewer than N = ${cfg.n} ` +
          "(a short list is not padded; lower N or complete the pack)",
      );
    }
    const s = selectPrompt(
      { expected_answer: dataset.expectedAt(i) },
      samples,
      cfg.n,
      instrument.score,
    );
    const result = tallyPrompt(tally.t, i, id, samples, s);
    const ks: number[] = []; // the prompt's KL estimates, one per sample carrying both
    for (const x of samples) if (x.logprob !== undefined) ks.push(x.logprob - x.ref_logprob!);
    const k = tally.kl.addPrompt(ks);
    if (k !== null) {
      result.kl = k;
      result.kl_samples = ks.length;
    }
    out.write(result);
    tally.order.add(id);
  }, { afterChunk: () => out.flush() });
  if (rows.missing > 0) {
    const first = rows.firstMissing;
    throw new InputError(
      path,
      null,
      `${rows.missing} dataset example(s) have no sample list, the first ${
        JSON.stringify(dataset.idAt(first))
      } (${cfg.dataset}:${dataset.lineOf(first)}); every example needs at least ${cfg.n}`,
    );
  }
  return rows;
}
