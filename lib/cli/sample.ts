/**
 * `deno task sample`: n completions per prompt from a tiny-policy checkpoint, written as
 * samples.jsonl (for select), completions.jsonl (sample 0, for eval/inspect/gate) and
 * tokens.jsonl. Thin: parse flags, call `runSample`, print the story.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { runSample } from "../policy/sample_run.ts";
import { sampleStory } from "../present/policy_story.ts";
import { type Command, runCommand } from "./command.ts";
import { RUN_FLAGS, runPathFor, runWrittenLine } from "./run_target.ts";

export const SAMPLE = {
  name: "deno task sample",
  summary:
    "Samples the tiny policy: n completions per prompt of a dataset, in the course's formats.",
  flags: {
    checkpoint: {
      type: "string",
      arg: "FILE",
      help: "checkpoint header",
      default: "data/policy/base.json",
    },
    dataset: { type: "string", arg: "FILE", help: "JSONL of {id, prompt, …}", required: true },
    n: { type: "int", arg: "N", help: "samples per prompt", default: 8, min: 1, max: 4096 },
    temperature: { type: "number", arg: "T", help: "0 is greedy", default: 1, min: 0 },
    "top-p": { type: "number", arg: "P", help: "nucleus mass in (0, 1]", default: 1, max: 1 },
    "top-k": {
      type: "int",
      arg: "K",
      help: "keep the K likeliest tokens; 0 keeps all",
      default: 0,
      min: 0,
    },
    "max-tokens": {
      type: "int",
      arg: "N",
      help: "cap on a completion's tokens",
      default: 48,
      min: 1,
      max: 1024,
    },
    seed: { type: "int", arg: "S", help: "seed of every sample's stream", default: 0, min: 0 },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(SAMPLE, async (flags) => {
    if (!(flags["top-p"] > 0)) {
      throw new UsageError(`--top-p must be in (0, 1], got ${flags["top-p"]}`);
    }
    const policy = await loadCheckpoint(flags.checkpoint);
    const settings = {
      n: flags.n,
      temperature: flags.temperature,
      top_p: flags["top-p"],
      top_k: flags["top-k"],
      max_tokens: flags["max-tokens"],
      seed: flags.seed,
    };
    const t0 = performance.now();
    const { runPath, summary } = await runSample({
      policy,
      dataset: flags.dataset,
      settings,
      outdir: await runPathFor(flags.outdir, "sample"),
      force: flags.force,
      command: SAMPLE.name,
      args: Deno.args,
    });
    const seconds = (performance.now() - t0) / 1000;
    for (const line of sampleStory(summary, settings)) console.log(line);
    console.log(
      `  ${(summary.completions / seconds).toFixed(0)} completions/s (sampling and writing)`,
    );
    console.log(runWrittenLine(runPath));
    return 0;
  });
}
