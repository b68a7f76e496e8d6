/**
 * The tiny policy's own environment: small-number word problems a one-layer GRU over cl100k
 * tokens can learn (every number is one token), and the prompts of its supervised corpus.
 *
 * cl100k cuts numbers into 1–3-digit chunks, so the full `math_dev` mix (4-digit sums, products,
 * 16-digit numbers) asks a tiny model for multi-token arithmetic it cannot learn in minutes. The
 * templates here are the generator's own (lib/datagen/datagen.ts) restricted to those whose
 * numbers stay small: apples (a − b), temperature (a − b, often negative), sharing (a ÷ b),
 * zero ((a − a)·b) and eaten (a − a). `small_dev` and `small_holdout` are made from them with
 * their own seeds and ids (`small-dev-0001`, …), so no manifest can confuse them with `math_dev`.
 *
 * The corpus prompts come from the same templates with other numbers: {@link corpusPrompts}
 * rejects any question that is a prompt of any dataset, and uses ids of its own (`sft-…`), so
 * the corpus and every evaluation set are disjoint (tests/datagen/small_test.ts proves it on the
 * files).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { corpusPrompts, makeSmallProblems } from "./small.ts";
 * const dev = makeSmallProblems("dev");
 * const seen = new Set(dev.map((p) => p.prompt));
 * assert(corpusPrompts(50, 0).every((p) => !seen.has(p.prompt)));
 * ```
 * @module
 */
import { makeRng } from "../core/prng.ts";
import {
  answerValue,
  FORMAT_INSTRUCTION,
  makeProblems,
  type Problem,
  PROBLEM_TEMPLATES,
  type Template,
} from "./datagen.ts";

/** The templates of the small environment, by name, with their weights in it. */
export const SMALL_TEMPLATE_WEIGHTS: Readonly<Record<string, number>> = {
  apples: 1.5,
  temperature: 1.5,
  share: 1,
  zero: 1,
  eaten: 0.5,
};

/** The small environment's templates (the generator's, re-weighted), in the generator's order. */
export function smallTemplates(): { name: string; weight: number; make: Template }[] {
  return PROBLEM_TEMPLATES.filter((t) => t.name in SMALL_TEMPLATE_WEIGHTS).map((t) => ({
    ...t,
    weight: SMALL_TEMPLATE_WEIGHTS[t.name],
  }));
}

/** Sizes and seeds of the two small splits. */
export const SMALL_SPLITS = {
  dev: { count: 120, seed: 303 },
  holdout: { count: 60, seed: 404 },
} as const;

/** The problems of a small split (`small-dev-0001` …), the same on every call. */
export function makeSmallProblems(split: keyof typeof SMALL_SPLITS): Problem[] {
  const { count, seed } = SMALL_SPLITS[split];
  return makeProblems(`small-${split}`, count, seed, smallTemplates());
}

/** The template a small-environment prompt was made from (by its wording), or null. */
export function templateOf(prompt: string): string | null {
  if (prompt.startsWith("A farmer has")) return "apples";
  if (prompt.startsWith("At dawn the temperature")) return "temperature";
  if (/^\d+ stickers are shared/.test(prompt)) return "share";
  if (prompt.startsWith("Compute (")) return "zero";
  if (prompt.startsWith("A jar holds")) return "eaten";
  return null;
}

/** A corpus prompt: a dataset-shaped row (its own id) and the template it came from. */
export interface CorpusPrompt {
  id: string;
  prompt: string;
  expected_answer: number | string;
  template: string;
}

/** Every prompt of every dataset the generator makes (math and small, dev and holdout). */
export function evaluationPrompts(): Set<string> {
  const all = [
    ...makeProblems("dev", 120, 101),
    ...makeProblems("holdout", 60, 202),
    ...makeSmallProblems("dev"),
    ...makeSmallProblems("holdout"),
  ];
  return new Set(all.map((p) => p.prompt));
}

/**
 * `count` corpus prompts from the small templates (`sft-000001` …), drawn with `seed`. A
 * question may repeat within the corpus (the templates have few distinct questions, `eaten`
 * only 36) but is never a prompt of any evaluation set.
 */
export function corpusPrompts(count: number, seed: number): CorpusPrompt[] {
  const rng = makeRng(seed);
  const templates = smallTemplates();
  const total = templates.reduce((s, t) => s + t.weight, 0);
  const banned = evaluationPrompts();
  const out: CorpusPrompt[] = [];
  while (out.length < count) {
    let u = rng.next() * total;
    const t = templates.find((t) => (u -= t.weight) < 0) ?? templates[0];
    const { text, answer } = t.make(rng);
    const prompt = `${text} ${FORMAT_INSTRUCTION}`;
    if (banned.has(prompt)) continue;
    out.push({
      id: `sft-${String(out.length + 1).padStart(6, "0")}`,
      prompt,
      expected_answer: answerValue(answer),
      template: t.name,
    });
  }
  return out;
}
