/**
 * `deno task mdp`: REINFORCE on the two-step MDP with a delayed reward, told as a story;
 * `--sabotage` withholds credit from step 1. Thin: parse, train, print, write the run.
 * @module
 */
import { REWARDED_PATH, trainMdp } from "../learn/mdp.ts";
import { mdpStory } from "../present/mdp_story.ts";
import { writeMdpRun } from "../present/mdp_summary.ts";
import { type Command, runCommand } from "./command.ts";
import { prepareRun, RUN_FLAGS, runWrittenLine, SEED_FLAG } from "./run_target.ts";

export const MDP = {
  name: "deno task mdp",
  summary: `Two-step MDP with a delayed reward: step 1 picks L or R, step 2 picks L or R, and ` +
    `only ${REWARDED_PATH.join(" then ")} earns reward 1, paid at the end. Both steps learn by ` +
    `REINFORCE from the same end-of-episode advantage A = return - baseline.`,
  flags: {
    episodes: { type: "int", arg: "N", help: "training episodes", default: 300, min: 1 },
    ...SEED_FLAG,
    lr: { type: "number", arg: "X", help: "learning rate of both steps", default: 0.5 },
    sabotage: { type: "boolean", help: "withhold credit from step 1: only step 2 learns" },
    plot: { type: "boolean", help: "write learning_curve.svg into the run" },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(MDP, async (f) => {
    const path = await prepareRun(f.outdir, "mdp", f.force);
    const result = trainMdp({
      episodes: f.episodes,
      seed: f.seed,
      lr: f.lr,
      creditStep1: !f.sabotage,
    });
    for (const line of mdpStory(result)) console.log(line);
    const opts = { command: MDP.name, args: Deno.args, force: f.force, plot: f.plot };
    console.log(`\n${runWrittenLine(await writeMdpRun(result, path, opts))}`);
    return 0;
  });
}
