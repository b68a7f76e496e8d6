/**
 * `deno task bandit`: REINFORCE on a four-armed Bernoulli bandit, told step by step, with an
 * optional baseline ablation; `--testbed` runs Sutton & Barto's Figure 2.5 (`testbed.ts`).
 * @module
 */
import { baselineAblation } from "../learn/bandit_ablation.ts";
import { DEFAULT_REWARD_PROBS, train } from "../learn/bandit.ts";
import { banditTranscript } from "../present/bandit_story.ts";
import { writeBanditRun } from "../present/bandit_summary.ts";
import { UsageError } from "../core/errors.ts";
import { type Command, runCommand } from "./command.ts";
import { prepareRun, RUN_FLAGS, runWrittenLine, SEED_FLAG } from "./run_target.ts";
import { TESTBED, testbedMain } from "./testbed.ts";

export const BANDIT = {
  name: "deno task bandit",
  summary: `REINFORCE on a 4-armed Bernoulli bandit (reward probabilities ${
    DEFAULT_REWARD_PROBS.join(", ")
  }; action 2 is the best). With --testbed: Sutton & Barto Figure 2.5 (see --testbed --help).`,
  flags: {
    steps: { type: "int", arg: "N", help: "training steps", default: 30, min: 0, max: 1_000_000 },
    ...SEED_FLAG,
    lr: { type: "number", arg: "X", help: "learning rate (< 0 learns the inverse)", default: 0.5 },
    baseline: { type: "boolean", help: "subtract the mean of earlier rewards from each reward" },
    slow: { type: "boolean", help: "tell every step as a story" },
    "log-steps": { type: "boolean", help: "one line per step (not with --slow)" },
    ablation: { type: "boolean", help: "compare update variance with and without the baseline" },
    seeds: { type: "int", arg: "N", help: "runs per ablation side", default: 1000, min: 1 },
    plot: { type: "boolean", help: "write SVG charts into the run" },
    testbed: { type: "boolean", help: "run Sutton & Barto Figure 2.5 instead" },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main && Deno.args.includes("--testbed")) {
  await runCommand(TESTBED, (flags) => testbedMain(flags, Deno.args));
} else if (import.meta.main) {
  await runCommand(BANDIT, async (o) => {
    if (o.slow && o["log-steps"]) throw new UsageError("choose one of --slow and --log-steps");
    const path = await prepareRun(o.outdir, "bandit", o.force);
    const settings = { steps: o.steps, seed: o.seed, lr: o.lr, baseline: o.baseline };
    const result = train(settings);
    const ablation = o.ablation
      ? baselineAblation({ seeds: o.seeds, steps: o.steps, lr: o.lr })
      : null;
    const verbosity = o.slow ? "slow" : o["log-steps"] ? "log-steps" : "quiet";
    for (const line of banditTranscript(result, settings, verbosity, ablation)) console.log(line);
    const opts = { command: BANDIT.name, args: Deno.args, force: o.force, plot: o.plot };
    console.log(
      `\n${runWrittenLine(await writeBanditRun({ result, settings, ablation }, path, opts))}`,
    );
    return 0;
  });
}
