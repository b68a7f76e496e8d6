/**
 * The teacher's answers to M0.5's exercise and prediction. `deno task notebooks --with-solutions`
 * puts each export in place of the answer cell that declares the same name.
 * @module
 */

/** Predict first (pass@N): selection rescues prompts whose later samples pass. */
export const myPassAtNPrediction = "pass@4 near 0.5, pass@8 near 0.6: more samples, fewer misses";

/**
 * pickBest-contract: the first index among the highest reward (a strict `>` keeps the earlier
 * index on a tie). Every sample was scored once before; the rule only chooses.
 */
export function myPickBest(
  scored: readonly { completion: string; reward: number }[],
): { index: number; reward: number } {
  let index = 0, reward = -Infinity;
  scored.forEach((s, i) => {
    if (s.reward > reward) [index, reward] = [i, s.reward];
  });
  return { index, reward };
}

/** Predict first (the tiny base): selection rescues many prompts, but not those no sample solves. */
export const myTinySelectionPrediction =
  "pass@8 near 0.7, well above pass@1; about a quarter of the prompts never solved";
