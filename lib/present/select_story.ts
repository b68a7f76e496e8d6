/**
 * What `deno task select` prints (Loop B): pass@1 against pass@N, the prompts rescued, the
 * pass@k table (unbiased and naive) and why the two curves differ. Pure functions.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { whyPassAtKDiffers } from "./select_story.ts";
 * const text = whyPassAtKDiffers({
 *   n_prompts: 2, samples_per_prompt: 2, never_solved: 1, always_solved: 1,
 *   rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 0.5 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 * });
 * assertStringIncludes(text, "the naive curve lies above");
 * ```
 * @module
 */
import { pct, points } from "./format.ts";
import { passRateLine } from "./eval_summary.ts";
import type { SelectSummary } from "../select/tally.ts";
import { klEstimateLines, sealedNote, sliceLine } from "./measure_notes.ts";

/**
 * The story `deno task select` prints: pass@1 against pass@N, the rescued prompts, and the
 * pass@k table (unbiased vs naive) with the reason they differ.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { selectStory } from "./select_story.ts";
 * const text = selectStory({
 *   kind: "select", n: 2, n_prompts: 2, samples_per_prompt: 2, tie_break: "first index",
 *   passes_at_1: 1, passes_at_n: 2, pass_at_1: 0.5, pass_at_n: 1, ci95_at_1: [0.1, 0.9],
 *   ci95_at_n: [0.3, 1], rescued: 1, lost: 0, mean_sample_pass_rate: 0.5, never_solved: 0,
 *   always_solved: 0, rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 1 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 *   chosen_index_counts: { "0": 1, "1": 1 },
 * }, { dataset: "d.jsonl", samples: "p.jsonl", runPath: "runs/x", plot: false });
 * assertStringIncludes(text, "pass@1 = 50.0%  pass@2 = 100.0%  (+50.0 points from selection; the policy did not change)");
 * ```
 */
export function selectStory(
  s: SelectSummary,
  where: {
    dataset: string;
    samples: string;
    runPath: string;
    plot: boolean;
    /** The sealed course dataset this is, or null (a note says so); absent: not said. */
    sealed?: string | null;
    /** Per-template lines ({@link templateLines}), printed before the run's path. */
    templates?: string[];
  },
): string {
  const K = s.samples_per_prompt;
  const note = where.sealed === undefined ? null : sealedNote(where.sealed);
  const lines = [
    `Loop B (select): best-of-${s.n} over the first ${s.n} samples of each prompt; the policy ` +
    "and the scorer do not change.",
    `  dataset   ${where.dataset}`,
    `  samples   ${where.samples}`,
    ...(s.slice ? [`  slice     ${sliceLine(s.slice)}`] : []),
    `  rule      pickBest: the highest reward; ties go to the ${s.tie_break}`,
    ...(note === null ? [] : [note]),
    "",
    s.n === 1
      ? `pass@1 = ${pct(s.pass_at_1)}  (best-of-1 is sample 0: no selection, nothing to gain)`
      : `pass@1 = ${pct(s.pass_at_1)}  pass@${s.n} = ${pct(s.pass_at_n)}  (${
        points(s.pass_at_n - s.pass_at_1)
      } points from selection; the policy did not change)`,
    `  pass@1 (sample 0):       ${passRateLine(s.passes_at_1, s.n_prompts)}`,
    ...(s.n === 1
      ? []
      : [`  pass@${s.n} (chosen sample): ${passRateLine(s.passes_at_n, s.n_prompts)}`]),
    `  rescued: ${s.rescued} prompt(s) failed on sample 0 and passed on the chosen sample`,
    `  chosen index: ${
      Object.entries(s.chosen_index_counts).map(([i, k]) => `${i}:${k}`).join(" ")
    }`,
  ];
  if (s.lost > 0) {
    lines.push(`  Warning: ${s.lost} prompt(s) passed on sample 0 but not on the chosen sample.`);
  }
  lines.push(
    "",
    `pass@k over all ${K} samples per prompt (unbiased: mean over prompts of ` +
      "1 − C(n−c,k)/C(n,k); naive: 1 − (1 − p̂)^k with p̂ = " +
      `${pct(s.mean_sample_pass_rate)}, the mean per-sample pass rate):`,
    "    k  unbiased   naive",
    ...Object.keys(s.pass_at_k).map((k) =>
      `  ${k.padStart(3)}  ${pct(s.pass_at_k[k]).padStart(8)}  ${
        pct(s.pass_at_k_naive[k]).padStart(6)
      }`
    ),
    "",
    whyPassAtKDiffers(s),
    ...(s.kl ? ["", ...klEstimateLines(s.kl)] : []),
    ...(where.templates ? ["", ...where.templates] : []),
    "",
    `run written to ${where.runPath} (manifest.json, results.jsonl, summary.json, summary.md${
      where.plot ? ", pass_at_k.svg" : ""
    })`,
    `Next: deno task inspect --run ${where.runPath} (the rescued prompts, sample 0 beside the ` +
      "chosen one)",
  );
  return lines.join("\n");
}

