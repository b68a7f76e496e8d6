/**
 * Lessons 1 and 2 with error bars, measured from per-prompt counts (how many of `n` samples of
 * each prompt each policy got right, as `deno task rl:lessons` writes them): none of these
 * functions samples. Every gain is trained − base, paired by prompt, with a 95% percentile
 * bootstrap interval that resamples prompts **by fact** (lib/learn/cluster_bootstrap.ts), and
 * the trained side is the per-prompt mean over the runs of one recipe (its seeds).
 *
 * - {@link selectionVsLearningCI}: pass@k from k = 1 to n, over the seeds and per seed; the
 *   smallest k where the base is ahead beyond doubt (a crossover, Yue et al. 2025), and what
 *   the trained runs do at the largest k (ahead, indistinguishable, behind).
 * - {@link coverage}: the prompts the base solves at least once and a trained run never does.
 * - {@link formatVsAnswer}: the pass@1 gain as right answers plus the strict format.
 * - {@link templateGains}: the pass@1 gain by template, and each template's share of it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { formatVsAnswer } from "./passk_lessons.ts";
 * const row = (id: string, b: number, t: number) => ({
 *   id, template: "zero", fact: id, strict: { base: b, rl: t }, answer: { base: 4, rl: 4 },
 * });
 * const parts = formatVsAnswer([row("a", 1, 3), row("b", 2, 4)], { n: 4, base: "base", trained: ["rl"] });
 * assertEquals([parts.strict.gain, parts.answer.gain, parts.format.gain], [0.5, 0, 0.5]);
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";
import { passAtK } from "../select/passk.ts";
import { clusterBootstrap } from "./cluster_bootstrap.ts";

/**
 * One prompt's correct counts under each policy, out of `n` samples each: strict passes and
 * answer-only passes (lib/learn/answer_only.ts) by policy name.
 */
export interface PromptCounts {
  id: string;
  template: string;
  /** The prompt's arithmetic (template and numbers): prompts sharing one are resampled together. */
  fact: string;
  strict: Record<string, number>;
  answer: Record<string, number>;
}

/** What the lessons compare: the base and the trained runs (seeds) of one recipe. */
export interface Comparison {
  /** Samples per prompt and policy. */
  n: number;
  base: string;
  /** One or more trained policies; their per-prompt mean is compared with the base. */
  trained: readonly string[];
  /** Seed of the bootstrap (default 0) and its resamples (default 2,000). */
  seed?: number;
  resamples?: number;
}

/** A paired difference, trained − base, with its 95% interval. */
export interface Gain {
  base: number;
  trained: number;
  gain: number;
  lo: number;
  hi: number;
}

/** A {@link Gain} at one k. */
export type GainAtK = { k: number } & Gain;

/** A per-prompt statistic of one policy (pass@k, a pass rate). */
type PerPrompt = (row: PromptCounts, policy: string) => number;

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);

/** Each statistic's base mean, trained mean and paired gain, from one set of resamples. */
function gains(rows: readonly PromptCounts[], cmp: Comparison, stats: PerPrompt[]): Gain[] {
  const base = stats.map((s) => rows.map((r) => s(r, cmp.base)));
  const trained = stats.map((s) => rows.map((r) => mean(cmp.trained.map((t) => s(r, t)))));
  const diffs = stats.map((_, i) => trained[i].map((t, p) => t - base[i][p]));
  const rng = makeRng(seedFrom("lessons", cmp.seed ?? 0));
  const ci = clusterBootstrap(diffs, rows.map((r) => r.fact), rng, { resamples: cmp.resamples });
  return stats.map((_, i) => ({
    base: mean(base[i]),
    trained: mean(trained[i]),
    gain: ci[i].delta,
    lo: ci[i].lo,
    hi: ci[i].hi,
  }));
}

/** pass@k (strict) at every k of `ks` (each ≤ n), trained − base, with paired intervals. */
export function passAtKGains(
  rows: readonly PromptCounts[],
  cmp: Comparison,
  ks: readonly number[],
): GainAtK[] {
  const stats = ks.map((k): PerPrompt => (r, p) => passAtK(cmp.n, r.strict[p], k));
  return gains(rows, cmp, stats).map((g, i) => ({ k: ks[i], ...g }));
}

/**
 * Below this size a difference is rounding, not a measurement: pass@k of a prompt solved in
 * nearly every sample is 1 − (a product of many factors), which can differ from 1 by 1e-16.
 */
export const ROUNDING = 1e-9;

/** What the trained runs do at the largest k, read from that gain's interval. */
export type LargeK = "ahead" | "indistinguishable" | "behind";

