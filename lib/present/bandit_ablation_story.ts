/**
 * The baseline ablation of `deno task bandit --ablation`, in words and rows: what is compared,
 * the table of update variance and mean push with and without the baseline, and the learning
 * curves as CSV rows.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { baselineAblation } from "../learn/bandit_ablation.ts";
 * import { ablationTable } from "./bandit_ablation_story.ts";
 * const r = baselineAblation({ seeds: 20, steps: 10, lr: 0.5 });
 * assertStringIncludes(ablationTable(r), "variance");
 * ```
 * @module
 */
import type { AblationArm, AblationResult } from "../learn/bandit_ablation.ts";
import { f3, signed } from "./format.ts";

/**
 * The line that announces the ablation.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { ablationIntro } from "./bandit_ablation_story.ts";
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
 * import { baselineAblation } from "../learn/bandit_ablation.ts";
 * import { ablationTable } from "./bandit_ablation_story.ts";
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
 * import { baselineAblation } from "../learn/bandit_ablation.ts";
 * import { armSummary } from "./bandit_ablation_story.ts";
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
 * import { baselineAblation } from "../learn/bandit_ablation.ts";
 * import { ablationRows } from "./bandit_ablation_story.ts";
 * const rows = ablationRows(baselineAblation({ seeds: 10, steps: 5, lr: 0.5 }));
 * assertEquals(rows.map((r) => r[0]), [1, 2, 3, 4, 5]);
 * ```
 */
export function ablationRows(r: AblationResult): [number, number, number][] {
  return r.withBaseline.meanBestProb.map((p, t) => [t + 1, p, r.withoutBaseline.meanBestProb[t]]);
}
