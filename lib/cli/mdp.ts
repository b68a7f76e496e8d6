/**
 * `deno task mdp`: REINFORCE on the two-step MDP with a delayed reward (only R then L pays), told
 * as a story; `--sabotage` withholds credit from step 1. Parses flags, trains with `lib/learn/mdp.ts`,
 * prints the story of `lib/present/mdp_story.ts`, writes the run with `lib/learn/run_writers.ts`.
 * @module
 */
import { uniqueRunPath } from "../core/run_dir.ts";
import { checkRunTarget, writeMdpRun } from "../learn/run_writers.ts";
import { REWARDED_PATH, trainMdp } from "../learn/mdp.ts";
import { mdpStory } from "../present/mdp_story.ts";
import { runsPath } from "../core/paths.ts";
import { intFlag, numberFlag, parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task mdp [options]

Two-step MDP with a delayed reward: step 1 picks L or R, step 2 picks L or R, and only the path
${
  REWARDED_PATH.join(" then ")
} earns reward 1, paid at the end. Both steps learn by REINFORCE from the same
end-of-episode advantage A = return - baseline (baseline = mean of earlier returns).

Options:
  --episodes N   training episodes (default 300)
  --seed N       random seed, 0..4294967295 (default 0)
  --lr X         learning rate of both steps (default 0.5)
  --sabotage     withhold credit from step 1: only step 2 is updated (default off)
  --plot         write learning_curve.svg into the run (default off)
  --outdir DIR   the run folder (default runs/mdp_<UTC time>)
  --force        replace an existing non-empty --outdir (default off)
  -h, --help     show this help`;

const FLAGS = {
  episodes: { type: "string" },
  seed: { type: "string" },
  lr: { type: "string" },
  sabotage: { type: "boolean" },
  plot: { type: "boolean" },
  outdir: { type: "string" },
  force: { type: "boolean" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const episodes = intFlag(values, "episodes", 300, 1, 10_000_000);
  const seed = intFlag(values, "seed", 0, 0, 0xffffffff);
  const lr = numberFlag(values, "lr", 0.5);
  const force = values.force === true;
  const path = typeof values.outdir === "string"
    ? values.outdir
    : await uniqueRunPath(runsPath(), "mdp");
  await checkRunTarget(path, force); // refuse a taken or forbidden --outdir before training
  const result = trainMdp({ episodes, seed, lr, creditStep1: values.sabotage !== true });
  for (const line of mdpStory(result)) console.log(line);
  const runPath = await writeMdpRun(result, path, {
    command: "deno task mdp",
    args: argv,
    force,
    plot: values.plot === true,
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
