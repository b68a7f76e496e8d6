/**
 * Selection's `summary.md`: pass@1, pass@N, the prompts rescued and the pass@k table, for people.
 * @module
 */
import type { SelectSummary } from "../select/tally.ts";
import { pct } from "./format.ts";
import { klEstimateMarkdown, sliceLine } from "./measure_notes.ts";

/**
 * `summary.md`: pass@1, pass@N, the rescued prompts and the pass@k table, for people.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { selectSummaryMarkdown } from "./select_summary.ts";
 * import type { SelectSummary } from "../select/tally.ts";
 * const s = {
 *   kind: "select", n: 2, n_prompts: 2, samples_per_prompt: 2, tie_break: "first",
 *   passes_at_1: 1, passes_at_n: 2, pass_at_1: 0.5, pass_at_n: 1, ci95_at_1: [0.1, 0.9],
 *   ci95_at_n: [0.3, 1], rescued: 1, lost: 0, mean_sample_pass_rate: 0.5, never_solved: 0,
 *   always_solved: 0, rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 1 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 *   chosen_index_counts: { "0": 1, "1": 1 },
 * } satisfies SelectSummary;
 * const md = selectSummaryMarkdown(s, { dataset: "d.jsonl", samples: "p.jsonl" });
 * assertStringIncludes(md, "| 2 | 100.0% | 75.0% |");
 * ```
 */
export function selectSummaryMarkdown(
  s: SelectSummary,
  cfg: { dataset: string; samples: string },
): string {
  return [
    "# Selection (Loop B: best-of-N; the policy does not change)",
    "",
    `- dataset: \`${cfg.dataset}\``,
    `- samples: \`${cfg.samples}\``,
    `- N = ${s.n}, tie-break: ${s.tie_break}`,
    ...(s.slice ? [`- slice: ${sliceLine(s.slice)}`] : []),
    "",
    `**pass@1 (sample 0): ${s.passes_at_1}/${s.n_prompts} = ${pct(s.pass_at_1)}**  `,
    `**pass@${s.n} (chosen): ${s.passes_at_n}/${s.n_prompts} = ${pct(s.pass_at_n)}**  `,
    `Rescued by selection: ${s.rescued} prompt(s).`,
    "",
    `pass@k over all ${s.samples_per_prompt} samples per prompt (unbiased estimate, averaged ` +
    `over prompts) and the naive 1 − (1 − p̂)^k with p̂ = ${pct(s.mean_sample_pass_rate)}:`,
    "",
    "| k | unbiased | naive |",
    "| ---: | ---: | ---: |",
    ...Object.keys(s.pass_at_k).map((k) =>
      `| ${k} | ${pct(s.pass_at_k[k])} | ${pct(s.pass_at_k_naive[k])} |`
    ),
    "",
    `${s.never_solved} prompt(s) have no correct sample at all; ${s.always_solved} have only ` +
    "correct ones.",
    "",
    ...(s.kl ? klEstimateMarkdown(s.kl) : []),
  ].join("\n");
}
