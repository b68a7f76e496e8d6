/**
 * A KL sweep's words and chart: `summary.json`, `summary.md`, the trade-off rows and the
 * frontier chart (lib/experiments/kl.ts writes the run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klTradeoffRows } from "./kl_summary.ts";
 * assertEquals(klTradeoffRows(klSweep(COMPLETION_STYLES, [0, 1])).length, 2);
 * ```
 * @module
 */
import type { KlAction } from "../learn/kl.ts";
import type { KlPoint } from "../learn/kl_sweep.ts";
import { frontierChart } from "./course_charts.ts";
import { type VegaLiteSpec } from "./chart_spec.ts";
import { f3, f4 } from "./format.ts";
import { KL_AGREEMENT } from "./kl_story.ts";

/** `summary.json` of a KL run. */
export interface KlSummary {
  agreement_tolerance: number;
  points: {
    beta: number;
    expected_reward: number;
    kl: number;
    collapsed: boolean;
    top3: { action: number; name: string; prob: number }[];
    probs: number[];
    ascent:
      | { iterations: number; converged: boolean; max_abs_diff: number; residual: number }
      | null;
  }[];
}

/**
 * `summary.json` of a KL run: the agreement tolerance and, per beta, expected reward, KL, the
 * collapse flag, the top-3 actions, the probabilities and the oracle's outcome.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klSummary } from "./kl_summary.ts";
 * const s = klSummary(COMPLETION_STYLES, klSweep(COMPLETION_STYLES, [0]));
 * assertEquals(s.points[0].top3, [{ action: 7, name: "hedge: 3+ numbers", prob: 1 }]);
 * ```
 */
export function klSummary(actions: readonly KlAction[], points: readonly KlPoint[]): KlSummary {
  return {
    agreement_tolerance: KL_AGREEMENT,
    points: points.map((p) => ({
      beta: p.beta,
      expected_reward: p.expected_reward,
      kl: p.kl,
      collapsed: p.collapsed,
      top3: p.top3.map((a) => ({ action: a, name: actions[a].name, prob: p.probs[a] })),
      probs: p.probs,
      ascent: p.ascent === null ? null : {
        iterations: p.ascent.iterations,
        converged: p.ascent.converged,
        max_abs_diff: p.ascent.max_abs_diff,
        residual: p.ascent.residual,
      },
    })),
  };
}

/**
 * `summary.md` of a KL run: one table row per beta.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klMarkdown } from "./kl_summary.ts";
 * assertStringIncludes(klMarkdown(COMPLETION_STYLES, klSweep(COMPLETION_STYLES, [0])), "| 0 | 0.7671 |");
 * ```
 */
export function klMarkdown(actions: readonly KlAction[], points: readonly KlPoint[]): string {
  return [
    "# KL trade-off",
    "",
    "The maximiser of E_pi[r] - beta * KL(pi || pi_ref) for each beta (closed form; max |dp| is",
    "the largest gap to gradient ascent on the logits).",
    "",
    "| beta | E_pi[r] | KL (nats) | max \\|dp\\| | top-3 styles |",
    "| --- | --- | --- | --- | --- |",
    ...points.map((p) =>
      `| ${p.beta} | ${f4(p.expected_reward)} | ${f4(p.kl)} | ${
        p.ascent === null ? "n/a (collapse)" : p.ascent.max_abs_diff.toExponential(1)
      } | ${p.top3.map((a) => `${actions[a].name} (${f3(p.probs[a])})`).join(", ")} |`
    ),
    "",
  ].join("\n");
}

/**
 * The rows of `kl_tradeoff.csv`: `[beta, expected_reward, kl]`, one per beta, full precision.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klTradeoffRows } from "./kl_summary.ts";
 * assertEquals(klTradeoffRows(klSweep(COMPLETION_STYLES, [0]))[0].slice(0, 2), [0, 56 / 73]);
 * ```
 */
export function klTradeoffRows(points: readonly KlPoint[]): [number, number, number][] {
  return points.map((p) => [p.beta, p.expected_reward, p.kl]);
}

/**
 * The reward-vs-KL frontier of a sweep (`frontier.svg`): one dot per beta.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klChart } from "./kl_summary.ts";
 * const spec = klChart(COMPLETION_STYLES, klSweep(COMPLETION_STYLES, [0, 1]));
 * assertEquals(spec.title.subtitle, "8 completion styles; one dot per beta");
 * assertEquals(spec.data.values.length, 2);
 * ```
 */
export function klChart(actions: readonly KlAction[], points: readonly KlPoint[]): VegaLiteSpec {
  return frontierChart({
    rows: points.map((p) => ({ beta: p.beta, reward: p.expected_reward, kl: p.kl })),
    subtitle: `${actions.length} completion styles; one dot per beta`,
  });
}
