/**
 * The words and numbers of `deno task bandit`, as pure functions: the slow-motion story of one
 * REINFORCE step, the per-step log line, the ablation table, `summary.json`/`summary.md`, the
 * chart specs, and the same for Sutton & Barto's Figure 2.5 testbed. The CLI prints and writes
 * what these return; a notebook can show the same story without running the CLI.
 *
 * Number formats are fixed (STYLE rule 8): probabilities and baselines with 3 decimals
 * ({@link f3}), signed quantities with an explicit sign ({@link signed}), rates as percentages
 * with one decimal ({@link pct}).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepStory } from "./bandit_story.ts";
 * const r = train({ steps: 1, seed: 0, lr: 0.5, baseline: false });
 * assertStringIncludes(stepStory(r.log[0], r.bestAction, { baseline: false, lr: 0.5 }), "-- step 001");
 * ```
 * @module
 */
import {
  type AblationArm,
  type AblationResult,
  type BanditResult,
  DEFAULT_REWARD_PROBS,
  type StepRecord,
} from "../learn/bandit.ts";
import { barChart, lineChart, type VegaLiteSpec } from "./charts.ts";
import { curveLabel, type TestbedConfig, type TestbedResult } from "../learn/testbed.ts";
import { f3, padStep, pct, signed, vector } from "./format.ts";

/** The settings of one bandit run that the report names (a subset of `BanditConfig`). */
export interface BanditRunSettings {
  steps: number;
  seed: number;
  lr: number;
  baseline: boolean;
}

/** Steps at which the testbed table, `summary.json` and `summary.md` report the curves. */
export const TABLE_STEPS: readonly number[] = [100, 500, 1000];

// ---- the training story ----------------------------------------------------------------------

/**
 * The opening lines of a training run: the setting, the reward probabilities, and a warning
 * when a negative lr reverses every update.
 *
 * @param o the run's settings
 * @returns the lines to print, in order
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { banditHeader } from "./bandit_story.ts";
 * const o = { steps: 30, seed: 0, lr: -0.5, baseline: false };
 * assertEquals(banditHeader(o)[0], "bandit: REINFORCE, 30 steps, seed 0, lr -0.5, baseline off (b = 0)");
 * assert(banditHeader(o)[2].startsWith("warning: lr is negative"));
 * ```
 */
export function banditHeader(o: BanditRunSettings): string[] {
  const lines = [
    `bandit: REINFORCE, ${o.steps} steps, seed ${o.seed}, lr ${o.lr}, ` +
    `baseline ${o.baseline ? "on (mean of earlier rewards)" : "off (b = 0)"}`,
    `reward probabilities per action: ${DEFAULT_REWARD_PROBS.map(f3).join(", ")}`,
  ];
  if (o.lr < 0) {
    lines.push(
      "warning: lr is negative, so every update is reversed: the learner descends the " +
        "expected reward and the best action's probability should fall",
    );
  }
  return lines;
}

/**
 * How to read the slow-motion story: what the advantage A = r - b means, the update rule
 * `lr * A * (1[a=i] - p_i)`, and what this run's baseline and the sign of its lr imply.
 *
 * @param baseline whether b is the mean of earlier rewards (true) or 0
 * @param lr the learning rate (its sign decides whether the pushes climb or descend)
 * @returns a block of text, with an empty first and last line
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { explainAdvantage } from "./bandit_story.ts";
 * assertStringIncludes(explainAdvantage(false, 0.5), "a reward of 0 teaches nothing");
 * ```
 */
