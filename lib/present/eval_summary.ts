/**
 * The eval's words for people: the pass-rate sentence every report uses and the run's
 * `summary.md` (the pass rate and the failure table).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passRateLine } from "./eval_summary.ts";
 * assertEquals(passRateLine(32, 120), "32/120 = 26.7% (95% CI 19.6%–35.2%)");
 * ```
 * @module
 */
import { wilson } from "../core/stats.ts";
import type { EvalSummary } from "../measure/eval_result.ts";
import { pct } from "./format.ts";
import { klEstimateMarkdown, sliceLine } from "./measure_notes.ts";

/** The pass-rate sentence every report uses: `39/120 = 32.5% (95% CI 24.8%–41.3%)`. */
export function passRateLine(passes: number, n: number): string {
  const [lo, hi] = wilson(passes, n);
  return `${passes}/${n} = ${pct(n === 0 ? 0 : passes / n)} (95% CI ${pct(lo)}–${pct(hi)})`;
}

/**
 * `summary.md` of an eval: the inputs, the pass rate and the failure table.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { evalSummaryMarkdown } from "./eval_summary.ts";
 * const s = { kind: "eval" as const, n: 4, passes: 1, pass_rate: 0.25, ci95: [0.05, 0.7] as [number, number], codes: { ok: 1, wrong_answer: 3 }, missing_completions: 0 };
 * assertStringIncludes(evalSummaryMarkdown(s, { dataset: "d.jsonl", completions: "c.jsonl" }), "| wrong_answer | 3 | 75.0% |");
 * ```
 */
export function evalSummaryMarkdown(
  s: EvalSummary,
  inputs: { dataset: string; completions: string },
): string {
  const lines = [
    "# Eval (Loop A: measurement)",
    "",
    `- dataset: \`${inputs.dataset}\``,
    `- completions: \`${inputs.completions}\``,
    ...(s.slice ? [`- slice: ${sliceLine(s.slice)}`] : []),
    "",
    `**Pass rate: ${passRateLine(s.passes, s.n)}**`,
    "",
    "| code | count | share |",
    "| --- | ---: | ---: |",
    ...Object.entries(s.codes).map(([code, k]) => `| ${code} | ${k} | ${pct(k / s.n)} |`),
    "",
  ];
  if (s.missing_completions > 0) {
    lines.push(`${s.missing_completions} example(s) had no completion.`, "");
  }
  if (s.kl) lines.push(...klEstimateMarkdown(s.kl));
  return lines.join("\n");
}
