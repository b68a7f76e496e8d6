/**
 * The tiny policy's own environment: small-number word problems a one-layer GRU over cl100k
 * tokens can learn (every number is one token), and the prompts of its supervised corpus.
 *
 * cl100k cuts numbers into 1–3-digit chunks, so the full `math_dev` mix (4-digit sums, products,
 * 16-digit numbers) asks a tiny model for multi-token arithmetic it cannot learn in minutes. The
 * templates here are five of the generator's (lib/datagen/problems.ts): apples (a − b),
 * temperature (a − b, often negative), sharing (a ÷ b), zero ((a − a)·b) and eaten (a − a), the
 * first three with smaller numbers than `math_dev` uses.
 *
 * Three sealed splits, each with its own seed and ids, so no manifest can confuse them with
 * `math_dev` or with each other:
 * - `small_dev` (120, `small-dev-0001` …, what RL trains on) and `small_holdout` (60), in the
 *   generator's own wording;
 * - `small_test` (1,000, `small-test-0001` …), in every wording of lib/datagen/small_wordings.ts:
 *   no prompt of dev or holdout, and no **fact** of theirs (the same template and numbers in
 *   another wording), so RL's training on dev cannot answer a test prompt by recall.
 *
 * The corpus prompts come from the same templates in every wording: {@link corpusPrompts}
 * rejects any prompt of any dataset and any fact of dev or holdout, and uses ids of its own
 * (`sft-…`). So no evaluation prompt is ever trained on, and the arithmetic of dev and holdout
 * never is either (as before the wordings were widened); a test prompt's arithmetic usually is,
 * in other wordings (tests/datagen/small_test.ts proves all of it on the files).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { corpusPrompts, makeSmallProblems } from "./small.ts";
 * const test = makeSmallProblems("test");
 * const seen = new Set(test.map((p) => p.prompt));
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
import { parseSmall, type SmallDraw, WIDE_TEMPLATES } from "./small_wordings.ts";

/**
 * The small environment's templates in the generator's own wording (lib/datagen/problems.ts),
 * which `small_dev` and `small_holdout` are drawn from, with numbers small enough that every
 * question has a few hundred variants at most, so a tiny model can learn the arithmetic from a
 * few minutes of data (zero and eaten are the generator's own). The same templates in every
 * wording, with the same numbers, are lib/datagen/small_wordings.ts's `WIDE_TEMPLATES`.
 */
export const SMALL_TEMPLATES: readonly NamedTemplate[] = [
  applesTemplate({ a: [5, 20], bMin: 1 }),
  temperatureTemplate({ a: [-5, 10], b: [1, 10] }),
  shareTemplate({ each: [2, 12], kids: [2, 9] }),
  ZERO_TEMPLATE,
  EATEN_TEMPLATE,
];

/** The small environment's templates in the generator's wording. */
export function smallTemplates(): readonly NamedTemplate[] {
  return SMALL_TEMPLATES;
}

/** Sizes and seeds of the small splits (dev and holdout in the generator's wording). */
export const SMALL_SPLITS = {
  dev: { count: 120, seed: 303 },
  holdout: { count: 60, seed: 404 },
  test: { count: 1000, seed: 505 },
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

/** One draw from the widened templates (by weight), with the format instruction appended. */
function drawWide(rng: ReturnType<typeof makeRng>): SmallDraw & { prompt: string } {
  const total = WIDE_TEMPLATES.reduce((s, t) => s + t.weight, 0);
  let u = rng.next() * total;
  const t = WIDE_TEMPLATES.find((t) => (u -= t.weight) < 0) ?? WIDE_TEMPLATES[0];
  const d = t.make(rng);
  return { ...d, prompt: `${d.text} ${FORMAT_INSTRUCTION}` };
}

/**
 * The problems of a small split (`small-dev-0001` …), the same on every call. Holdout never
 * repeats a dev prompt; test (every wording) repeats no prompt and no fact of either.
 */
export function makeSmallProblems(split: keyof typeof SMALL_SPLITS): Problem[] {
  const dev = drawProblems("small-dev", SMALL_SPLITS.dev.count, SMALL_SPLITS.dev.seed);
  if (split === "dev") return dev;
  const { count, seed } = SMALL_SPLITS.holdout;
  const holdout = drawProblems("small-holdout", count, seed, new Set(dev.map((p) => p.prompt)));
  if (split === "holdout") return holdout;
  const facts = factsOf([...dev, ...holdout]);
  const rng = makeRng(SMALL_SPLITS.test.seed);
  const seen = new Set<string>();
  const test: Problem[] = [];
  while (test.length < SMALL_SPLITS.test.count) {
    const d = drawWide(rng);
    if (facts.has(d.fact) || seen.has(d.prompt)) continue;
    seen.add(d.prompt);
    const id = `small-test-${String(test.length + 1).padStart(4, "0")}`;
    test.push({ id, prompt: d.prompt, expected_answer: d.answer, difficulty: d.difficulty });
  }
  return test;
}

/** The facts (template and numbers, lib/datagen/small_wordings.ts) of small-environment rows. */
export function factsOf(rows: readonly { prompt: string }[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) {
    const f = parseSmall(r.prompt)?.fact;
    if (f !== undefined) out.add(f);
  }
  return out;
}

/** The template a small-environment prompt was made from (in any wording), or null. */
export function templateOf(prompt: string): string | null {
  return parseSmall(prompt)?.template ?? null;
}

/** A corpus prompt: a dataset-shaped row (its own id) and the template it came from. */
export interface CorpusPrompt {
  id: string;
  prompt: string;
  expected_answer: number | string;
  template: string;
}

/** Every prompt of every dataset the generator makes (math and small, every split). */
export function evaluationPrompts(): Set<string> {
  const all = [
    ...makeProblems("dev", 120, 101),
    ...makeProblems("holdout", 60, 202),
    ...makeSmallProblems("test"),
    ...makeSmallProblems("dev"),
    ...makeSmallProblems("holdout"),
  ];
  return new Set(all.map((p) => p.prompt));
}

/**
 * `count` corpus prompts from the small templates in every wording (`sft-000001` …), drawn with
 * `seed`. A question may repeat within the corpus but is never a prompt of any evaluation set,
 * nor a fact of small_dev or small_holdout in any wording.
 */
export function corpusPrompts(count: number, seed: number): CorpusPrompt[] {
  const rng = makeRng(seed);
  const banned = evaluationPrompts();
  const facts = factsOf([...makeSmallProblems("dev"), ...makeSmallProblems("holdout")]);
  const out: CorpusPrompt[] = [];
  while (out.length < count) {
    const d = drawWide(rng);
    if (banned.has(d.prompt) || facts.has(d.fact)) continue;
    out.push({
      id: `sft-${String(out.length + 1).padStart(6, "0")}`,
      prompt: d.prompt,
      expected_answer: d.answer,
      template: d.template,
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
    ["datasets/small_test.jsonl", toJsonl(rows("test"))],
  ];
}
