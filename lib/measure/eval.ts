/**
 * Loop A, measurement: score every example's completion and write the run.
 *
 * The policy does not change and neither does the instrument: an eval only reads. The run holds
 * `manifest.json` (fingerprints of everything measured), `results.jsonl` (one explainable line
 * per example), `summary.json` and `summary.md`. Files are streamed, so memory stays flat as
 * they grow; the run appears under its name only when complete.
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
import { openRun } from "../core/run_dir.ts";
import { completionRow, loadDataset, loadSamplingSettings } from "./dataset.ts";
import { InputError } from "../core/errors.ts";
import { forEachJsonl, type JsonlWriter } from "../core/jsonl.ts";
import { type MeasurementManifest, measurementManifest } from "../core/manifest.ts";
import type { ScoreCode } from "../instrument/scorer.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { wilson } from "../core/stats.ts";
import { pct } from "../present/format.ts";

/** The code of an example that has no completion (an eval code, not a scorer code). */
export const MISSING_COMPLETION = "missing_completion";

/** Every code an eval can record. */
export type EvalCode = ScoreCode | typeof MISSING_COMPLETION;

/** One line of `results.jsonl`. `position` and `char` appear only for format failures. */
export interface ResultRow {
  id: string;
  reward: 0 | 1;
  /** The scorer's code (a variant instrument may have codes of its own). */
  code: EvalCode | string;
  answer: string | null;
  expected: string | null;
  message: string;
  completion: string | null;
  position?: number;
  char?: string;
}

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
}

/** Sorts a code → count table, largest first, ties by code name. */
export function sortCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** The pass-rate sentence every report uses: `39/120 = 32.5% (95% CI 24.8%–41.3%)`. */
export function passRateLine(passes: number, n: number): string {
  const [lo, hi] = wilson(passes, n);
  return `${passes}/${n} = ${pct(n === 0 ? 0 : passes / n)} (95% CI ${pct(lo)}–${pct(hi)})`;
}

/**
 * Runs an eval: validates and streams the inputs, scores, writes the run atomically.
 *
 * @returns the final run path and the summary
 * @throws InputError on any bad input (nothing is left on disk)
 */
export async function runEval(
  cfg: EvalConfig,
): Promise<{ runPath: string; summary: EvalSummary; manifest: MeasurementManifest }> {
  const dataset = await loadDataset(cfg.dataset);
  const sampling = await loadSamplingSettings(cfg.completions);
  const instrument = cfg.instrument ?? strictInstrument();
  const scoreFn = instrument.score;
  const run = await openRun(cfg.outdir, { force: cfg.force });
  let out: JsonlWriter | null = null;
  try {
    out = await run.jsonl("results.jsonl");
    const seenAt = new Int32Array(dataset.size); // example index → line of its completion (0: none)
    const counts = new Map<string, number>();
    let passes = 0;
    const completionsInfo = await forEachJsonl(cfg.completions, (value, line) => {
      const { id, completion } = completionRow(value, cfg.completions, line);
      const i = dataset.indexOf(id);
      if (i < 0) {
        throw new InputError(
          cfg.completions,
          line,
          `id ${JSON.stringify(id)} is not in the dataset ${cfg.dataset}`,
        );
      }
      if (seenAt[i] !== 0) {
        throw new InputError(
          cfg.completions,
          line,
          `duplicate id ${JSON.stringify(id)} (first at line ${seenAt[i]})`,
        );
      }
      seenAt[i] = line;
      const { reward, details } = scoreFn({ expected_answer: dataset.expected[i] }, completion);
      passes += reward;
      counts.set(details.code, (counts.get(details.code) ?? 0) + 1);
      const row: ResultRow = {
        id,
        reward,
        code: details.code,
        answer: details.answer,
        expected: details.expected,
        message: details.message,
        completion,
      };
      if (typeof details.position === "number" && typeof details.char === "string") {
        row.position = details.position;
        row.char = details.char;
      }
      out!.write(row);
    }, { allowEmpty: true, afterChunk: () => out!.flush() });
    let missing = 0;
    for (let i = 0; i < dataset.size; i++) {
      if (seenAt[i] !== 0) continue;
      missing++;
      counts.set(MISSING_COMPLETION, (counts.get(MISSING_COMPLETION) ?? 0) + 1);
      out.write(
        {
          id: dataset.ids[i],
          reward: 0,
          code: MISSING_COMPLETION,
          answer: null,
          expected: String(dataset.expected[i]),
          message: "No completion was given for this example; it counts as a failure.",
          completion: null,
        } satisfies ResultRow,
      );
    }
    await out.close();
    out = null;

    const n = dataset.size;
    const summary: EvalSummary = {
      kind: "eval",
      n,
      passes,
      pass_rate: n === 0 ? 0 : passes / n,
      ci95: wilson(passes, n),
      codes: sortCounts(counts),
      missing_completions: missing,
    };
    const manifest = await measurementManifest({
      kind: "eval",
      instrument,
      dataset,
      inputs: { dataset: dataset.info, completions: completionsInfo },
      sampling,
      selectionN: 1,
      command: cfg.command ?? "runEval() (library call, e.g. from a notebook)",
      args: cfg.args,
    });
    await run.writeJson("manifest.json", manifest);
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", evalSummaryMarkdown(summary, cfg));
    return { runPath: await run.commit(), summary, manifest };
  } catch (e) {
    await out?.close().catch(() => {});
    await run.abort();
    throw e;
  }
}

/** `summary.md`: the pass rate and the failure table, for people. */
export function evalSummaryMarkdown(
  s: EvalSummary,
  cfg: Pick<EvalConfig, "dataset" | "completions">,
): string {
  const lines = [
    "# Eval (Loop A: measurement)",
    "",
    `- dataset: \`${cfg.dataset}\``,
    `- completions: \`${cfg.completions}\``,
    "",
    `**Pass rate: ${passRateLine(s.passes, s.n)}**`,
    "",
    "| code | count | share |",
    "| --- | ---: | ---: |",
    ...Object.entries(s.codes).map(([code, k]) => `| ${code} | ${k} | ${pct(k / s.n)} |`),
    "",
  ];
  if (s.missing_completions > 0) {
    lines.push(`${s.missing_completions} example(s) had no completion.`, "");
  }
  return lines.join("\n");
}
