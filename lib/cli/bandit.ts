/**
 * `deno task bandit`: REINFORCE on a four-armed Bernoulli bandit, told step by step, with an
 * optional baseline ablation; or, with `--testbed`, Sutton & Barto's Figure 2.5 experiment.
 * Parses flags, computes with `lib/learn/bandit.ts` / `lib/learn/testbed.ts`, prints the story of
 * `lib/present/bandit_story.ts`, writes the run with `lib/learn/run_writers.ts`.
 * @module
 */
import { uniqueRunPath } from "../core/run_dir.ts";
import {
  type AblationResult,
  baselineAblation,
  DEFAULT_REWARD_PROBS,
  train,
} from "../learn/bandit.ts";
import {
  ablationIntro,
  ablationTable,
  banditHeader,
  explainAdvantage,
  finalLines,
  stepLine,
  stepStory,
  testbedChecks,
  testbedHeader,
  testbedTable,
} from "../present/bandit_story.ts";
import { UsageError } from "../core/errors.ts";
import { checkRunTarget, writeBanditRun, writeTestbedRun } from "../learn/run_writers.ts";
import { runsPath } from "../core/paths.ts";
import { BOOK_TESTBED, gradientBanditTestbed } from "../learn/testbed.ts";
import { intFlag, numberFlag, parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task bandit [options]
       deno task bandit --testbed [--seed N] [--outdir DIR] [--force]

REINFORCE on a 4-armed Bernoulli bandit (reward probabilities ${
  DEFAULT_REWARD_PROBS.join(", ")
}; action 2 is the best).

Options:
  --steps N      training steps (default 30)
  --seed N       random seed, 0..4294967295 (default 0)
  --lr X         learning rate; a negative lr learns the inverse (default 0.5)
  --baseline     subtract the mean of earlier rewards from each reward (default off)
  --slow         tell every step as a story (default off)
  --log-steps    one line per step: p(best) after the update, action, reward, baseline,
                 advantage (default off; not with --slow)
  --ablation     also train --seeds runs with and without the baseline and compare the
                 variance of the update and the learning curves (default off)
  --seeds N      runs per side of the ablation (default 1000)
  --plot         write SVG plots into the run (default off)
  --testbed      instead, Sutton & Barto Figure 2.5: gradient bandit on the 10-armed testbed,
                 alpha 0.1 and 0.4, with and without baseline, 2,000 runs x 1,000 steps
                 (writes testbed.csv and testbed.svg; takes --seed, --outdir, --force)
  --outdir DIR   the run folder (default runs/bandit_<UTC time> or runs/testbed_<UTC time>)
  --force        replace an existing non-empty --outdir (default off)
  -h, --help     show this help`;

const FLAGS = {
  steps: { type: "string" },
  seed: { type: "string" },
  lr: { type: "string" },
  baseline: { type: "boolean" },
  slow: { type: "boolean" },
  "log-steps": { type: "boolean" },
  ablation: { type: "boolean" },
  seeds: { type: "string" },
  plot: { type: "boolean" },
  testbed: { type: "boolean" },
  outdir: { type: "string" },
  force: { type: "boolean" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const seed = intFlag(values, "seed", 0, 0, 0xffffffff);
  const outdir = typeof values.outdir === "string" ? values.outdir : undefined;
  const force = values.force === true;
  if (values.testbed) {
    const extra = ["steps", "lr", "baseline", "slow", "log-steps", "ablation", "seeds", "plot"]
      .filter((name) => values[name] !== undefined);
    if (extra.length > 0) {
      throw new UsageError(
        `--testbed runs the book's fixed setting and takes only --seed, --outdir and --force; ` +
          `drop ${extra.map((n) => `--${n}`).join(", ")}`,
      );
    }
    return await runTestbed(argv, seed, outdir, force);
  }
  if (values.slow && values["log-steps"]) {
    throw new UsageError(
      "choose one of --slow (a story per step) and --log-steps (a line per step)",
    );
  }
  return await runBandit(argv, {
    steps: intFlag(values, "steps", 30, 0, 1_000_000),
    seed,
    lr: numberFlag(values, "lr", 0.5),
    baseline: values.baseline === true,
    slow: values.slow === true,
    logSteps: values["log-steps"] === true,
    ablationSeeds: values.ablation ? intFlag(values, "seeds", 1000, 1, 100_000) : null,
    plot: values.plot === true,
    outdir,
    force,
  });
}

interface BanditOptions {
  steps: number;
  seed: number;
  lr: number;
  baseline: boolean;
  slow: boolean;
  logSteps: boolean;
  /** Seeds per side of the ablation, or null for no ablation. */
  ablationSeeds: number | null;
  plot: boolean;
  outdir: string | undefined;
  force: boolean;
}

async function runBandit(argv: string[], o: BanditOptions): Promise<number> {
  const path = o.outdir ?? await uniqueRunPath(runsPath(), "bandit");
  await checkRunTarget(path, o.force); // refuse a taken or forbidden --outdir before any work
  for (const line of banditHeader(o)) console.log(line);
  const result = train({ steps: o.steps, seed: o.seed, lr: o.lr, baseline: o.baseline });
  const best = result.bestAction;
  if (o.slow) {
    console.log(explainAdvantage(o.baseline, o.lr));
    for (const rec of result.log) console.log(stepStory(rec, best, o));
  } else if (o.logSteps) {
    const width = Math.max(3, String(o.steps).length);
    for (const rec of result.log) console.log(stepLine(rec, best, width));
  }
  for (const line of finalLines(result)) console.log(line);

  let ablation: AblationResult | null = null;
  if (o.ablationSeeds !== null) {
    console.log(ablationIntro(o.ablationSeeds, o.steps, o.lr));
    ablation = baselineAblation({ seeds: o.ablationSeeds, steps: o.steps, lr: o.lr });
    console.log(ablationTable(ablation));
  }
  const runPath = await writeBanditRun({ result, settings: o, ablation }, path, {
    command: "deno task bandit",
    args: argv,
    force: o.force,
    plot: o.plot,
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

async function runTestbed(
  argv: string[],
  seed: number,
  outdir: string | undefined,
  force: boolean,
): Promise<number> {
  const path = outdir ?? await uniqueRunPath(runsPath(), "testbed");
  await checkRunTarget(path, force);
  const config = { ...BOOK_TESTBED, seed };
  for (const line of testbedHeader(config)) console.log(line);
  const started = performance.now();
  const result = gradientBanditTestbed(config);
  const seconds = (performance.now() - started) / 1000;
  console.log(`simulated in ${seconds.toFixed(1)} s\n`);
  console.log(testbedTable(result));
  for (const c of testbedChecks(result)) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.what}`);
  const runPath = await writeTestbedRun({ result, config, elapsedSeconds: seconds }, path, {
    command: "deno task bandit --testbed",
    args: argv,
    force,
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
