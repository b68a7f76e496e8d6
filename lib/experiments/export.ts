/**
 * A course dataset exported for a real RL trainer (writes a run): the rows in the trainer's own
 * format (lib/trainers/formats.ts; verl's as Parquet, lib/trainers/parquet.ts), one data file
 * named after the dataset (`math_dev.jsonl` or `math_dev.parquet`), `summary.md` with the
 * trainer's command line, and a manifest that fingerprints the data: the dataset's path, SHA-256,
 * row count and prompts' fingerprint, the data file's SHA-256 (under `artifacts`), and the
 * scorer's identity — so a later gate on the trained model's rollouts knows what it was trained
 * on and with which verifier.
 *
 * Every row must have a valid `expected_answer` (the scorer's rule): a dataset with one it cannot
 * score is refused, naming the file and line, before anything is written — a trainer would
 * otherwise train on silent zeros.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runExport } from "./export.ts";
 * const outdir = `${await Deno.makeTempDir()}/ex`;
 * const r = await runExport({ format: "openrlhf", dataset: "data/datasets/small_dev.jsonl", outdir });
 * assertEquals([r.rows, r.dataFile.endsWith("small_dev.jsonl")], [120, true]);
 * ```
 * @module
 */
import { basename, join } from "node:path";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonlFile, writeRun } from "../core/write_run.ts";
import { readExpected } from "../instrument/expected.ts";
import { scorerFingerprint } from "../instrument/fingerprint.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import { loadDataset } from "../measure/dataset.ts";
import { readPromptRows } from "../measure/prompts.ts";
import {
  exportRow,
  FORMAT_EXTENSION,
  type LabeledPrompt,
  type TrainerFormat,
  type VerlRow,
} from "../trainers/formats.ts";
import { verlParquet } from "../trainers/parquet.ts";
import { exportMarkdown, trainerCommand } from "../present/export_story.ts";

/** What to export. */
export interface ExportConfig extends RunOptions {
  format: TrainerFormat;
  /** A course dataset: JSONL of `{id, prompt, expected_answer}`. */
  dataset: string;
}

/** What was written. */
export interface ExportResult {
  runPath: string;
  /** The data file's path inside the run. */
  dataFile: string;
  rows: number;
  /** The trainer's command line that reads the data file. */
  command: string;
}

/** Reads the dataset (labels validated as the scorer reads them) and writes the export run. */
export async function runExport(cfg: ExportConfig): Promise<ExportResult> {
  const ds = await loadDataset(cfg.dataset); // InputError path:line on an unscorable label
  const { rows, info, promptsFingerprint } = await readPromptRows(cfg.dataset);
  const labeled: LabeledPrompt[] = rows.map((r, i) => ({
    id: r.id,
    prompt: r.prompt,
    label: readExpected({ expected_answer: ds.at(i).expected_answer }) as string,
  }));
  const name = basename(cfg.dataset).replace(/\.jsonl$/, "");
  const out = exportRow.bind(null, cfg.format);
  const file = `${name}.${FORMAT_EXTENSION[cfg.format]}`;
  const data = cfg.format === "verl"
    ? { name: file, content: verlParquet(labeled.map((r, i) => out(r, i, name) as VerlRow)) }
    : jsonlFile(file, labeled.map((r, i) => out(r, i, name)));
  const outdir = await runFolder(cfg, `export_${cfg.format}`);
  const command = trainerCommand(cfg.format, join(outdir, file));
  const w = runWriting(cfg, "runExport()");
  const dataset = {
    path: cfg.dataset,
    sha256: info.sha256,
    rows: labeled.length,
    prompts_sha256: promptsFingerprint,
  };
  const scorer = { name: SCORER_NAME, version: SCORER_VERSION, fingerprint: scorerFingerprint() };
  const { path } = await writeRun(outdir, {
    header: { kind: "export", command: w.command, args: w.args, seed: null },
    settings: { format: cfg.format, data_file: file, dataset, scorer, trainer_command: command },
    files: [
      data,
      { name: "summary.md", content: exportMarkdown({ ...cfg, file, dataset, command }) },
    ],
  }, { force: w.force });
  return { runPath: path, dataFile: join(path, file), rows: labeled.length, command };
}
