/**
 * A two-step MDP run's words and chart: `summary.json`, `summary.md` and the learning curve
 * (lib/experiments/mdp.ts writes the run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpSummary } from "./mdp_summary.ts";
 * const result = trainMdp({ episodes: 20, seed: 0, lr: 0.5, creditStep1: true });
 * assertEquals(mdpSummary(result).episodes, 20);
 * ```
 * @module
 */
import { type MdpProbs, type MdpResult, movingSuccess, REWARDED_PATH } from "../learn/mdp.ts";
import { lineChart, type VegaLiteSpec } from "./chart_spec.ts";
import { f3 } from "./format.ts";
import { MDP_SUCCESS_WINDOW } from "./mdp_story.ts";

const path = REWARDED_PATH.join(" then ");

/** `summary.json` of an MDP run. */
export interface MdpSummary {
  episodes: number;
  seed: number;
  lr: number;
  /** True when step 1's credit was withheld. */
  sabotage: boolean;
  final_probs: MdpProbs;
  final_path_prob: number;
  success_rate: number;
}

/**
 * `summary.json` of an MDP run: the settings, the final probabilities of both steps, the
 * probability of the rewarded path and the success rate over training.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpSummary } from "./mdp_summary.ts";
 * const s = mdpSummary(trainMdp({ episodes: 30, seed: 0, lr: 0.5, creditStep1: false }));
 * assertEquals([s.sabotage, s.final_probs.step1.R], [true, 0.5]);
 * ```
 */
export function mdpSummary(result: MdpResult): MdpSummary {
  const c = result.config;
  return {
    episodes: c.episodes,
    seed: c.seed,
    lr: c.lr,
    sabotage: !c.creditStep1,
    final_probs: result.final,
    final_path_prob: result.final_path_prob,
    success_rate: result.success_rate,
  };
}

/**
 * `summary.md` of an MDP run: the setting and a table of the key probabilities, start and final.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpMarkdown } from "./mdp_summary.ts";
 * const r = trainMdp({ episodes: 30, seed: 0, lr: 0.5, creditStep1: false });
 * assertStringIncludes(mdpMarkdown(r), "| p1(R) | 0.500 | 0.500 |");
 * ```
 */
export function mdpMarkdown(result: MdpResult): string {
  const c = result.config;
  const f = result.final;
  return [
    `# Two-step MDP${c.creditStep1 ? "" : " (sabotage: no credit for step 1)"}`,
    "",
    `${c.episodes} episodes, seed ${c.seed}, lr ${c.lr}. Reward 1 only for ` +
    `${path}, paid at the end.`,
    "",
    "| probability | start | final |",
    "| --- | --- | --- |",
    `| p1(R) | 0.500 | ${f3(f.step1.R)} |`,
    `| p2(L\\|R) | 0.500 | ${f3(f.step2.R.L)} |`,
    `| p2(L\\|L) | 0.500 | ${f3(f.step2.L.L)} |`,
    `| p(R then L) | 0.250 | ${f3(result.final_path_prob)} |`,
    "",
    `Success rate over training: ${f3(result.success_rate)}.`,
    "",
  ].join("\n");
}

/**
 * The learning curve of an MDP run (`learning_curve.svg`): p1(R), p2(L|R) and the moving success
 * rate over the last {@link MDP_SUCCESS_WINDOW} episodes, per episode.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpChart } from "./mdp_summary.ts";
 * const spec = mdpChart(trainMdp({ episodes: 10, seed: 0, lr: 0.5, creditStep1: true }));
 * assertEquals(spec.title.text, "Two-step MDP: learning curve");
 * ```
 */
export function mdpChart(result: MdpResult): VegaLiteSpec {
  const c = result.config;
  const success = movingSuccess(result.episodes, MDP_SUCCESS_WINDOW);
  const rows = result.episodes.flatMap((ep, i) => [
    { x: ep.episode, y: ep.p1_R_after, series: "p1(R)" },
    { x: ep.episode, y: ep.p2_L_given_R_after, series: "p2(L|R)" },
    { x: ep.episode, y: success[i], series: `success rate (last ${MDP_SUCCESS_WINDOW})` },
  ]);
  return lineChart({
    title: `Two-step MDP: learning curve${c.creditStep1 ? "" : " (step-1 credit withheld)"}`,
    subtitle: `${c.episodes} episodes, seed ${c.seed}, lr ${c.lr}`,
    xTitle: "episode",
    yTitle: "probability",
    rows,
    yDomain: [0, 1],
  });
}