export function explainAdvantage(baseline: boolean, lr: number): string {
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

/**
 * Why logit i moved the way it did, in words: the sign rule of the update
 * `lr * A * (1[a=i] - p_i)`, for the sampled action and for the others.
 *
 * @param sampled whether i is the sampled action
 * @param a the sampled action
 * @param advantage A = r - b
 * @param lr the learning rate
 * @returns a short reason, e.g. `sampled and beat the baseline: made likelier`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pushReason } from "./bandit_story.ts";
 * assertEquals(pushReason(true, 2, -0.5, 0.5), "sampled and fell short: made less likely");
 * assertEquals(pushReason(false, 2, 0, 0.5), "A = 0: no push");
 * ```
 */
export function pushReason(sampled: boolean, a: number, advantage: number, lr: number): string {
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

/**
 * One REINFORCE step told in slow motion: parameters and probabilities before, the sampled
 * action, reward, baseline and advantage (with its sign named), the push on every logit with the
 * resulting change of its probability and the reason, and the state after. Warns when a
 * probability moves against its own logit (the others moved more; the probabilities still sum
 * to 1).
 *
 * @param rec the step's record (one line of `log.jsonl`)
 * @param best the index of the best action, marked `(best)`
 * @param opts the run's baseline setting and learning rate
 * @returns the story, several lines joined by `\n`
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepStory } from "./bandit_story.ts";
 * const { log, bestAction } = train({ steps: 5, seed: 0, lr: 0.5, baseline: true });
 * const rec = log.find((r) => r.advantage < 0)!;
 * assertStringIncludes(stepStory(rec, bestAction, { baseline: true, lr: 0.5 }), "(negative: ");
 * ```
 */
export function stepStory(
  rec: StepRecord,
  best: number,
  opts: { baseline: boolean; lr: number },
): string {
  const a = rec.action;
  const sign = rec.advantage > 0 ? "positive" : rec.advantage < 0 ? "negative" : "zero";
  const meaning = rec.advantage > 0
    ? "the reward beat the baseline"
    : rec.advantage < 0
    ? "the reward fell short of the baseline"
    : "the reward equalled the baseline";
  const lines = [
    `-- step ${padStep(rec.step, 3)} ` + "-".repeat(60),
    `  params  theta  ${vector(rec.params_before, signed)}`,
    `  probs   p      ${vector(rec.probs_before, f3)}`,
    `  sampled action a=${a} (p=${f3(rec.probs_before[a])})`,
    `  reward  r=${rec.reward} (action ${a} pays 1 with probability ${
      f3(DEFAULT_REWARD_PROBS[a])
    })`,
    opts.baseline
      ? rec.step === 1
        ? `  baseline b=0.000 (step 1: no earlier rewards yet)`
        : `  baseline b=${f3(rec.baseline)} (mean of the ${rec.step - 1} earlier rewards)`
      : `  baseline b=0.000 (no baseline)`,
    `  advantage A = r - b = ${signed(rec.advantage)} (${sign}: ${meaning})`,
    `  push on each logit, lr * A * (1[a=i] - p_i), and the resulting change of p_i:`,
  ];
  for (let i = 0; i < rec.gradient.length; i++) {
    const push = opts.lr * rec.gradient[i];
    const dp = rec.probs_after[i] - rec.probs_before[i];
    const why = pushReason(i === a, a, rec.advantage, opts.lr);
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

/**
 * One fixed-format line per step (`--log-steps`): p(best) after the update, action, reward,
 * baseline, advantage.
 *
 * @param rec the step's record
 * @param best the index of the best action
 * @param width digits of the step number (at least 3)
 * @returns e.g. `step 010 | p(best)=0.412 | a=2 | r=1 | b=0.300 | A=+0.700`
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepLine } from "./bandit_story.ts";
 * const { log, bestAction } = train({ steps: 10, seed: 0, lr: 0.5, baseline: true });
 * assert(/^step 010 \| p\(best\)=\d\.\d{3} \| a=\d \| r=[01] \| b=\d\.\d{3} \| A=[+-]\d\.\d{3}$/
 *   .test(stepLine(log[9], bestAction, 3)));
 * ```
 */
export function stepLine(rec: StepRecord, best: number, width: number): string {
  return `step ${padStep(rec.step, width)} | p(best)=${
    f3(rec.probs_after[best])
  } | a=${rec.action} | ` +
    `r=${rec.reward} | b=${f3(rec.baseline)} | A=${signed(rec.advantage)}`;
}

/**
 * The closing lines of a training run: the final probabilities and how p(best) moved.
 *
 * @param r the training result
 * @returns two lines (the first starts with an empty line)
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { finalLines } from "./bandit_story.ts";
 * const r = train({ steps: 0, seed: 0, lr: 0.5, baseline: false });
 * assertStringIncludes(finalLines(r)[1], "0.250 -> 0.250 (unchanged)");
 * ```
 */
export function finalLines(r: BanditResult): string[] {
  const moved = r.finalBestProb > r.initialBestProb
    ? "rose"
    : r.finalBestProb < r.initialBestProb
    ? "fell"
    : "unchanged";
  return [
    `\nfinal action probabilities: ${vector(r.finalProbs, f3)}`,
    `p(best = action ${r.bestAction}): ${f3(r.initialBestProb)} -> ${f3(r.finalBestProb)} ` +
    `(${moved})`,
  ];
}

// ---- the baseline ablation -----------------------------------------------------------------

/**
 * The line that announces the ablation.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { ablationIntro } from "./bandit_story.ts";
 * assertStringIncludes(ablationIntro(300, 30, 0.5), "300 seeds x 30 steps at lr 0.5");
 * ```
 */
export function ablationIntro(seeds: number, steps: number, lr: number): string {
  return `\nbaseline ablation: ${seeds} seeds x ${steps} steps at lr ${lr}, ` +
    `each seed trained with and without the baseline`;
}

/**
 * The ablation as a table: per side, the mean and variance of the best action's gradient
 * component, the total variance of the gradient vector, and the final p(best); then the variance
 * ratio and whether both sides push the best action up on average.
 *
 * @param r the ablation result
 * @returns the table with its legend, lines joined by `\n`
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { baselineAblation } from "../learn/bandit.ts";
 * import { ablationTable } from "./bandit_story.ts";
 * const table = ablationTable(baselineAblation({ seeds: 100, steps: 20, lr: 0.5 }));
 * assertStringIncludes(table, "positive on both sides (same direction)");
 * ```
 */
export function ablationTable(r: AblationResult): string {
  const row = (name: string, arm: AblationArm) =>
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

/** One side of the ablation in `summary.json`. */
export interface ArmSummary {
  grad_mean_best: number;
  grad_var_best: number;
  grad_var_total: number;
  final_best_prob: number;
}

/**
 * One side of the ablation as `summary.json` records it (snake_case keys).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { baselineAblation } from "../learn/bandit.ts";
 * import { armSummary } from "./bandit_story.ts";
 * const arm = baselineAblation({ seeds: 10, steps: 5, lr: 0.5 }).withBaseline;
 * assertEquals(armSummary(arm).grad_var_total, arm.gradVarTotal);
 * ```
 */
export function armSummary(arm: AblationArm): ArmSummary {
  return {
    grad_mean_best: arm.gradMeanBest,
    grad_var_best: arm.gradVarBest,
    grad_var_total: arm.gradVarTotal,
    final_best_prob: arm.finalBestProb,
  };
}

/**
 * One row of `ablation.csv` per step: mean p(best) after that step with and without the
 * baseline.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { baselineAblation } from "../learn/bandit.ts";
 * import { ablationRows } from "./bandit_story.ts";
 * const rows = ablationRows(baselineAblation({ seeds: 10, steps: 5, lr: 0.5 }));
 * assertEquals(rows.map((r) => r[0]), [1, 2, 3, 4, 5]);
 * ```
 */
export function ablationRows(r: AblationResult): [number, number, number][] {
  return r.withBaseline.meanBestProb.map((p, t) => [t + 1, p, r.withoutBaseline.meanBestProb[t]]);
}

// ---- the run's summary and charts ----------------------------------------------------------

/** `summary.json` of a bandit run. */
export interface BanditSummary {
  final_probs: number[];
  best_action: number;
  initial_best_prob: number;
  final_best_prob: number;
  /** Mean reward over the steps, or null for 0 steps. */
  mean_reward: number | null;
  steps: number;
  seed: number;
  lr: number;
  baseline: boolean;
  reward_probs: readonly number[];
  ablation: {
    seeds: number;
    steps: number;
    lr: number;
    variance_ratio: number;
    with_baseline: ArmSummary;
    without_baseline: ArmSummary;
  } | null;
}

/**
 * `summary.json` of a bandit run: final probabilities, best action, p(best) before and after,
 * mean reward, the settings, and the ablation (or null).
 *
 * @param result the training result
 * @param o the run's settings
 * @param ablation the ablation, or null
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditSummary } from "./bandit_story.ts";
 * const o = { steps: 10, seed: 0, lr: 0.5, baseline: true };
 * const s = banditSummary(train(o), o, null);
 * assertEquals([s.best_action, s.final_probs.length, s.ablation], [2, 4, null]);
 * ```
 */
export function banditSummary(
  result: BanditResult,
  o: BanditRunSettings,
  ablation: AblationResult | null,
): BanditSummary {
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

/**
 * `summary.md` of a bandit run: the setting, a table of reward probability and initial/final p
 * per action, and the ablation table if there is one.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditMarkdown } from "./bandit_story.ts";
 * const o = { steps: 10, seed: 0, lr: 0.5, baseline: false };
 * assertStringIncludes(banditMarkdown(train(o), o, null), "| 2 (best) | 0.800 | 0.250 |");
 * ```
 */
export function banditMarkdown(
  r: BanditResult,
  o: BanditRunSettings,
  ablation: AblationResult | null,
): string {
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

/**
 * The charts of a bandit run, keyed by file name: `learning_curve.svg` (every action's
 * probability per step, from the uniform start), `final_probs.svg` (before/after bars) and, with
 * an ablation, `ablation.svg` (mean p(best) per step on both sides).
 *
 * @returns Vega-Lite specs; render them with `renderSvg` from `lib/present/charts.ts`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditCharts } from "./bandit_story.ts";
 * const o = { steps: 3, seed: 0, lr: 0.5, baseline: false };
 * assertEquals(Object.keys(banditCharts(train(o), o, null)), ["learning_curve.svg", "final_probs.svg"]);
 * ```
 */
export function banditCharts(
  r: BanditResult,
  o: BanditRunSettings,
  ablation: AblationResult | null,
): Record<string, VegaLiteSpec> {
  const subtitle = `${o.steps} steps, seed ${o.seed}, lr ${o.lr}, baseline ${
    o.baseline ? "on" : "off"
  }`;
  const label = (i: number) =>
    `action ${i} (reward prob ${DEFAULT_REWARD_PROBS[i]})${i === r.bestAction ? ", best" : ""}`;
  const initial = r.finalProbs.map(() => 1 / r.finalProbs.length);
  const charts: Record<string, VegaLiteSpec> = {
    "learning_curve.svg": lineChart({
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
    }),
    "final_probs.svg": barChart({
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
    }),
  };
  if (ablation !== null) {
    charts["ablation.svg"] = lineChart({
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
  }
  return charts;
}

// ---- Sutton & Barto's Figure 2.5 -----------------------------------------------------------

/**
 * The opening lines of the testbed experiment: the problem and the four curves.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { BOOK_TESTBED } from "../learn/testbed.ts";
 * import { testbedHeader } from "./bandit_story.ts";
 * assertStringIncludes(testbedHeader(BOOK_TESTBED)[1], "2000 runs x 1000 steps for alpha 0.1 and 0.4");
 * ```
 */
export function testbedHeader(config: TestbedConfig): string[] {
  return [
    `testbed: Sutton & Barto Figure 2.5, gradient bandit on the ${config.arms}-armed testbed ` +
    `(q*(a) ~ N(${config.trueMean}, 1), rewards ~ N(q*(a), 1))`,
    `${config.runs} runs x ${config.steps} steps for alpha ${config.alphas.join(" and ")}, ` +
    `with and without the baseline (mean reward including the current one), seed ${config.seed}`,
  ];
}

/**
 * The testbed curves at {@link TABLE_STEPS}, as % optimal action, one row per curve.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedTable } from "./bandit_story.ts";
 * const r = gradientBanditTestbed({ runs: 20, steps: 1000, alphas: [0.1], seed: 0 });
 * assert(/step 100\s+step 500\s+step 1000/.test(testbedTable(r)));
 * ```
 */
export function testbedTable(r: TestbedResult): string {
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

/** One of the book's qualitative claims, checked. */
export interface TestbedCheck {
  what: string;
  ok: boolean;
}

/**
 * The book's qualitative claim, checked at the last step for every alpha: the curve with the
 * baseline ends above the one without.
 *
 * @param r the testbed result
 * @returns one check per alpha, in the order of the curves
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { testbedChecks } from "./bandit_story.ts";
 * const curve = (alpha: number, baseline: boolean, last: number) =>
 *   ({ alpha, baseline, optimalRate: Float64Array.of(0.1, last) });
 * const r = { runs: 1, steps: 2, arms: 10, curves: [curve(0.1, true, 0.8), curve(0.1, false, 0.3)] };
 * assertEquals(testbedChecks(r).map((c) => c.ok), [true]);
 * ```
 */
export function testbedChecks(r: TestbedResult): TestbedCheck[] {
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

/** `summary.json` of a testbed run. */
export interface TestbedSummary {
  runs: number;
  steps: number;
  curves: {
    alpha: number;
    baseline: boolean;
    /** Keyed by the step (as a string): the fraction of runs that chose the optimal arm. */
    optimal_action_rate_at: Record<string, number>;
  }[];
  checks: TestbedCheck[];
}

/**
 * `summary.json` of a testbed run: each curve at {@link TABLE_STEPS}, and the checks.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedChecks, testbedSummary } from "./bandit_story.ts";
 * const r = gradientBanditTestbed({ runs: 5, steps: 1000, alphas: [0.4], seed: 0 });
 * const s = testbedSummary(r, testbedChecks(r));
 * assertEquals(Object.keys(s.curves[0].optimal_action_rate_at), ["100", "500", "1000"]);
 * ```
 */
export function testbedSummary(r: TestbedResult, checks: TestbedCheck[]): TestbedSummary {
  return {
    runs: r.runs,
    steps: r.steps,
    curves: r.curves.map((c) => ({
      alpha: c.alpha,
      baseline: c.baseline,
      optimal_action_rate_at: Object.fromEntries(
        TABLE_STEPS.map((s) => [String(s), c.optimalRate[s - 1]]),
      ),
    })),
    checks,
  };
}

/**
 * `summary.md` of a testbed run: the setting, the table at {@link TABLE_STEPS}, the checks and
 * the metric's definition.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedChecks, testbedMarkdown } from "./bandit_story.ts";
 * const r = gradientBanditTestbed({ runs: 5, steps: 1000, alphas: [0.4], seed: 0 });
 * assertStringIncludes(testbedMarkdown(r, testbedChecks(r)), "| curve | step 100 | step 500 | step 1000 |");
 * ```
 */
export function testbedMarkdown(r: TestbedResult, checks: readonly TestbedCheck[]): string {
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

/**
 * The testbed figure: % optimal action per step, one line per (alpha, baseline).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedChart } from "./bandit_story.ts";
 * const r = gradientBanditTestbed({ runs: 5, steps: 10, alphas: [0.4], seed: 0 });
 * assertEquals(testbedChart(r).$schema, "https://vega.github.io/schema/vega-lite/v5.json");
 * ```
 */
export function testbedChart(r: TestbedResult): VegaLiteSpec {
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
