/**
 * A bandit run's words and charts: `summary.json`, `summary.md` and the chart specs
 * (lib/experiments/bandit.ts writes the run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditSummary } from "./bandit_summary.ts";
 * const settings = { steps: 5, seed: 0, lr: 0.5, baseline: true };
 * assertEquals(banditSummary(train(settings), settings, null).best_action, 2);
 * ```
 * @module
 */
import { type AblationResult } from "../learn/bandit_ablation.ts";
import { type BanditResult, DEFAULT_REWARD_PROBS } from "../learn/bandit.ts";
import { barChart, lineChart, type VegaLiteSpec } from "./chart_spec.ts";
import { type ArmSummary, armSummary } from "./bandit_ablation_story.ts";
import type { BanditRunSettings } from "./bandit_story.ts";
import { f3, signed } from "./format.ts";

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
 * import { banditSummary } from "./bandit_summary.ts";
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
 * import { banditMarkdown } from "./bandit_summary.ts";
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
 * import { banditCharts } from "./bandit_summary.ts";
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
