/**
 * `deno task bandit`: REINFORCE on a four-armed Bernoulli bandit, told step by step, with an
 * optional baseline ablation; or, with `--testbed`, Sutton & Barto's Figure 2.5 experiment.
 * Parses flags, calls `lib/bandit.ts` / `lib/testbed.ts`, prints, writes the run.
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { dirname, resolve } from "node:path";
import { openRun, provenance, type RunDir, uniqueRunPath } from "../artifacts.ts";
import {
  type AblationResult,
  type BanditResult,
  baselineAblation,
  DEFAULT_REWARD_PROBS,
  type StepRecord,
  train,
} from "../bandit.ts";
import { InputError, UsageError } from "../errors.ts";
import { runsPath } from "../paths.ts";
import { barChart, lineChart, renderSvg } from "../plot.ts";
import {
  BOOK_TESTBED,
  curveLabel,
  gradientBanditTestbed,
  type TestbedResult,
  testbedRows,
} from "../testbed.ts";
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
  help: { type: "boolean", short: "h" },
} as const;

/** Steps at which the testbed table is printed. */
const TABLE_STEPS = [100, 500, 1000];

const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => (x < 0 ? "-" : "+") + Math.abs(x).toFixed(3);
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const vector = (xs: readonly number[], fmt: (x: number) => string) =>
  "[ " + xs.map((x) => fmt(x).padStart(6)).join("  ") + " ]";
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
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

/**
 * Opens the run first (so a taken --outdir or a folder the task may not write is refused before
 * any work), lets `body` compute and fill it, then commits it; a failed run leaves nothing.
 */
async function withRun(
  path: string,
  force: boolean,
  body: (run: RunDir) => Promise<void>,
): Promise<string> {
  const parent = dirname(resolve(path));
  const { state } = await Deno.permissions.query({ name: "write", path: parent });
  if (state !== "granted") {
    throw new InputError(
      path,
      null,
      "may not be written by this task (deno task bandit writes only under runs/)",
    );
  }
  const run = await openRun(path, { force });
  try {
    await body(run);
    return await run.commit();
  } catch (e) {
    await run.abort();
    throw e;
  }
}

