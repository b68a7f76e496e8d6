/**
 * The lines an eval and a selection run share in their stories and `summary.md`: the dataset
 * slice measured (`--max`), the note on a dataset that is not the sealed course data, and the KL
 * estimate when the completions carried both log-probabilities (lib/measure/kl_estimate.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sliceLine } from "./measure_notes.ts";
 * assertEquals(
 *   sliceLine({ max_examples: 50, examples_in_file: 120, rows_past_slice: 70 }),
 *   "the first 50 of 120 examples (--max 50; 70 rows past them skipped); the gate compares " +
 *     "this run only with runs on the same slice",
 * );
 * ```
 * @module
 */
import type { SliceSummary } from "../measure/dataset.ts";
import type { KlEstimate } from "../measure/kl_estimate.ts";
import { f3, signed } from "./format.ts";

/** The slice in words, for the story's `slice` line and `summary.md`. */
export function sliceLine(s: SliceSummary): string {
  const skipped = s.rows_past_slice === 0
    ? ""
    : `; ${s.rows_past_slice} row${s.rows_past_slice === 1 ? "" : "s"} past them skipped`;
  return `the first ${s.max_examples} of ${s.examples_in_file} examples (--max ${s.max_examples}` +
    `${skipped}); the gate compares this run only with runs on the same slice`;
}

/**
 * The one-line note on a dataset that is not one of the sealed course datasets, or null when it
 * is one.
 *
 * @example
 * ```ts
 * import { assertEquals, assertStringIncludes } from "../core/testing.ts";
 * import { sealedNote } from "./measure_notes.ts";
 * assertEquals(sealedNote("datasets/math_dev.jsonl"), null);
 * assertStringIncludes(sealedNote(null)!, "not the sealed course data");
 * ```
 */
export function sealedNote(sealed: string | null): string | null {
  return sealed !== null ? null : "note: this dataset is not the sealed course data (its SHA-256 " +
    "is not in data/SHA256SUMS); the gate will refuse to compare this run with runs on the " +
    "sealed datasets";
}

/**
 * The KL estimate for the story: the mean with its standard error, over how many completions,
 * and what the estimator is and needs.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { klEstimateLines } from "./measure_notes.ts";
 * const k = { completions: 8, prompts: 4, mean: 0.25, std_error: 0.1, estimator: "" };
 * assertStringIncludes(klEstimateLines(k).join("\n"), "KL estimate: +0.250 nats (s.e. 0.100)");
 * ```
 */
export function klEstimateLines(k: KlEstimate): string[] {
  const se = k.std_error === null ? "no s.e. with one prompt" : `s.e. ${f3(k.std_error)}`;
  const over = k.completions === k.prompts
    ? `${k.completions} completion${k.completions === 1 ? "" : "s"}`
    : `${k.completions} completions of ${k.prompts} prompts (each prompt's mean, then the mean ` +
      "over prompts)";
  return [
    `KL estimate: ${
      signed(k.mean)
    } nats (${se}) = mean of log π(y|x) − log π_ref(y|x) over ${over}`,
    "  the sampled-completion estimator of KL(π‖π_ref): unbiased only when the completions were " +
    "sampled from π, and it needs both log-probabilities (logprob and ref_logprob) of every row",
  ];
}

/** The KL estimate as a paragraph of `summary.md`. */
export function klEstimateMarkdown(k: KlEstimate): string[] {
  const se = k.std_error === null ? "" : ` (standard error ${f3(k.std_error)})`;
  return [
    `**KL estimate: ${signed(k.mean)} nats**${se} over ${k.completions} completion(s) of ` +
    `${k.prompts} prompt(s): the mean of log π(y|x) − log π_ref(y|x), the sampled-completion ` +
    "estimator of KL(π‖π_ref). It is unbiased only when the completions were sampled from π, " +
    "and it needs both log-probabilities of every completion it uses; a single completion's " +
    "value can be negative.",
    "",
  ];
}
