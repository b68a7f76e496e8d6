/**
 * `deno task mdp`: REINFORCE on the two-step MDP with a delayed reward, told as a story;
 * `--sabotage` withholds credit from step 1. Thin: parse, run the experiment
 * (lib/experiments/mdp.ts), print.
 * @module
 */
import { MDP_DEFAULTS, runMdp } from "../experiments/mdp.ts";
import { REWARDED_PATH } from "../learn/mdp.ts";
import { mdpStory } from "../present/mdp_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import {
  prepareCommandRun,
  RUN_FLAGS,
  runWrittenLine,
  SEED_FLAG,
} from "./_framework/run_target.ts";

export const MDP = {
  name: "deno task mdp",
  summary: `Two-step MDP with a delayed reward: step 1 picks L or R, step 2 picks L or R, and ` +
    `only ${REWARDED_PATH.join(" then ")} earns reward 1, paid at the end. Both steps learn by ` +
    `REINFORCE from the same end-of-episode advantage A = return - baseline.`,
  flags: {
    episodes: flag.int("N", "training episodes", { default: MDP_DEFAULTS.episodes, min: 1 }),
    ...SEED_FLAG,
    lr: flag.num("X", "learning rate of both steps", { default: MDP_DEFAULTS.lr }),
    sabotage: flag.bool("withhold credit from step 1: only step 2 learns"),
    plot: flag.bool("write learning_curve.svg into the run"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(MDP, async (f) => {
    const run = await prepareCommandRun(MDP, f, "mdp");
    const { runPath, result } = await runMdp({
      episodes: f.episodes,
      seed: f.seed,
      lr: f.lr,
      creditStep1: !f.sabotage,
      ...run,
      plot: f.plot,
    });
    for (const line of mdpStory(result)) console.log(line);
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
