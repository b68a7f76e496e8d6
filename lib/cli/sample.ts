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
import { type Command, flag, runCommand, settingsFrom } from "./command.ts";
import { RUN_FLAGS, runPathFor, runWrittenLine } from "./run_target.ts";

const D = { n: 8, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 } as const;

export const SAMPLE = {
  name: "deno task sample",
  summary: "Samples the tiny policy: n completions per prompt of a dataset, in the course's " +
    "formats (each sample from its own seeded stream, so --n 4 is a prefix of --n 8).",
  flags: {
    checkpoint: flag.str("FILE", "checkpoint header", { default: "data/policy/base.json" }),
    ref: flag.str("FILE", "reference checkpoint: every sample also gets its ref_logprob"),
    dataset: flag.str("FILE", "JSONL of {id, prompt, …}", { required: true }),
    n: flag.int("N", "samples per prompt", { default: D.n, min: 1, max: 4096 }),
    temperature: flag.num("T", "0 is greedy", { default: D.temperature, min: 0 }),
    "top-p": flag.num("P", "nucleus mass in (0, 1]", { default: D.top_p, max: 1 }),
    "top-k": flag.int("K", "keep the K likeliest; 0 keeps all", { default: D.top_k, min: 0 }),
    "max-tokens": flag.int("N", "cap on a completion's tokens", { default: D.max_tokens, min: 1 }),
    seed: flag.int("S", "seed of every sample's stream", { default: D.seed, min: 0 }),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(SAMPLE, async (f) => {
    if (!(f["top-p"] > 0)) throw new UsageError(`--top-p must be in (0, 1], got ${f["top-p"]}`);
    const [policy, settings, t0] = [
      await loadCheckpoint(f.checkpoint),
      settingsFrom(D, f),
      Date.now(),
    ];
    const reference = f.ref === undefined ? undefined : await loadCheckpoint(f.ref);
    const outdir = await runPathFor(f.outdir, "sample");
    const run = { policy, reference, dataset: f.dataset, settings, outdir, force: f.force };
    const { runPath, summary } = await runSample({ ...run, command: SAMPLE.name, args: Deno.args });
    const rate = summary.completions / ((Date.now() - t0) / 1000);
    for (const line of sampleStory(summary, settings)) console.log(line);
    console.log(`  ${rate.toFixed(0)} completions/s (sampling and writing)`);
    console.log(runWrittenLine(runPath));
    return 0;
  });
}