async function runBandit(argv: string[], o: BanditOptions): Promise<number> {
  const path = o.outdir ?? await uniqueRunPath(runsPath(), "bandit");
  const runPath = await withRun(path, o.force, async (run) => {
    const probs = DEFAULT_REWARD_PROBS;
    console.log(
      `bandit: REINFORCE, ${o.steps} steps, seed ${o.seed}, lr ${o.lr}, ` +
        `baseline ${o.baseline ? "on (mean of earlier rewards)" : "off (b = 0)"}`,
    );
    console.log(`reward probabilities per action: ${probs.map(f3).join(", ")}`);
    if (o.lr < 0) {
      console.log(
        "warning: lr is negative, so every update is reversed: the learner descends the " +
          "expected reward and the best action's probability should fall",
      );
    }
    const result = train({ steps: o.steps, seed: o.seed, lr: o.lr, baseline: o.baseline });
    const best = result.bestAction;
    if (o.slow) {
      console.log(explainAdvantage(o.baseline, o.lr));
      for (const rec of result.log) console.log(story(rec, best, o));
    } else if (o.logSteps) {
      const width = Math.max(3, String(o.steps).length);
      for (const rec of result.log) {
        console.log(
          `step ${pad(rec.step, width)} | p(best)=${
            f3(rec.probs_after[best])
          } | a=${rec.action} | ` +
            `r=${rec.reward} | b=${f3(rec.baseline)} | A=${signed(rec.advantage)}`,
        );
      }
    }
    console.log(`\nfinal action probabilities: ${vector(result.finalProbs, f3)}`);
    const moved = result.finalBestProb > result.initialBestProb
      ? "rose"
      : result.finalBestProb < result.initialBestProb
      ? "fell"
      : "unchanged";
    console.log(
      `p(best = action ${best}): ${f3(result.initialBestProb)} -> ${f3(result.finalBestProb)} ` +
        `(${moved})`,
    );

    let ablation: AblationResult | null = null;
    if (o.ablationSeeds !== null) {
      console.log(
        `\nbaseline ablation: ${o.ablationSeeds} seeds x ${o.steps} steps at lr ${o.lr}, ` +
          `each seed trained with and without the baseline`,
      );
      ablation = baselineAblation({ seeds: o.ablationSeeds, steps: o.steps, lr: o.lr });
      console.log(ablationTable(ablation));
    }

    await run.writeJson("manifest.json", {
      kind: "bandit",
      command: "deno task bandit",
      args: argv,
      seed: o.seed,
      lr: o.lr,
      steps: o.steps,
      baseline: o.baseline,
      reward_probs: probs,
      ablation_seeds: o.ablationSeeds,
      provenance: await provenance(),
    });
    const log = await run.jsonl("log.jsonl");
    for (const rec of result.log) await log.write(rec);
    await log.close();
    const summary = banditSummary(result, o, ablation);
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", banditMarkdown(result, o, ablation));
    if (ablation !== null) {
      await run.writeText(
        "ablation.csv",
        stringify(
          ablation.withBaseline.meanBestProb.map((p, t) => [
            t + 1,
            p,
            ablation.withoutBaseline.meanBestProb[t],
          ]),
          { header: true, columns: ["step", "p_best_with_baseline", "p_best_without_baseline"] },
        ),
      );
    }
    if (o.plot) await writeBanditPlots(run, result, o, ablation);
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

function explainAdvantage(baseline: boolean, lr: number): string {
  return [
    "",
    "How to read each step",
    "  The advantage A = r - b says whether this reward beat the baseline b.",
    "  REINFORCE moves every logit i by lr * A * (1[a=i] - p_i):",
    "    A > 0: the sampled action's logit goes up, every other logit down (in proportion to p_i).",
    "    A < 0: the sampled action's logit goes down, every other logit up.",
    "    A = 0: nothing moves.",
    baseline
      ? "  Here b is the mean of the rewards of the earlier steps (0 at step 1), computed before\n" +
        "  the update, so a reward of 0 can push the sampled action down."
      : "  Here there is no baseline (b = 0), so A = r: a reward of 0 teaches nothing and a reward\n" +
        "  of 1 always pushes the sampled action up, even a poor one.",
    lr < 0
      ? "  The lr is negative: every push is reversed, so the learner descends the reward."
      : "  The lr is positive: the pushes climb the expected reward.",
    "",
  ].join("\n");
}

function story(rec: StepRecord, best: number, o: BanditOptions): string {
  const a = rec.action;
  const sign = rec.advantage > 0 ? "positive" : rec.advantage < 0 ? "negative" : "zero";
  const meaning = rec.advantage > 0
    ? "the reward beat the baseline"
    : rec.advantage < 0
    ? "the reward fell short of the baseline"
    : "the reward equalled the baseline";
  const lines = [
    `-- step ${pad(rec.step, 3)} ` + "-".repeat(60),
    `  params  theta  ${vector(rec.params_before, signed)}`,
    `  probs   p      ${vector(rec.probs_before, f3)}`,
    `  sampled action a=${a} (p=${f3(rec.probs_before[a])})`,
    `  reward  r=${rec.reward} (action ${a} pays 1 with probability ${
      f3(DEFAULT_REWARD_PROBS[a])
    })`,
    o.baseline
      ? rec.step === 1
        ? `  baseline b=0.000 (step 1: no earlier rewards yet)`
        : `  baseline b=${f3(rec.baseline)} (mean of the ${rec.step - 1} earlier rewards)`
      : `  baseline b=0.000 (no baseline)`,
    `  advantage A = r - b = ${signed(rec.advantage)} (${sign}: ${meaning})`,
    `  push on each logit, lr * A * (1[a=i] - p_i), and the resulting change of p_i:`,
  ];
  for (let i = 0; i < rec.gradient.length; i++) {
    const push = o.lr * rec.gradient[i];
    const dp = rec.probs_after[i] - rec.probs_before[i];
    const why = pushReason(i === a, a, rec.advantage, o.lr);
    let line = `    action ${i}${i === best ? " (best)" : "       "}: logit ${signed(push)}  ` +
      `p ${signed(dp)} ${dp > 0 ? "up  " : dp < 0 ? "down" : "same"}  (${why})`;
    if (push !== 0 && dp !== 0 && Math.sign(push) !== Math.sign(dp)) {
      line += "\n      note: p moved against its logit: the other logits moved more, and the " +
        "probabilities must still sum to 1";
    }
    lines.push(line);
  }
  lines.push(
    `  params  theta' ${vector(rec.params_after, signed)}`,
    `  probs   p'     ${vector(rec.probs_after, f3)}`,
    `  p(best = action ${best}): ${f3(rec.probs_before[best])} -> ${f3(rec.probs_after[best])}`,
  );
  return lines.join("\n");
}

/** Why logit i moved the way it did, in words (the sign rule of the update). */
function pushReason(sampled: boolean, a: number, advantage: number, lr: number): string {
  if (advantage === 0) return "A = 0: no push";
  if (lr === 0) return "lr = 0: no push";
  const reversed = lr < 0 ? ", reversed by the negative lr" : "";
  if (sampled) {
    return advantage > 0
      ? `sampled and beat the baseline: made likelier${reversed}`
      : `sampled and fell short: made less likely${reversed}`;
  }
  return advantage > 0
    ? `not sampled: gives way to action ${a}, more so the likelier it is${reversed}`
    : `not sampled: takes a share of what action ${a} loses${reversed}`;
}

function ablationTable(r: AblationResult): string {
  const row = (name: string, arm: AblationResult["withBaseline"]) =>
    `  ${name.padEnd(16)} ${signed(arm.gradMeanBest).padStart(14)} ${
      f3(arm.gradVarBest).padStart(13)
    } ${f3(arm.gradVarTotal).padStart(14)} ${f3(arm.finalBestProb).padStart(14)}`;
  return [
    "  side             mean g(best)  var g(best)  var g (total)  final p(best)",
    row("with baseline", r.withBaseline),
    row("without baseline", r.withoutBaseline),
    `  g is the gradient estimate A * (1[a=i] - p_i) (the update is lr * g); means and variances`,
    `  are over seeds at each step, then averaged over the ${r.steps} steps.`,
    `  The baseline divides the total variance by ${
      r.varianceRatio.toFixed(2)
    }; the expected push ` +
    `on the best action is ${
      r.withBaseline.gradMeanBest > 0 && r.withoutBaseline.gradMeanBest > 0
        ? "positive on both sides (same direction)"
        : "NOT positive on both sides"
    }.`,
  ].join("\n");
}

function banditSummary(result: BanditResult, o: BanditOptions, ablation: AblationResult | null) {
  const rewards = result.log.map((r) => r.reward);
  return {
    final_probs: result.finalProbs,
    best_action: result.bestAction,
    initial_best_prob: result.initialBestProb,
    final_best_prob: result.finalBestProb,
    mean_reward: rewards.length > 0 ? rewards.reduce((s, r) => s + r, 0) / rewards.length : null,
    steps: o.steps,
    seed: o.seed,
    lr: o.lr,
    baseline: o.baseline,
    reward_probs: DEFAULT_REWARD_PROBS,
    ablation: ablation === null ? null : {
      seeds: ablation.seeds,
      steps: ablation.steps,
      lr: ablation.lr,
      variance_ratio: ablation.varianceRatio,
      with_baseline: armSummary(ablation.withBaseline),
      without_baseline: armSummary(ablation.withoutBaseline),
    },
  };
}

function armSummary(arm: AblationResult["withBaseline"]) {
  return {
    grad_mean_best: arm.gradMeanBest,
    grad_var_best: arm.gradVarBest,
    grad_var_total: arm.gradVarTotal,
    final_best_prob: arm.finalBestProb,
  };
}

function banditMarkdown(r: BanditResult, o: BanditOptions, ablation: AblationResult | null) {
  const lines = [
    `# bandit run`,
    ``,
    `REINFORCE on a ${DEFAULT_REWARD_PROBS.length}-armed Bernoulli bandit: ${o.steps} steps, ` +
    `seed ${o.seed}, lr ${o.lr}, baseline ${o.baseline ? "on" : "off"}.`,
    ``,
    `| action | reward probability | initial p | final p |`,
    `| --- | --- | --- | --- |`,
    ...r.finalProbs.map((p, i) =>
      `| ${i}${i === r.bestAction ? " (best)" : ""} | ${f3(DEFAULT_REWARD_PROBS[i])} | ` +
      `${f3(1 / r.finalProbs.length)} | ${f3(p)} |`
    ),
    ``,
    `p(best) went from ${f3(r.initialBestProb)} to ${f3(r.finalBestProb)}.`,
  ];
  if (ablation !== null) {
    lines.push(
      ``,
      `## Baseline ablation (${ablation.seeds} seeds)`,
      ``,
      `| side | mean g(best) | var g(best) | var g (total) | final p(best) |`,
      `| --- | --- | --- | --- | --- |`,
      ...([["with baseline", ablation.withBaseline], [
        "without baseline",
        ablation.withoutBaseline,
      ]] as const).map(([name, a]) =>
        `| ${name} | ${signed(a.gradMeanBest)} | ${f3(a.gradVarBest)} | ` +
        `${f3(a.gradVarTotal)} | ${f3(a.finalBestProb)} |`
      ),
      ``,
      `g is the per-step gradient estimate A·(1[a=i] − π_i); the update is lr·g. Variances are ` +
        `over seeds at each step, averaged over steps. Variance ratio (without / with): ` +
        `${ablation.varianceRatio.toFixed(2)}.`,
    );
  }
  return lines.join("\n") + "\n";
}

async function writeBanditPlots(
  run: RunDir,
  r: BanditResult,
  o: BanditOptions,
  ablation: AblationResult | null,
) {
  const subtitle = `${o.steps} steps, seed ${o.seed}, lr ${o.lr}, baseline ${
    o.baseline ? "on" : "off"
  }`;
  const label = (i: number) =>
    `action ${i} (reward prob ${DEFAULT_REWARD_PROBS[i]})${i === r.bestAction ? ", best" : ""}`;
  const initial = r.finalProbs.map(() => 1 / r.finalProbs.length);
  const curve = lineChart({
    title: "Action probabilities during REINFORCE training",
    subtitle,
    xTitle: "step",
    yTitle: "probability after the step's update",
    seriesTitle: "action",
    yDomain: [0, 1],
    rows: [
      ...initial.map((p, i) => ({ x: 0, y: p, series: label(i) })),
      ...r.log.flatMap((rec) =>
        rec.probs_after.map((p, i) => ({ x: rec.step, y: p, series: label(i) }))
      ),
    ],
  });
  await run.writeText("learning_curve.svg", await renderSvg(curve));
  const bars = barChart({
    title: "Action probabilities before and after training",
    subtitle,
    xTitle: "action",
    yTitle: "probability",
    groupTitle: "when",
    yDomain: [0, 1],
    rows: r.finalProbs.flatMap((p, i) => [
      {
        category: `${i}${i === r.bestAction ? " (best)" : ""}`,
        value: initial[i],
        group: "before",
      },
      { category: `${i}${i === r.bestAction ? " (best)" : ""}`, value: p, group: "after" },
    ]),
  });
  await run.writeText("final_probs.svg", await renderSvg(bars));
  if (ablation !== null) {
    const spec = lineChart({
      title: "Baseline ablation: mean p(best) over seeds",
      subtitle: `${ablation.seeds} seeds, lr ${ablation.lr}; variance ratio ${
        ablation.varianceRatio.toFixed(2)
      }`,
      xTitle: "step",
      yTitle: "mean p(best) after the step",
      seriesTitle: "side",
      yDomain: [0, 1],
      rows: [ablation.withBaseline, ablation.withoutBaseline].flatMap((arm) =>
        arm.meanBestProb.map((p, t) => ({
          x: t + 1,
          y: p,
          series: arm.baseline ? "with baseline" : "without baseline",
        }))
      ),
    });
    await run.writeText("ablation.svg", await renderSvg(spec));
  }
}

async function runTestbed(
  argv: string[],
  seed: number,
  outdir: string | undefined,
  force: boolean,
): Promise<number> {
  const path = outdir ?? await uniqueRunPath(runsPath(), "testbed");
  const runPath = await withRun(path, force, async (run) => {
    const config = { ...BOOK_TESTBED, seed };
    console.log(
      `testbed: Sutton & Barto Figure 2.5, gradient bandit on the ${config.arms}-armed testbed ` +
        `(q*(a) ~ N(${config.trueMean}, 1), rewards ~ N(q*(a), 1))`,
    );
    console.log(
      `${config.runs} runs x ${config.steps} steps for alpha ${config.alphas.join(" and ")}, ` +
        `with and without the baseline (mean reward including the current one), seed ${seed}`,
    );
    const started = performance.now();
    const result = gradientBanditTestbed(config);
    const seconds = (performance.now() - started) / 1000;
    console.log(`simulated in ${seconds.toFixed(1)} s\n`);
    console.log(testbedTable(result));
    const checks = testbedChecks(result);
    for (const c of checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.what}`);

    await run.writeJson("manifest.json", {
      kind: "testbed",
      command: "deno task bandit --testbed",
      args: argv,
      seed,
      runs: config.runs,
      steps: config.steps,
      alphas: config.alphas,
      baseline: [true, false],
      arms: config.arms,
      true_mean: config.trueMean,
      reference: "Sutton & Barto, Reinforcement Learning: An Introduction, 2nd ed., Figure 2.5",
      elapsed_seconds: Number(seconds.toFixed(3)),
      provenance: await provenance(),
    });
    await run.writeText(
      "testbed.csv",
      stringify(testbedRows(result), {
        header: true,
        columns: ["alpha", "baseline", "step", "optimal_action_rate"],
        cast: { boolean: (b) => (b ? "true" : "false") },
      }),
    );
    await run.writeJson("summary.json", {
      runs: result.runs,
      steps: result.steps,
      curves: result.curves.map((c) => ({
        alpha: c.alpha,
        baseline: c.baseline,
        optimal_action_rate_at: Object.fromEntries(
          TABLE_STEPS.map((s) => [String(s), c.optimalRate[s - 1]]),
        ),
      })),
      checks,
    });
    await run.writeText("summary.md", testbedMarkdown(result, checks));
    await run.writeText("testbed.svg", await renderSvg(testbedChart(result)));
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

function testbedTable(r: TestbedResult): string {
  const head = "  curve                          " +
    TABLE_STEPS.map((s) => `step ${s}`.padStart(11)).join("");
  const rows = r.curves.map((c) =>
    `  ${curveLabel(c).padEnd(31)}` +
    TABLE_STEPS.map((s) => pct(c.optimalRate[s - 1]).padStart(11)).join("")
  );
  return [
    `% optimal action: share of the ${r.runs} runs whose action at that step was the optimal arm`,
    head,
    ...rows,
  ].join("\n");
}

/** The book's qualitative claims, checked at the last step. */
function testbedChecks(r: TestbedResult): { what: string; ok: boolean }[] {
  const last = (alpha: number, baseline: boolean) =>
    r.curves.find((c) => c.alpha === alpha && c.baseline === baseline)!.optimalRate[r.steps - 1];
  const alphas = [...new Set(r.curves.map((c) => c.alpha))];
  return alphas.map((alpha) => ({
    what: `alpha ${alpha}: with baseline (${pct(last(alpha, true))}) above without (${
      pct(last(alpha, false))
    }) at step ${r.steps}`,
    ok: last(alpha, true) > last(alpha, false),
  }));
}

function testbedMarkdown(r: TestbedResult, checks: { what: string; ok: boolean }[]): string {
  return [
    `# Gradient bandit on the 10-armed testbed (Sutton & Barto, Figure 2.5)`,
    ``,
    `${r.runs} runs × ${r.steps} steps; q*(a) ~ N(4, 1); rewards ~ N(q*(a), 1); preferences start ` +
    `at 0; the baseline is the mean reward up to and including the current step.`,
    ``,
    `| curve | ${TABLE_STEPS.map((s) => `step ${s}`).join(" | ")} |`,
    `| --- | ${TABLE_STEPS.map(() => "---").join(" | ")} |`,
    ...r.curves.map((c) =>
      `| ${curveLabel(c)} | ${TABLE_STEPS.map((s) => pct(c.optimalRate[s - 1])).join(" | ")} |`
    ),
    ``,
    ...checks.map((c) => `- ${c.ok ? "ok" : "FAIL"}: ${c.what}`),
    ``,
    `% optimal action = share of runs whose action at that step was the arm with the highest q*.`,
    ``,
  ].join("\n");
}

function testbedChart(r: TestbedResult) {
  return lineChart({
    title: "Gradient bandit on the 10-armed testbed (Sutton & Barto, Figure 2.5)",
    subtitle: `${r.runs} runs; true values q*(a) ~ N(4, 1)`,
    xTitle: "step",
    yTitle: "% optimal action (as a fraction of runs)",
    seriesTitle: "step size and baseline",
    yDomain: [0, 1],
    rows: r.curves.flatMap((c) =>
      Array.from(c.optimalRate, (y, t) => ({ x: t + 1, y, series: curveLabel(c) }))
    ),
  });
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
