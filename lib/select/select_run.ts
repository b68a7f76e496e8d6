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
 * import { runSelect } from "./select_run.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary } = await runSelect({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   samples: dataPath("rollouts/selection_pack_dev.jsonl"),
 *   n: 4, outdir: out, force: false, plot: false, args: [],
 * });
 * assert(summary.pass_at_n > summary.pass_at_1);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import type { JsonlWriter } from "../core/jsonl.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import { assertRunSlotFree, openRun } from "../core/run_dir.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { sealedDatasetName } from "../measure/course_data.ts";
import { loadDataset, sliceSummary } from "../measure/dataset.ts";
import { KlTally } from "../measure/kl_estimate.ts";
import { measurementManifest, OrderedIdsHash } from "../measure/measurement_manifest.ts";
import { forEachKeyedRow } from "../measure/rows.ts";
import { loadSamplingSettings } from "../measure/sampling.ts";
import { passAtKChart } from "../present/course_charts.ts";
import { renderSvg } from "../present/charts.ts";
import { selectSummaryMarkdown } from "../present/select_summary.ts";
import type { PassAtKPoint } from "./passk.ts";
import { packSamples, selectPrompt, TIE_BREAK } from "./selection.ts";
import {
  type SelectionTally,
  type SelectRow,
  type SelectSummary,
  summarizeSelection,
} from "./tally.ts";

/** What a selection run needs. */
export interface SelectConfig {
  dataset: string;
  samples: string;
  /** Best-of-N (N ≥ 1); every prompt needs at least N samples. */
  n: number;
  outdir: string;
  force: boolean;
  /** Also write `pass_at_k.svg`. */
  plot: boolean;
  /** The command-line arguments, recorded in the manifest. */
  args: string[];
  /** How the run was invoked, for the manifest (default: a library call from code). */
  command?: string;
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
  await assertRunSlotFree(cfg.outdir, cfg.force); // where the run goes is checked before any work
  const dataset = await loadDataset(cfg.dataset, { max: cfg.max });
  const sampling = await loadSamplingSettings(cfg.samples);
  const instrument = cfg.instrument ?? strictInstrument();
  const run = await openRun(cfg.outdir, { force: cfg.force });
  let out: JsonlWriter | null = null;
  try {
    const writer = out = await run.jsonl("results.jsonl");
    const order = new OrderedIdsHash();
    const m = dataset.size, path = cfg.samples;
    const t: SelectionTally = {
      nOf: new Int32Array(m),
      cOf: new Int32Array(m),
      passes1: 0,
      passesN: 0,
      rescued: 0,
      lost: 0,
      chosenCounts: new Array<number>(cfg.n).fill(0),
    };
    const kl = new KlTally();
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
      const chosen = s.results[s.chosen], first = s.rewards[0];
      t.nOf[i] = samples.length;
      t.cOf[i] = s.rewards.reduce((a: number, r) => a + r, 0);
      t.passes1 += first;
      t.passesN += chosen.reward;
      if (first === 0 && chosen.reward === 1) t.rescued++;
      if (first === 1 && chosen.reward === 0) t.lost++;
      t.chosenCounts[s.chosen]++;
      const out: SelectRow = {
        id,
        reward: chosen.reward,
        chosen: s.chosen,
        reward_first: first,
        rescued: first === 0 && chosen.reward === 1,
        rewards: s.rewards,
        code: chosen.details.code,
        answer: chosen.details.answer,
        expected: chosen.details.expected,
        message: chosen.details.message,
        completion: samples[s.chosen].completion,
      };
      if (s.chosen !== 0) {
        out.first_completion = samples[0].completion;
        out.first_code = s.results[0].details.code;
      }
      const ks: number[] = []; // the prompt's KL estimates, one per sample carrying both
      for (const x of samples) if (x.logprob !== undefined) ks.push(x.logprob - x.ref_logprob!);
      const k = kl.addPrompt(ks);
      if (k !== null) [out.kl, out.kl_samples] = [k, ks.length];
      writer.write(out);
      order.add(id);
    }, { afterChunk: () => writer.flush() });
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
    await writer.close();
    out = null;

    const { summary, curve } = summarizeSelection(cfg.n, t, TIE_BREAK);
    const slice = sliceSummary(dataset, rows.pastSlice), klEstimate = kl.summary();
    if (slice !== null) summary.slice = slice;
    if (klEstimate !== null) summary.kl = klEstimate;
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", selectSummaryMarkdown(summary, cfg));
    if (cfg.plot) {
      const spec = passAtKChart({
        rows: curve,
        subtitle: `${m} prompts × ${summary.samples_per_prompt} samples, ${cfg.samples}`,
      });
      await run.writeText("pass_at_k.svg", await renderSvg(spec));
    }
    const manifest = await measurementManifest({
      kind: "select",
      instrument,
      dataset,
      inputs: { dataset: dataset.info, samples: rows.info },
      sampling,
      selectionN: cfg.n,
      resultsIdsFingerprint: order.digest(),
      artifacts: run.artifacts(),
      command: cfg.command ?? "runSelect() (library call, e.g. from a notebook)",
      args: cfg.args,
      extra: { selection_rule: `pickBest: highest reward; ties: ${TIE_BREAK}` },
    });
    await run.writeJson("manifest.json", manifest);
    const sealedDataset = await sealedDatasetName(dataset.info.sha256);
    return { runPath: await run.commit(), summary, curve, manifest, sealedDataset };
  } catch (e) {
    await out?.close().catch(() => {});
    await run.abort();
    throw e;
  }
}
