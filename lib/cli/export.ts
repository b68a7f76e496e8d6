/**
 * `deno task export`: a course dataset in a real RL trainer's format (OpenRLHF JSONL, verl
 * Parquet, TRL JSONL), with the command line that trains on it against the course's verifier
 * (lib/experiments/export.ts). Thin: parse, export, print.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { runExport } from "../experiments/export.ts";
import { exportLines } from "../present/export_story.ts";
import { TRAINER_FORMATS, type TrainerFormat } from "../trainers/formats.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, shownPath } from "./_framework/run_target.ts";

export const EXPORT = {
  name: "deno task export",
  summary: "Writes a course dataset in a real RL trainer's format (openrlhf: JSONL for " +
    "--input_key prompt --label_key expected_answer; verl: Parquet rows with reward_model." +
    "ground_truth; trl: conversational JSONL), with the trainer's command line.",
  flags: {
    format: flag.str("FORMAT", "the trainer", { required: true, choices: TRAINER_FORMATS }),
    dataset: flag.str("FILE", "JSONL of {id, prompt, expected_answer}", { required: true }),
    out: flag.str("runs/NAME", "the run folder (the same as --outdir)"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(EXPORT, async (f) => {
    if (f.out !== undefined && f.outdir !== undefined && f.out !== f.outdir) {
      throw new UsageError("--out and --outdir name two folders; give one");
    }
    const flags = { ...f, outdir: f.out ?? f.outdir };
    const run = await prepareCommandRun(EXPORT, flags, `export_${f.format}`);
    const format = f.format as TrainerFormat;
    const r = await runExport({ format, dataset: f.dataset, ...run });
    for (const line of exportLines({ ...r, dataFile: shownPath(r.dataFile) })) console.log(line);
    return 0;
  });
}