/** Lesson 2 with its error bars. */
export interface SelectionVsLearningCI {
  /** The gain of the mean of the trained runs at every k. */
  gains: GainAtK[];
  /** Each trained run's own gains. */
  seeds: { policy: string; gains: GainAtK[] }[];
  /** Smallest k where the base is ahead beyond doubt (the whole interval below 0), or null. */
  crossoverAt: number | null;
  /** The same for each run, in the order of `seeds`. */
  seedCrossoverAt: (number | null)[];
  /** At the largest k: the trained runs ahead, indistinguishable, or behind (crossed over). */
  largeK: LargeK;
}

/** Lesson 2 with intervals: RL's gain over the base at each k, over the seeds and per seed. */
export function selectionVsLearningCI(
  rows: readonly PromptCounts[],
  cmp: Comparison,
  ks: readonly number[],
): SelectionVsLearningCI {
  const crossing = (g: GainAtK[]) => g.find((x) => x.hi < -ROUNDING)?.k ?? null;
  const all = passAtKGains(rows, cmp, ks);
  const seeds = cmp.trained.map((t) => ({
    policy: t,
    gains: passAtKGains(rows, { ...cmp, trained: [t] }, ks),
  }));
  const last = all[all.length - 1];
  return {
    gains: all,
    seeds,
    crossoverAt: crossing(all),
    seedCrossoverAt: seeds.map((s) => crossing(s.gains)),
    largeK: last.lo > ROUNDING ? "ahead" : last.hi < -ROUNDING ? "behind" : "indistinguishable",
  };
}

/**
 * Coverage: the prompts the base solves at least once among its n samples and a trained run
 * never does (`lost`), and the reverse (`gained`), with the lost ones counted by template.
 * pass@n of the trained run minus the base's is (gained − lost) / prompts: lost coverage is
 * what a crossover at large k is made of.
 */
export function coverage(
  rows: readonly PromptCounts[],
  base: string,
  trained: string,
): { lost: PromptCounts[]; gained: PromptCounts[]; lostByTemplate: Record<string, number> } {
  const lost = rows.filter((r) => r.strict[base] > 0 && r.strict[trained] === 0);
  const gained = rows.filter((r) => r.strict[base] === 0 && r.strict[trained] > 0);
  const lostByTemplate: Record<string, number> = {};
  for (const r of lost) lostByTemplate[r.template] = (lostByTemplate[r.template] ?? 0) + 1;
  return { lost, gained, lostByTemplate };
}

/**
 * The pass@1 gain in two parts that add up to it: `strict` = `answer` + `format`. `answer` is
 * the gain in answer-only correctness (right answers in any format); `format` is the gain in
 * strict − answer-only per prompt, i.e. fewer right answers lost to the format (so
 * `format.base` and `format.trained` are minus the share of samples whose right answer the
 * format cost). Each has its interval.
 */
export function formatVsAnswer(
  rows: readonly PromptCounts[],
  cmp: Comparison,
): { strict: Gain; answer: Gain; format: Gain } {
  const [strict, answer, format] = gains(rows, cmp, [
    (r, p) => r.strict[p] / cmp.n,
    (r, p) => r.answer[p] / cmp.n,
    (r, p) => (r.strict[p] - r.answer[p]) / cmp.n,
  ]);
  return { strict, answer, format };
}

/**
 * The pass@1 gain by template: each template's prompts, base and trained pass@1 with the
 * gain's interval (resampled within the template), and its `share` of the overall gain in
 * points (its prompts / all prompts × its gain; the shares add up to the overall gain).
 */
export function templateGains(
  rows: readonly PromptCounts[],
  cmp: Comparison,
): ({ template: string; prompts: number; share: number } & Gain)[] {
  const names = [...new Set(rows.map((r) => r.template))].sort();
  return names.map((template) => {
    const mine = rows.filter((r) => r.template === template);
    const [g] = gains(mine, cmp, [(r, p) => r.strict[p] / cmp.n]);
    return { template, prompts: mine.length, share: (mine.length / rows.length) * g.gain, ...g };
  });
}

/** One policy's pass rates on a template's prompts (or on all: template `all`). */
export interface TemplatePassRates {
  template: string;
  prompts: number;
  /** Mean over prompts of c / n. */
  pass_at_1: number;
  /** Share of prompts with at least one pass among the n samples. */
  pass_at_n: number;
}

/** A policy's pass@1 and pass@n over all prompts, then by template (sorted). */
export function templatePassRates(
  rows: readonly PromptCounts[],
  n: number,
  policy: string,
): TemplatePassRates[] {
  const rate = (template: string, xs: readonly PromptCounts[]): TemplatePassRates => ({
    template,
    prompts: xs.length,
    pass_at_1: mean(xs.map((r) => r.strict[policy] / n)),
    pass_at_n: mean(xs.map((r) => r.strict[policy] > 0 ? 1 : 0)),
  });
  const names = [...new Set(rows.map((r) => r.template))].sort();
  return [rate("all", rows), ...names.map((t) => rate(t, rows.filter((r) => r.template === t)))];
}
