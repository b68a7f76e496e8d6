/**
 * Selection over every prompt: the line each prompt writes to `results.jsonl`, the per-prompt
 * counts a run keeps ({@link SelectionTally}), and the summary built from them
 * ({@link summarizeSelection}): pass@1 and pass@N with Wilson intervals, the unbiased and naive
 * pass@k curves, and the variance that explains their gap (see passk.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { summarizeSelection } from "./tally.ts";
 * const t = { nOf: Int32Array.of(2, 2), cOf: Int32Array.of(0, 1), passes1: 0, passesN: 1, rescued: 1, lost: 0, chosenCounts: [1, 1] };
 * const { summary } = summarizeSelection(2, t, "first index among the highest reward");
 * assertEquals([summary.pass_at_1, summary.pass_at_n, summary.pass_at_k["2"]], [0, 0.5, 0.5]);
 * ```
 * @module
 */
import { wilson } from "../core/stats.ts";
import type { ScoreCode } from "../instrument/spec.ts";
import type { SliceSummary } from "../measure/dataset.ts";
import type { KlEstimate } from "../measure/kl_estimate.ts";
import { passAtKCurve, type PassAtKPoint } from "./passk.ts";
import type { PromptSelection, Sample } from "./selection.ts";

/** One line of a selection run's `results.jsonl` (one prompt). */
export interface SelectRow {
  id: string;
  /** Reward of the chosen sample (pass@N for this prompt); the gate reads this field. */
  reward: 0 | 1;
  /** Index of the chosen sample among the first N. */
  chosen: number;
  /** Reward of sample 0 (pass@1 for this prompt). */
  reward_first: 0 | 1;
  /** Sample 0 failed and the chosen sample passed. */
  rescued: boolean;
  /** Reward of every sample of the pack (all of them, not only the first N): pass@k uses these. */
  rewards: (0 | 1)[];
  /** The instrument's code, answer, expected answer and message for the chosen sample. */
  code: ScoreCode | string;
  answer: string | null;
  expected: string | null;
  message: string;
  /** The chosen completion. */
  completion: string;
  /**
   * Sample 0's completion and code, when another sample was chosen (so a rescued prompt shows
   * what selection replaced; when sample 0 is chosen they are `completion` and `code`).
   */
  first_completion?: string;
  first_code?: string;
  /**
   * The prompt's KL estimate: the mean of log π − log π_ref over its samples that carry both
   * (`kl_samples` of them), when any does (see lib/measure/kl_estimate.ts).
   */
  kl?: number;
  kl_samples?: number;
}

/** `summary.json` of a selection run. */
export interface SelectSummary {
  kind: "select";
  /** Selection N: samples considered per prompt (best-of-N). */
  n: number;
  /** Prompts (dataset examples). */
  n_prompts: number;
  /** Smallest number of samples any prompt has (pass@k is reported up to it). */
  samples_per_prompt: number;
  tie_break: string;
  passes_at_1: number;
  passes_at_n: number;
  /** Share of prompts whose sample 0 passes. */
  pass_at_1: number;
  /** Share of prompts whose chosen sample passes. */
  pass_at_n: number;
  /** 95% Wilson intervals of pass@1 and pass@N. */
  ci95_at_1: [number, number];
  ci95_at_n: [number, number];
  /** Prompts whose sample 0 failed but whose chosen sample passed. */
  rescued: number;
  /** Prompts whose sample 0 passed but whose chosen sample failed (0 under best-of-N). */
  lost: number;
  /** Mean over prompts of the per-sample pass rate cᵢ/nᵢ (the p̂ of the naive curve). */
  mean_sample_pass_rate: number;
  /** Prompts with no correct sample at all, and with every sample correct. */
  never_solved: number;
  always_solved: number;
  /** Variance over prompts of the per-prompt pass rate cᵢ/nᵢ. */
  rate_variance: number;
  /**
   * The same variance if every prompt were solved independently with one rate p̂: mean of
   * p̂(1 − p̂)/nᵢ. Larger observed variance (prompts differ) puts the naive curve above the
   * unbiased one; smaller (successes spread evenly) puts it below.
   */
  rate_variance_if_one_p: number;
  /** Unbiased pass@k, k = "1" … samples_per_prompt, averaged over prompts. */
  pass_at_k: Record<string, number>;
  /** The naive curve 1 − (1 − p̂)^k at the same k. */
  pass_at_k_naive: Record<string, number>;
  /** How often each index was chosen. */
  chosen_index_counts: Record<string, number>;
  /** The slice measured, when `--max` kept only the first examples of the dataset. */
  slice?: SliceSummary;
  /** The KL estimate over every sample of the pack that carries both log-probabilities. */
  kl?: KlEstimate;
}

