/**
 * M3's completion styles measured on the course's own reference policy (samples; reads nothing):
 * `n` completions of every prompt from the policy, each put in a style by its shape
 * (lib/learn/kl_styles.ts) and scored by a grader and by the strict scorer; then the styles as
 * the actions of the KL-regularised objective, π_ref(a) their share of the samples and r(a) the
 * share of them the grader paid. `COMPLETION_STYLES` (lib/learn/kl.ts) pins what the shipped base
 * gives with the substring rubric; tests/learn/kl_styles_test.ts re-measures it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { stylesAsActions } from "./style_lab.ts";
 * const tally = [{ name: "a", samples: 3, paid: 3, strict: 3, example: "x" },
 *   { name: "b", samples: 1, paid: 0, strict: 0, example: "y" }];
 * assertEquals(stylesAsActions(tally), [{ name: "a", reward: 1, ref: 0.75 },
 *   { name: "b", reward: 0, ref: 0.25 }]);
 * ```
 * @module
 */
import { type RubricName, RUBRICS } from "../instrument/rubrics.ts";
import { score } from "../instrument/scorer.ts";
import type { KlAction } from "../learn/kl.ts";
import { type StyleTally, tallyStyles } from "../learn/kl_styles.ts";
import type { RlExample } from "../learn/rl_eval.ts";
import { samplePrompts, type SamplerPolicy, samplingOptions } from "../policy/sampler.ts";

/** How the reference policy is sampled: 8 per prompt, temperature 1, seed 0 (`sample --n 8`). */
export const STYLE_SAMPLING = { n: 8, seed: 0, rubric: "substring" as RubricName };

/**
 * Samples `n` completions of every example from `policy` (the streams `deno task sample` uses)
 * and tallies them by style, each scored by `rubric` (paid) and the strict scorer.
 */
export function measureStyles(
  policy: SamplerPolicy,
  examples: readonly RlExample[],
  opts: { n: number; seed: number; rubric: RubricName } = STYLE_SAMPLING,
): StyleTally[] {
  const s = samplingOptions({ n: opts.n, temperature: 1, max_tokens: 48, seed: opts.seed });
  const drawn = samplePrompts(policy, examples.map((ex) => ({ ids: ex.ids, key: ex.id })), s);
  const scored = examples.flatMap((ex, j) =>
    drawn[j].map(({ text: completion }) => ({
      completion,
      paid: RUBRICS[opts.rubric](ex, completion).reward,
      strict: score(ex, completion).reward,
    }))
  );
  return tallyStyles(scored);
}

/** The tally as the actions of the objective: π_ref = share of samples, r = share paid. */
export function stylesAsActions(tally: readonly StyleTally[]): KlAction[] {
  const total = tally.reduce((n, t) => n + t.samples, 0);
  return tally.map((t) => ({
    name: t.name,
    reward: t.samples === 0 ? 0 : t.paid / t.samples,
    ref: total === 0 ? 0 : t.samples / total,
  }));
}
