/**
 * The teacher's answers to M0.5's exercise and prediction. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */
import type { Sample, ScoreFn, SelectExample } from "../../lib/mod.ts";

/** Predict first (pass@N): selection rescues prompts whose later samples pass. */
export const myPassAtNPrediction = "pass@4 near 0.5, pass@8 near 0.6: more samples, fewer misses";

/**
 * pickBest-contract: the first index among the highest reward (a strict `>` keeps the earlier
 * index on a tie).
 */
export function myPickBest(
  example: SelectExample,
  samples: readonly Sample[],
  scoreFn: ScoreFn,
): { index: number; reward: number } {
  let index = 0, reward = -Infinity;
  samples.forEach((s, i) => {
    const r = scoreFn(example, s.completion).reward;
    if (r > reward) [index, reward] = [i, r];
  });
  return { index, reward };
}

/** Predict first (the tiny base): selection rescues many prompts, but not those no sample solves. */
export const myTinySelectionPrediction =
  "pass@8 near 0.7, well above pass@1; about a quarter of the prompts never solved";