/** Per-prompt counts a selection summary is built from. */
export interface SelectionTally {
  /** Samples per prompt, (prompts,). */
  nOf: Int32Array;
  /** Correct samples per prompt, (prompts,). */
  cOf: Int32Array;
  passes1: number;
  passesN: number;
  rescued: number;
  lost: number;
  /** How often each index among the first N was chosen. */
  chosenCounts: number[];
}

/**
 * The summary of a selection over every prompt: pass@1 and pass@N with Wilson intervals, the
 * unbiased and naive pass@k curves, and the variance that explains their gap (see passk.ts).
 */
export function summarizeSelection(
  n: number,
  t: SelectionTally,
  tieBreak: string,
): { summary: SelectSummary; curve: PassAtKPoint[] } {
  const m = t.nOf.length;
  const curve = passAtKCurve(t.nOf, t.cOf);
  let rateSum = 0, never = 0, always = 0;
  for (let i = 0; i < m; i++) {
    rateSum += t.cOf[i] / t.nOf[i];
    if (t.cOf[i] === 0) never++;
    if (t.cOf[i] === t.nOf[i]) always++;
  }
  const pHat = m === 0 ? 0 : rateSum / m;
  let varSum = 0, varOneP = 0;
  for (let i = 0; i < m; i++) {
    varSum += (t.cOf[i] / t.nOf[i] - pHat) ** 2;
    varOneP += pHat * (1 - pHat) / t.nOf[i];
  }
  const summary: SelectSummary = {
    kind: "select",
    n,
    n_prompts: m,
    samples_per_prompt: curve.length,
    tie_break: tieBreak,
    passes_at_1: t.passes1,
    passes_at_n: t.passesN,
    pass_at_1: m === 0 ? 0 : t.passes1 / m,
    pass_at_n: m === 0 ? 0 : t.passesN / m,
    ci95_at_1: wilson(t.passes1, m),
    ci95_at_n: wilson(t.passesN, m),
    rescued: t.rescued,
    lost: t.lost,
    mean_sample_pass_rate: pHat,
    never_solved: never,
    always_solved: always,
    rate_variance: m === 0 ? 0 : varSum / m,
    rate_variance_if_one_p: m === 0 ? 0 : varOneP / m,
    pass_at_k: Object.fromEntries(curve.map((p) => [String(p.k), p.unbiased])),
    pass_at_k_naive: Object.fromEntries(curve.map((p) => [String(p.k), p.naive])),
    chosen_index_counts: Object.fromEntries(t.chosenCounts.map((k, j) => [String(j), k])),
  };
  return { summary, curve };
}

/**
 * Counts one prompt's selection into `t` (prompt index `i`) and returns its result line: the
 * chosen sample's verdict, sample 0's reward, whether selection rescued the prompt, every
 * sample's reward, and (when another sample than the first was chosen) sample 0's completion
 * and code.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { score } from "../instrument/scorer.ts";
 * import { selectPrompt } from "./selection.ts";
 * import { newSelectionTally, tallyPrompt } from "./tally.ts";
 * const samples = [{ completion: "Final: 4" }, { completion: "Final: 5" }];
 * const s = selectPrompt({ expected_answer: 5 }, samples, 2, score);
 * const t = newSelectionTally(1, 2);
 * assertEquals(tallyPrompt(t, 0, "q1", samples, s).rescued, true);
 * assertEquals([t.passes1, t.passesN, t.rescued], [0, 1, 1]);
 * ```
 */
export function tallyPrompt(
  t: SelectionTally,
  i: number,
  id: string,
  samples: readonly Sample[],
  s: PromptSelection,
): SelectRow {
  const chosen = s.results[s.chosen], first = s.rewards[0];
  t.nOf[i] = samples.length;
  t.cOf[i] = s.rewards.reduce((a: number, r) => a + r, 0);
  t.passes1 += first;
  t.passesN += chosen.reward;
  if (first === 0 && chosen.reward === 1) t.rescued++;
  if (first === 1 && chosen.reward === 0) t.lost++;
  t.chosenCounts[s.chosen]++;
  const row: SelectRow = {
    id,
    reward: chosen.reward,
    chosen: s.chosen,
    reward_first: first,
    rescued: first === 0 && chosen.reward === 1,
    rewards: s.rewards,
    code: chosen.details.code,
    answer: chosen.details.answer,
    expected: chosen.details.expected,
    message: chosen.details.message,
    completion: samples[s.chosen].completion,
  };
  if (s.chosen !== 0) {
    row.first_completion = samples[0].completion;
    row.first_code = s.results[0].details.code;
  }
  return row;
}

/** An empty tally for `m` prompts and best-of-`n`. */
export function newSelectionTally(m: number, n: number): SelectionTally {
  return {
    nOf: new Int32Array(m),
    cOf: new Int32Array(m),
    passes1: 0,
    passesN: 0,
    rescued: 0,
    lost: 0,
    chosenCounts: new Array<number>(n).fill(0),
  };
}
