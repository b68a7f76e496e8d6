/**
 * Loop B, selection: spend sampling compute to pick a better output, without changing the policy.
 * The engine, pure: validate a pack's samples, score each sample once, choose by
 * {@link pickBest}, and summarise pass@1, pass@N and pass@k over the prompts. The run writer is
 * lib/experiments/select.ts; the summary for people is lib/present/select_summary.ts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { selectPrompt } from "./selection.ts";
 * import { score } from "../instrument/scorer.ts";
 * const ex = { expected_answer: 7 };
 * const s = selectPrompt(ex, [{ completion: "Final: 6" }, { completion: "Final: 7" }], 2, score);
 * assertEquals([s.chosen, s.rewards], [1, [0, 1]]);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import type { RubricResult, ScoreFn } from "../instrument/rubric_contract.ts";
import { logprobPair } from "../measure/kl_estimate.ts";
import { describeType } from "../measure/rows.ts";

/**
 * One sample of a pack: the completion, and its two log-probabilities when the pack has both
 * (see lib/measure/kl_estimate.ts: both or neither; `sum_logprob` is read as `logprob`).
 */
export interface Sample {
  completion: string;
  /** log π(completion | prompt) under the sampling policy, if recorded. */
  logprob?: number;
  /** log π_ref(completion | prompt) under a reference policy, if recorded. */
  ref_logprob?: number;
}

/** A sample with the reward the instrument gave it (each sample is scored once). */
export interface ScoredSample extends Sample {
  reward: 0 | 1;
}

/** The tie-break, stated in every output. */
export const TIE_BREAK = "first index among the highest reward";

/**
 * Validates the `samples` field of one pack record: a non-empty array whose items are strings or
 * objects `{completion, logprob?, ref_logprob?}` (the log-probabilities both or neither, each a
 * finite number ≤ 0; `sum_logprob` is read as `logprob`).
 *
 * @throws InputError naming `path:line` and the offending sample index
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { packSamples } from "./selection.ts";
 * const s = packSamples({ samples: ["Final: 1", { completion: "Final: 2", logprob: -3.5, ref_logprob: -4 }] }, "p.jsonl", 1);
 * assertEquals(s[1], { completion: "Final: 2", logprob: -3.5, ref_logprob: -4 });
 * ```
 */
export function packSamples(row: Record<string, unknown>, path: string, line: number): Sample[] {
  if (!("samples" in row)) throw new InputError(path, line, "missing field 'samples'");
  const raw = row.samples;
  if (!Array.isArray(raw)) {
    throw new InputError(
      path,
      line,
      `field 'samples' must be an array, got ${describeType(raw)}`,
    );
  }
  if (raw.length === 0) throw new InputError(path, line, "field 'samples' is an empty array");
  return raw.map((s, j): Sample => {
    if (typeof s === "string") return { completion: s };
    const where = `samples[${j}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) {
      throw new InputError(
        path,
        line,
        `${where} must be a string or an object {completion, logprob?, ref_logprob?}, got ${
          describeType(s)
        }`,
      );
    }
    const o = s as Record<string, unknown>;
    if (typeof o.completion !== "string") {
      throw new InputError(
        path,
        line,
        `${where}.completion must be a string, got ${describeType(o.completion)}`,
      );
    }
    const sample: Sample = { completion: o.completion };
    const pair = logprobPair(o, path, line, where);
    if (pair !== null) Object.assign(sample, pair);
    return sample;
  });
}

// ---------------------------------------------------------------------------------------------
// THE SELECTION RULE. Replace this function to try another rule (shortest completion, highest
// logprob, a learned verifier…); everything else — scoring, pass@N, the run, the gate — stays.
// ---------------------------------------------------------------------------------------------
/**
 * Best-of-N: the index and reward of the best of the scored samples. Ties go to the first index
 * among the highest reward, so the choice is deterministic and, when sample 0 is already
 * correct, selection keeps it. The samples arrive scored: each was scored once, by the run's
 * instrument, before the rule sees it.
 *
 * @param scored the first N samples of a prompt with their rewards (non-empty)
 * @returns `{ index, reward }` of the chosen sample
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pickBest } from "./selection.ts";
 * const scored = [{ completion: "Final: 6", reward: 0 }, { completion: "Final: 7", reward: 1 }, { completion: "Final: 7", reward: 1 }] as const;
 * assertEquals(pickBest(scored), { index: 1, reward: 1 });
 * ```
 */
export function pickBest(scored: readonly { reward: number }[]): { index: number; reward: number } {
  let index = 0, reward = -Infinity;
  for (let i = 0; i < scored.length; i++) {
    if (scored[i].reward > reward) [index, reward] = [i, scored[i].reward]; // strict >: ties keep the earlier
  }
  return { index, reward };
}

/** A selection rule with {@link pickBest}'s signature. */
export type PickFn = (scored: readonly ScoredSample[]) => { index: number; reward: number };

/** One prompt selected: every sample's verdict, their rewards, and the chosen index. */
export interface PromptSelection {
  results: RubricResult[];
  rewards: (0 | 1)[];
  chosen: number;
}

/**
 * Scores every sample of one prompt once and chooses among the first `n` with `pick`.
 *
 * @param example what the instrument needs (`expected_answer`)
 * @param samples every sample of the prompt (at least `n`)
 * @param n best-of-N
 * @param scoreFn the run's instrument
 * @param pick the selection rule (default {@link pickBest})
 * @throws RangeError when the rule returns an index outside the first `n`
 */
export function selectPrompt(
  example: unknown,
  samples: readonly Sample[],
  n: number,
  scoreFn: ScoreFn,
  pick: PickFn = pickBest,
): PromptSelection {
  const results = samples.map((s) => scoreFn(example, s.completion)); // (n_samples,)
  const rewards = results.map((r) => r.reward);
  const scored = samples.slice(0, n).map((s, i): ScoredSample => ({ ...s, reward: rewards[i] }));
  const { index } = pick(scored);
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`the selection rule chose index ${index}, outside the first ${n} samples`);
  }
  return { results, rewards, chosen: index };
}
