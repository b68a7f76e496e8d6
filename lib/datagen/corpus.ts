/**
 * The supervised corpus: (prompt, completion) pairs whose completions imitate a weak real model.
 * The prompts come from the small environment's generator (lib/datagen/small.ts, never an
 * evaluation prompt); each completion is drawn from its own seeded stream:
 *
 * 1. the answer: right with probability {@link CorpusMix.correct}, otherwise a slip (off by one
 *    or two, off by ten, the sign flipped);
 * 2. the surface form, by weight ({@link CorpusMix.forms}): mostly the clean line
 *    `Final: <int>`, sometimes a messy one: reasoning before the final line, `The answer is …`,
 *    a trailing period, a double space, a leading zero, no space, a line break after the colon,
 *    a lower-case prefix, a unit, a Unicode minus on negative answers, and **hedges** that list
 *    two to four numbers (`Final: 12 or 13`). Hedges are what a hackable rubric such as
 *    `substring` rewards, so they must be in the base policy's support for RL to find them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeCorpus, renderForm } from "./corpus.ts";
 * assertEquals(renderForm("hedge", ["12", "13"], "", "12"), "Final: 12 or 13");
 * const rows = [{ id: "sft-1", prompt: "A farmer has 5 apples…", expected_answer: 3, template: "apples" }];
 * assertEquals(makeCorpus(rows, 0), makeCorpus(rows, 0));
 * ```
 * @module
 */
import { makeRng, type Rng, seedFrom } from "../core/prng.ts";
import { parseSmall } from "./small_wordings.ts";

/** The surface forms of the corpus. */
export const FORMS = [
  "clean",
  "hedge",
  "reasoning",
  "answer_is",
  "trailing_period",
  "double_space",
  "leading_zero",
  "no_space",
  "newline",
  "lowercase",
  "units",
  "unicode_minus",
] as const;
/** One of {@link FORMS}. */
export type Form = typeof FORMS[number];

/** The mix of a weak model: how often it is right, and how often it writes each form. */
export interface CorpusMix {
  /** Probability of the right answer. */
  correct: number;
  /** Relative weight of each form (`unicode_minus` is drawn only for negative answers). */
  forms: Record<Form, number>;
}

/** The mix the shipped base policy was trained on. */
export const WEAK_MIX: CorpusMix = {
  correct: 0.85,
  forms: {
    clean: 50,
    hedge: 9,
    reasoning: 7,
    answer_is: 6,
    trailing_period: 6,
    double_space: 5,
    leading_zero: 3,
    no_space: 3,
    newline: 2,
    lowercase: 2,
    units: 3,
    unicode_minus: 4,
  },
};

/** A corpus prompt as lib/datagen/small.ts makes it. */
export interface CorpusPromptRow {
  id: string;
  prompt: string;
  expected_answer: number | string;
  template: string;
}

/** A corpus row: the prompt, the completion, and how it was written. */
export interface CorpusRow {
  id: string;
  prompt: string;
  completion: string;
  form: Form;
  correct: boolean;
}

/**
 * The working line of a reasoning completion: the template's arithmetic, read from the prompt
 * (`14 - 5 = 9`, `(37 - 37) * 4 = 0` or `4 * (37 - 37) = 0` as the prompt writes it).
 */
function working(prompt: string, answer: string): string {
  const p = parseSmall(prompt);
  const n = p?.numbers ?? [];
  switch (p?.template) {
    case "apples":
    case "temperature":
      return `${n[0]} - ${n[1]} = ${answer}`;
    case "share":
      return `${n[0]} / ${n[1]} = ${answer}`;
    case "zero":
      return prompt.startsWith("Compute (")
        ? `(${n[0]} - ${n[0]}) * ${n[1]} = ${answer}`
        : `${n[1]} * (${n[0]} - ${n[0]}) = ${answer}`;
    default:
      return `${n[0]} - ${n[0]} = ${answer}`;
  }
}

/** The unit a `units` completion names: the prompt's objects (`pears`, `degrees`), or "". */
function unitOf(prompt: string): string {
  return parseSmall(prompt)?.unit ?? "";
}

/**
 * Writes answers in a form: `numbers[0]` is the answer given (hedges list all of `numbers`).
 */
export function renderForm(
  form: Form,
  numbers: readonly string[],
  prompt: string,
  answer: string = numbers[0],
): string {
  const a = numbers[0];
  switch (form) {
    case "clean":
      return `Final: ${a}`;
    case "hedge":
      return `Final: ${numbers.join(" or ")}`;
    case "reasoning":
      return `${working(prompt, answer)}\nFinal: ${a}`;
    case "answer_is":
      return `The answer is ${a}.`;
    case "trailing_period":
      return `Final: ${a}.`;
    case "double_space":
      return `Final:  ${a}`;
    case "leading_zero":
      return a.startsWith("-") ? `Final: -0${a.slice(1)}` : `Final: 0${a}`;
    case "no_space":
      return `Final:${a}`;
    case "newline":
      return `Final:\n${a}`;
    case "lowercase":
      return `final: ${a}`;
    case "units":
      return unitOf(prompt) ? `Final: ${a} ${unitOf(prompt)}` : `Final: ${a}.`;
    case "unicode_minus":
      return `Final: ${a.replace("-", "\u2212")}`;
  }
}

function slip(answer: number, rng: Rng): number {
  const kind = rng.int(4);
  const wrong = kind === 0
    ? answer + (rng.bernoulli(0.5) ? 1 : -1)
    : kind === 1
    ? answer + (rng.bernoulli(0.5) ? 2 : -2)
    : kind === 2
    ? answer + (rng.bernoulli(0.5) ? 10 : -10)
    : -answer;
  return wrong === answer ? answer + 1 : wrong;
}

function pickForm(mix: CorpusMix, rng: Rng, negative: boolean): Form {
  const entries = FORMS.filter((f) => f !== "unicode_minus" || negative);
  const total = entries.reduce((s, f) => s + mix.forms[f], 0);
  let u = rng.next() * total;
  for (const f of entries) if ((u -= mix.forms[f]) < 0) return f;
  return "clean";
}

/** One weak completion for a prompt row, from the stream `seedFrom("corpus", seed, id)`. */
export function weakCompletion(row: CorpusPromptRow, seed: number, mix = WEAK_MIX): CorpusRow {
  const rng = makeRng(seedFrom("corpus", seed, row.id));
  const truth = Number(row.expected_answer);
  const correct = rng.bernoulli(mix.correct);
  const given = correct ? truth : slip(truth, rng);
  const form = pickForm(mix, rng, given < 0);
  const numbers = [String(given)];
  if (form === "hedge") { // two to four distinct numbers near the given one, in random order
    const extra = 1 + rng.int(3);
    while (numbers.length < 1 + extra) {
      const near = String(given + (rng.int(5) - 2));
      if (!numbers.includes(near)) numbers.splice(rng.int(numbers.length + 1), 0, near);
    }
  }
  return {
    id: row.id,
    prompt: row.prompt,
    completion: renderForm(form, numbers, row.prompt, String(given)),
    form,
    correct,
  };
}

/** The corpus: one weak completion per prompt row. */
export function makeCorpus(
  rows: readonly CorpusPromptRow[],
  seed: number,
  mix = WEAK_MIX,
): CorpusRow[] {
  return rows.map((r) => weakCompletion(r, seed, mix));
}
