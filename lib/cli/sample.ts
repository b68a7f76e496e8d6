/**
 * `deno task sample`: n completions per prompt from a tiny-policy checkpoint, written as
 * samples.jsonl (for select), completions.jsonl (sample 0, for eval/inspect/gate) and
 * tokens.jsonl. Thin: parse flags, call `runSample`, print the story.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { runSample } from "../experiments/sample.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { SAMPLING_DEFAULTS as D } from "../policy/sampler.ts";
import { sampleStory } from "../present/policy_story.ts";
import { type Command, flag, runCommand, settingsFrom } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";

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
    const run = await prepareCommandRun(SAMPLE, f, "sample");
    const policy = await loadCheckpoint(f.checkpoint);
    const reference = f.ref === undefined ? undefined : await loadCheckpoint(f.ref);
    const settings = settingsFrom({ ...D }, f);
    const t0 = performance.now();
    const inputs = { policy, reference, dataset: f.dataset, settings };
    const { runPath, summary } = await runSample({ ...inputs, ...run });
    const rate = summary.completions / ((performance.now() - t0) / 1000);
    for (const line of sampleStory(summary, settings)) console.log(line);
    console.log(`  ${rate.toFixed(0)} completions/s (sampling and writing)`);
    console.log(runWrittenLine(runPath));
    return 0;
  });
}
