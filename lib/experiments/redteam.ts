/**
 * The differential red team as an experiment (reads a dataset, writes a run): mutates seeds of
 * known exploit classes against the dataset's examples (lib/redteam/redteam.ts) and writes, through
 * the one run writer, `candidates.jsonl`, `disagreements.jsonl`, `summary.json` and `summary.md`.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { dataPath } from "../core/paths.ts";
 * import { runRedTeam } from "./redteam.ts";
 * const outdir = `${await Deno.makeTempDir()}/redteam`;
 * const { result } = await runRedTeam({
 *   dataset: dataPath("datasets/math_dev.jsonl"), rubric: "substring", seed: 0, perClass: 2, outdir,
 * });
 * assert(result.disagreements.length > 0);
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, writeRun } from "../core/write_run.ts";
import { asciiJson, toJsonl } from "../datagen/datagen.ts";
import { goldenGate, goldenGateField } from "../instrument/golden.ts";
import { instrumentFields } from "../instrument/instrument.ts";
import { RUBRIC_NOTES, RUBRICS } from "../instrument/rubrics.ts";
import { type Dataset, loadDataset } from "../measure/dataset.ts";
import { SEED_NAMES } from "../redteam/mutations.ts";
import { redTeam, type RedTeamConfig, type RedTeamResult } from "../redteam/redteam.ts";
import { redTeamMarkdown, redTeamSummary } from "../present/redteam_story.ts";

/** The red team's defaults, as `deno task redteam` takes them. */
export const REDTEAM_DEFAULTS = { seed: 0, perClass: 20 };

/** What {@link writeRedTeamRun} records besides the result. */
export interface RedTeamRunOptions extends RunOptions {
  /** The dataset whose examples were attacked. */
  dataset: Dataset;
}

/**
 * Writes a red-team run (writes files) through the one run writer: `manifest.json` (seed,
 * rubric with its fingerprint and golden gate, the strict scorer's fields, dataset fingerprints,
 * provenance), `candidates.jsonl`, `disagreements.jsonl` (ASCII JSONL: hidden characters
 * escaped), `summary.json` and `summary.md`.
 *
 * @param result what {@link redTeam} found
 * @param outdir the run folder
 * @param opts the dataset, the command and arguments to record, force
 * @returns the run's path
 */
export async function writeRedTeamRun(
  result: RedTeamResult,
  outdir: string,
  opts: RedTeamRunOptions,
): Promise<string> {
  const { rubric, seed, perClass } = result.config;
  const dataset = opts.dataset;
  const w = runWriting(opts, "runRedTeam()");
  let rubricSource = "unreadable";
  try {
    rubricSource = await Deno.readTextFile(new URL("../instrument/rubrics.ts", import.meta.url));
  } catch { /* recorded as unreadable */ }
  return (await writeRun(outdir, {
    header: { kind: "redteam", command: w.command, args: w.args, seed },
    settings: {
      per_class: perClass,
      rubric,
      rubric_checks: RUBRIC_NOTES[rubric].checks,
      rubric_fingerprint: sha256Text(rubricSource),
      rubric_golden_gate: goldenGateField(goldenGate(RUBRICS[rubric], rubric)),
      reference: "strict",
      ...instrumentFields(),
      dataset_fingerprint: dataset.info.sha256,
      prompts_fingerprint: dataset.promptsFingerprint,
      n_examples: dataset.size,
      inputs: { dataset: dataset.info },
      classes: SEED_NAMES,
    },
    files: [
      { name: "candidates.jsonl", content: toJsonl(result.candidates) },
      {
        name: "disagreements.jsonl",
        content: result.disagreements.map((d) => asciiJson(d) + "\n").join(""),
      },
      jsonFile("summary.json", redTeamSummary(result)),
      { name: "summary.md", content: redTeamMarkdown(result) },
    ],
  }, { force: w.force })).path;
}

/** What {@link runRedTeam} needs: the red-team knobs, the dataset to attack and the run folder. */
export interface RedTeamRunConfig extends RedTeamConfig, RunOptions {
  /** The dataset whose examples are attacked. */
  dataset: string;
}

/**
 * Reads the dataset, runs the red team on its examples and writes the run (reads and writes
 * files): what `deno task redteam` and notebook M5 do.
 *
 * @returns the run's path and what the red team found
 */
export async function runRedTeam(
  cfg: RedTeamRunConfig,
): Promise<{ runPath: string; result: RedTeamResult }> {
  const dataset = await loadDataset(cfg.dataset);
  const examples = dataset.ids.map((id, i) => ({ id, expected_answer: dataset.expected[i] }));
  const result = redTeam(examples, { rubric: cfg.rubric, seed: cfg.seed, perClass: cfg.perClass });
  const runPath = await writeRedTeamRun(result, await runFolder(cfg, "redteam"), {
    ...cfg,
    dataset,
  });
  return { runPath, result };
}
