/**
 * `deno task sample <argv>` in process: the flags parsed from the task's table, the run folder
 * prepared, the checkpoints loaded and `runSample` called, as the task's body does
 * (lib/cli/sample.ts); with the lines it prints. The task itself runs end to end in
 * sample_cli_test.ts and sample_ref_test.ts for a success and a refusal.
 */
import { SAMPLE } from "../../lib/cli/sample.ts";
import { parseCommand, settingsFrom } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { SAMPLING_DEFAULTS } from "../../lib/policy/sampler.ts";
import { sampleStory } from "../../lib/present/policy_story.ts";

/** The run `deno task sample <argv>` writes, and the story lines it prints about it. */
export async function sampleAsTheTask(argv: string[]) {
  const f = parseCommand(SAMPLE, argv).flags;
  const run = await prepareCommandRun(SAMPLE, f, "sample", { argv });
  const policy = await loadCheckpoint(f.checkpoint);
  const reference = f.ref === undefined ? undefined : await loadCheckpoint(f.ref);
  const settings = settingsFrom({ ...SAMPLING_DEFAULTS }, f);
  const done = await runSample({ policy, reference, dataset: f.dataset, settings, ...run });
  return { ...done, story: sampleStory(done.summary, settings).join("\n") };
}