/**
 * One paragraph on why the unbiased and naive pass@k curves differ, from the run's own figures:
 * the naive curve assumes one shared rate p̂ for every prompt, so it sits above the unbiased one
 * when prompts differ more than that allows (some never solved) and below it when successes are
 * spread more evenly than independent draws would spread them.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { whyPassAtKDiffers } from "./select_story.ts";
 * const text = whyPassAtKDiffers({
 *   n_prompts: 2, samples_per_prompt: 2, never_solved: 1, always_solved: 1,
 *   rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 0.5 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 * });
 * assertStringIncludes(text, "the naive curve lies above");
 * ```
 */
export function whyPassAtKDiffers(
  s: Pick<
    SelectSummary,
    | "n_prompts"
    | "samples_per_prompt"
    | "never_solved"
    | "always_solved"
    | "rate_variance"
    | "rate_variance_if_one_p"
    | "pass_at_k"
    | "pass_at_k_naive"
  >,
): string {
  const K = String(s.samples_per_prompt);
  const gap = (s.pass_at_k_naive[K] ?? 0) - (s.pass_at_k[K] ?? 0);
  const spread = `the per-prompt pass rate varies with variance ${
    s.rate_variance.toFixed(4)
  }, against ${s.rate_variance_if_one_p.toFixed(4)} if every prompt had the same p̂`;
  const base = "Why they differ: the naive curve treats every prompt as solved independently " +
    "with one shared probability p̂; the unbiased estimate averages each prompt's own curve. ";
  if (gap > 1e-9) {
    return base +
      `Here the naive curve lies above (by ${(100 * gap).toFixed(1)} points at k = ${K}): ` +
      `${spread}, and ${s.never_solved} of ${s.n_prompts} prompts have no correct sample at ` +
      "all. More samples cannot rescue a prompt the policy never solves, and 1 − (1 − p)^k is " +
      "concave, so the average of the per-prompt curves lies below the curve at the average p̂.";
  }
  if (gap < -1e-9) {
    return base +
      `Here the unbiased curve lies above (by ${(100 * -gap).toFixed(1)} points at k = ${K}): ` +
      `${spread}, so successes are spread more evenly over prompts than independent draws ` +
      `would spread them (only ${s.never_solved} of ${s.n_prompts} never solved) and extra ` +
      "samples find a correct one more often than the naive guess. With prompts of differing " +
      "difficulty the gap turns the other way: prompts never solved stay unsolved.";
  }
  return base + `Here the two agree: ${spread}.`;
}

/**
 * `deno task select --by-template`: one line per prompt template (all prompts first), the
 * unbiased pass@1 and pass@N from the run's N samples, in percent.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { templateLines } from "./select_story.ts";
 * assertEquals(templateLines([{ template: "all", prompts: 2, pass_at_1: 0.5, pass_at_n: 1 }], 8), [
 *   "per template (unbiased pass@1 / pass@8 from 8 samples per prompt):",
 *   "  all            2 prompts   50.0% / 100.0%",
 * ]);
 * ```
 */
export function templateLines(
  rows: readonly { template: string; prompts: number; pass_at_1: number; pass_at_n: number }[],
  n: number,
): string[] {
  return [
    `per template (unbiased pass@1 / pass@${n} from ${n} samples per prompt):`,
    ...rows.map((r) =>
      `  ${r.template.padEnd(12)} ${String(r.prompts).padStart(3)} prompts  ${
        pct(r.pass_at_1).padStart(6)
      } / ${pct(r.pass_at_n)}`
    ),
  ];
}
