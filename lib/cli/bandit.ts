/**
 * `deno task bandit`: REINFORCE on a four-armed Bernoulli bandit, told step by step, with an
 * optional baseline ablation. Thin: parse, run the experiment (lib/experiments/bandit.ts), print.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { BANDIT_DEFAULTS, runBandit } from "../experiments/bandit.ts";
import { DEFAULT_REWARD_PROBS } from "../learn/bandit.ts";
import { banditTranscript } from "../present/bandit_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import {
  prepareCommandRun,
  RUN_FLAGS,
  runWrittenLine,
  SEED_FLAG,
} from "./_framework/run_target.ts";

const D = BANDIT_DEFAULTS;

export const BANDIT = {
  name: "deno task bandit",
  summary: `REINFORCE on a 4-armed Bernoulli bandit (reward probabilities ${
    DEFAULT_REWARD_PROBS.join(", ")
  }; action 2 is the best). Sutton & Barto's 10-armed testbed is \`deno task testbed\`.`,
  flags: {
    steps: flag.int("N", "training steps", { default: D.steps, min: 0, max: 1_000_000 }),
    ...SEED_FLAG,
    lr: flag.num("X", "learning rate (< 0 learns the inverse)", { default: D.lr }),
    baseline: flag.bool("subtract the mean of earlier rewards from each reward"),
    slow: flag.bool("tell every step as a story"),
    "log-steps": flag.bool("one line per step (not with --slow)"),
    ablation: flag.bool("compare update variance with and without the baseline"),
    seeds: flag.int("N", "runs per ablation side", { default: D.seeds, min: 1 }),
    plot: flag.bool("write SVG charts into the run"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(BANDIT, async (f) => {
    if (f.slow && f["log-steps"]) throw new UsageError("choose one of --slow and --log-steps");
    const run = await prepareCommandRun(BANDIT, f, "bandit");
    const settings = { steps: f.steps, seed: f.seed, lr: f.lr, baseline: f.baseline };
    const ablationSeeds = f.ablation ? f.seeds : 0;
    const { runPath, result, ablation } = await runBandit({
      ...settings,
      ablationSeeds,
      ...run,
      plot: f.plot,
    });
    const verbosity = f.slow ? "slow" : f["log-steps"] ? "log-steps" : "quiet";
    for (const line of banditTranscript(result, settings, verbosity, ablation)) console.log(line);
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
