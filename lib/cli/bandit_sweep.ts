/**
 * `deno task bandit:sweep`: the REINFORCE bandit trained from many seeds, and the spread of where
 * it ends. Thin: parse, run the experiment (lib/experiments/bandit_sweep.ts), print.
 * @module
 */
import { BANDIT_SWEEP_DEFAULTS as D, runBanditSweep } from "../experiments/bandit_sweep.ts";
import { banditSweepStory } from "../present/bandit_sweep_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";

export const BANDIT_SWEEP = {
  name: "deno task bandit:sweep",
  summary: "Trains the 4-armed REINFORCE bandit from seeds 0 … N−1 with the same settings and " +
    "reports the spread of the final p(best): what one seed's number is worth.",
  flags: {
    seeds: flag.int("N", "seeds 0 … N−1", { default: D.seeds, min: 1, max: 100_000 }),
    steps: flag.int("N", "training steps per seed", { default: D.steps, min: 0, max: 100_000 }),
    lr: flag.num("X", "learning rate", { default: D.lr }),
    baseline: flag.bool("subtract the mean of earlier rewards from each reward"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(BANDIT_SWEEP, async (f) => {
    const run = await prepareCommandRun(BANDIT_SWEEP, f, "bandit_sweep");
    const settings = { seeds: f.seeds, steps: f.steps, lr: f.lr, baseline: f.baseline };
    const { runPath, sweep } = await runBanditSweep({ ...settings, ...run });
    for (const line of banditSweepStory(sweep)) console.log(line);
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
