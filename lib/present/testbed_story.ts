/**
 * Sutton & Barto's Figure 2.5 (the gradient bandit on the 10-armed testbed) in words, tables and
 * charts: the opening lines, the table at steps 100/500/1000, the book's checks, `summary.json`,
 * `summary.md` and the figure (lib/experiments/testbed.ts writes the run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedChecks } from "./testbed_story.ts";
 * const result = gradientBanditTestbed({ runs: 5, steps: 1000, alphas: [0.4], seed: 0 });
 * assertEquals(testbedChecks(result).length > 0, true);
 * ```
 * @module
 */
import { curveLabel, type TestbedConfig, type TestbedResult } from "../learn/testbed.ts";
import { lineChart, type VegaLiteSpec } from "./chart_spec.ts";
import { pct } from "./format.ts";

/** Steps at which the testbed table, `summary.json` and `summary.md` report the curves. */
export const TABLE_STEPS: readonly number[] = [100, 500, 1000];

/**
 * The opening lines of the testbed experiment: the problem and the four curves.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { BOOK_TESTBED } from "../learn/testbed.ts";
 * import { testbedHeader } from "./testbed_story.ts";
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
 * import { testbedTable } from "./testbed_story.ts";
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
 * import { testbedChecks } from "./testbed_story.ts";
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
 * import { testbedChecks, testbedSummary } from "./testbed_story.ts";
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
 * import { testbedChecks, testbedMarkdown } from "./testbed_story.ts";
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
 * import { testbedChart } from "./testbed_story.ts";
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

/**
 * What `deno task testbed` prints after the simulation: how long it took, the table at
 * {@link TABLE_STEPS}, and the book's checks (`ok` or `FAIL` each).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "../learn/testbed.ts";
 * import { testbedTranscript } from "./testbed_story.ts";
 * const r = gradientBanditTestbed({ runs: 5, steps: 1000, alphas: [0.1], seed: 0 });
 * assert(testbedTranscript(r, 0.25)[0] === "simulated in 0.3 s\n");
 * ```
 */
export function testbedTranscript(r: TestbedResult, seconds: number): string[] {
  return [
    `simulated in ${seconds.toFixed(1)} s\n`,
    testbedTable(r),
    ...testbedChecks(r).map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.what}`),
  ];
}
