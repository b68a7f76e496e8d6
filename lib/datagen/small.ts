/**
 * The tiny policy's own environment: small-number word problems a one-layer GRU over cl100k
 * tokens can learn (every number is one token), and the prompts of its supervised corpus.
 *
 * cl100k cuts numbers into 1–3-digit chunks, so the full `math_dev` mix (4-digit sums, products,
 * 16-digit numbers) asks a tiny model for multi-token arithmetic it cannot learn in minutes. The
 * templates here are five of the generator's (lib/datagen/problems.ts), in its wording: apples
 * (a − b), temperature (a − b, often negative), sharing (a ÷ b), zero ((a − a)·b) and eaten
 * (a − a), the first three with smaller numbers than `math_dev` uses. `small_dev` and `small_holdout` are made from them with
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
  applesTemplate,
  EATEN_TEMPLATE,
  FORMAT_INSTRUCTION,
  makeProblems,
  type NamedTemplate,
  type Problem,
  shareTemplate,
  temperatureTemplate,
  ZERO_TEMPLATE,
} from "./problems.ts";

/**
 * The small environment's templates: the generator's (lib/datagen/problems.ts), in its wording,
 * with numbers small enough that every question has a few hundred variants at most, so a tiny
 * model can learn the arithmetic from a few minutes of data (zero and eaten are the generator's
 * own).
 */
export const SMALL_TEMPLATES: readonly NamedTemplate[] = [
  applesTemplate({ a: [5, 20], bMin: 1 }),
  temperatureTemplate({ a: [-5, 10], b: [1, 10] }),
  shareTemplate({ each: [2, 12], kids: [2, 9] }),
  ZERO_TEMPLATE,
  EATEN_TEMPLATE,
];

/** The small environment's templates. */
export function smallTemplates(): readonly NamedTemplate[] {
  return SMALL_TEMPLATES;
}

/** Sizes and seeds of the two small splits. */
export const SMALL_SPLITS = {
  dev: { count: 120, seed: 303 },
  holdout: { count: 60, seed: 404 },
} as const;

/**
 * Draws `count` problems with distinct prompts, none of them in `exclude`, with ids
 * `<prefix>-0001` … (the draw of lib/datagen/problems.ts's `makeProblems`, plus the exclusion).
 */
export function drawProblems(
  prefix: string,
  count: number,
  seed: number,
  exclude: ReadonlySet<string> = new Set(),
): Problem[] {
  const rng = makeRng(seed);
  const total = SMALL_TEMPLATES.reduce((s, t) => s + t.weight, 0);
  const problems: Problem[] = [];
  const seen = new Set(exclude);
  while (problems.length < count) {
    let u = rng.next() * total;
    const t = SMALL_TEMPLATES.find((t) => (u -= t.weight) < 0) ?? SMALL_TEMPLATES[0];
    const { text, answer, difficulty } = t.make(rng);
    const prompt = `${text} ${FORMAT_INSTRUCTION}`;
    if (seen.has(prompt)) continue;
    seen.add(prompt);
    problems.push({
      id: `${prefix}-${String(problems.length + 1).padStart(4, "0")}`,
      prompt,
      expected_answer: answerValue(answer),
      difficulty,
    });
  }
  return problems;
}

/**
 * The problems of a small split (`small-dev-0001` …), the same on every call. Holdout never
 * repeats a dev prompt.
 */
export function makeSmallProblems(split: keyof typeof SMALL_SPLITS): Problem[] {
  const dev = drawProblems("small-dev", SMALL_SPLITS.dev.count, SMALL_SPLITS.dev.seed);
  if (split === "dev") return dev;
  const { count, seed } = SMALL_SPLITS.holdout;
  return drawProblems("small-holdout", count, seed, new Set(dev.map((p) => p.prompt)));
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

/** The small environment's generated files (path under `data/` → text), for `generateAll`. */
export function smallDataFiles(toJsonl: (rows: readonly unknown[]) => string): [string, string][] {
  const rows = (split: keyof typeof SMALL_SPLITS) =>
    makeSmallProblems(split).map(({ id, prompt, expected_answer }) => ({
      id,
      prompt,
      expected_answer,
    }));
  return [
    ["datasets/small_dev.jsonl", toJsonl(rows("dev"))],
    ["datasets/small_holdout.jsonl", toJsonl(rows("holdout"))],
  ];
}
