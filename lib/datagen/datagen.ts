/**
 * The generator of the course's sealed data: datasets, frozen rollouts, the selection pack and
 * the golden sets, re-made byte for byte from fixed seeds (`deno task data --check` proves it).
 *
 * Datasets are arithmetic ("Compute 17*19.") and short word problems, each ending with the
 * format instruction and having one unambiguous integer answer; some are negative, some zero,
 * and a few are larger than 2^53 (given as canonical integer strings so nothing rounds them).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeProblems } from "./datagen.ts";
 * assertEquals(makeProblems("dev", 3, 1), makeProblems("dev", 3, 1));
 * ```
 * @module
 */
import { makeRng, type Rng } from "../core/prng.ts";
import {
  EARLY_POLICY,
  LATER_POLICY,
  type PolicyExample,
  sampleCompletion,
  samplingSettings,
  type SimPolicy,
} from "../policy/sim_policy.ts";
import { smallDataFiles } from "./small.ts";

/** The instruction every prompt ends with. */
export const FORMAT_INSTRUCTION = "Answer with exactly one line: Final: <int>";

/** A generated problem: the dataset row plus the difficulty the simulated policy uses. */
export type Problem = PolicyExample;

/** A problem template: draws a question, its exact answer and a difficulty from `rng`. */
export type ProblemTemplate = (rng: Rng) => { text: string; answer: bigint; difficulty: number };

const between = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);

/** Problem templates, each returning the question, its exact answer and a difficulty. */
const TEMPLATES: { name: string; weight: number; make: ProblemTemplate }[] = [
  {
    name: "add",
    weight: 2,
    make: (rng) => {
      const a = between(rng, 12, 999), b = between(rng, 12, 999);
      return { text: `Compute ${a}+${b}.`, answer: BigInt(a + b), difficulty: 0.1 };
    },
  },
  {
    name: "multiply",
    weight: 3,
    make: (rng) => {
      const a = between(rng, 11, 99), b = between(rng, 11, 99);
      return { text: `Compute ${a}*${b}.`, answer: BigInt(a * b), difficulty: 0.3 };
    },
  },
  {
    name: "subtract",
    weight: 2,
    make: (rng) => {
      const a = between(rng, 10, 500), b = between(rng, 10, 900);
      return { text: `Compute ${a}-${b}.`, answer: BigInt(a - b), difficulty: 0.25 };
    },
  },
  {
    name: "mixed",
    weight: 2,
    make: (rng) => {
      const a = between(rng, 3, 40), b = between(rng, 3, 40), c = between(rng, 10, 900);
      return { text: `Compute ${a}*${b}-${c}.`, answer: BigInt(a * b - c), difficulty: 0.5 };
    },
  },
  {
    name: "zero",
    weight: 1,
    make: (rng) => {
      const a = between(rng, 10, 99), b = between(rng, 2, 9);
      return { text: `Compute (${a}-${a})*${b}.`, answer: 0n, difficulty: 0.15 };
    },
  },
  {
    name: "large",
    weight: 0.6,
    make: (rng) => {
      const a = BigInt(between(rng, 100000, 999999)) * 10000n + BigInt(between(rng, 1000, 9999));
      const b = BigInt(between(rng, 100000, 999999)) * 10000n + BigInt(between(rng, 1000, 9999));
      return { text: `Compute ${a}*${b}.`, answer: a * b, difficulty: 0.95 };
    },
  },
  {
    name: "apples",
    weight: 1.5,
    make: (rng) => {
      const a = between(rng, 15, 90), b = between(rng, 2, a - 1);
      return {
        text: `A farmer has ${a} apples and sells ${b} of them. How many apples are left?`,
        answer: BigInt(a - b),
        difficulty: 0.2,
      };
    },
  },
  {
    name: "temperature",
    weight: 1.5,
    make: (rng) => {
      const a = between(rng, -5, 20), b = between(rng, 3, 30);
      return {
        text:
          `At dawn the temperature is ${a} degrees. By midnight it has fallen by ${b} degrees. ` +
          `What is the temperature at midnight, in degrees?`,
        answer: BigInt(a - b),
        difficulty: 0.4,
      };
    },
  },
  {
    name: "boxes",
    weight: 1.5,
    make: (rng) => {
      const a = between(rng, 3, 48), b = between(rng, 6, 36);
      return {
        text: `A shop packs ${a} boxes with ${b} pencils each. How many pencils is that in total?`,
        answer: BigInt(a * b),
        difficulty: 0.35,
      };
    },
  },
  {
    name: "share",
    weight: 1,
    make: (rng) => {
      const each = between(rng, 3, 25), kids = between(rng, 2, 12);
      return {
        text: `${each * kids} stickers are shared equally among ${kids} children. ` +
          `How many stickers does each child get?`,
        answer: BigInt(each),
        difficulty: 0.35,
      };
    },
  },
  {
    name: "balance",
    weight: 1,
    make: (rng) => {
      const a = between(rng, 20, 400), b = between(rng, 10, 600);
      return {
        text: `An account holds ${a} dollars and ${b} dollars are withdrawn. ` +
          `What is the balance now, in dollars?`,
        answer: BigInt(a - b),
        difficulty: 0.4,
      };
    },
  },
  {
    name: "eaten",
    weight: 0.5,
    make: (rng) => {
      const a = between(rng, 5, 40);
      return {
        text:
          `A jar holds ${a} cookies. The children eat all ${a} of them. How many cookies are left?`,
        answer: 0n,
        difficulty: 0.1,
      };
    },
  },
];

/** JSON-safe form of an exact answer: a number when safe, a canonical string beyond 2^53 - 1. */
export function answerValue(answer: bigint): number | string {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return answer <= max && answer >= -max ? Number(answer) : answer.toString();
}

/**
 * Makes `count` problems for a split. The same split, count and seed give the same problems.
 *
 * @param split "dev" or "holdout" (used in the ids)
 * @param count how many problems
 * @param seed the seed of the split
 */
export function makeProblems(split: string, count: number, seed: number): Problem[] {
  const rng = makeRng(seed);
  const total = TEMPLATES.reduce((s, t) => s + t.weight, 0);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  while (problems.length < count) {
    let u = rng.next() * total;
    const t = TEMPLATES.find((t) => (u -= t.weight) < 0) ?? TEMPLATES[0];
    const { text, answer, difficulty } = t.make(rng);
    if (seen.has(text)) continue; // every question once
    seen.add(text);
    problems.push({
      id: `${split}-${String(problems.length + 1).padStart(4, "0")}`,
      prompt: `${text} ${FORMAT_INSTRUCTION}`,
      expected_answer: answerValue(answer),
      difficulty,
    });
  }
  return problems;
}

/**
 * JSONL text of records: one compact line each, trailing newline, and pure ASCII (every other
 * character escaped as `\uXXXX`), so no tool can mistake a U+2028 or U+0085 for a line break
 * and a reader sees exactly which hidden character a completion holds.
 */
export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => asciiJson(r)).join("\n") + "\n";
}

/** `JSON.stringify` with every non-ASCII UTF-16 unit escaped. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/** The dataset rows of problems: `{id, prompt, expected_answer}` (difficulty stays internal). */
export function datasetRows(problems: readonly Problem[]) {
  return problems.map(({ id, prompt, expected_answer }) => ({ id, prompt, expected_answer }));
}

/** One rollout per problem from `policy` (sample 0): `{id, completion}`. */
export function rollouts(policy: SimPolicy, problems: readonly Problem[]) {
  return problems.map((p) => ({ id: p.id, completion: sampleCompletion(policy, p, 0) }));
}

/** A selection pack: `{id, samples}` with `n` samples per problem (sample 0 = the rollout). */
export function selectionPack(policy: SimPolicy, problems: readonly Problem[], n: number) {
  return problems.map((p) => ({
    id: p.id,
    samples: Array.from({ length: n }, (_, i) => sampleCompletion(policy, p, i)),
  }));
}

/** Golden-correct cases: in-spec completions that must all score 1. */
export const GOLDEN_CORRECT: {
  expected_answer: number | string;
  completion: string;
  rule: string;
}[] = [
  { expected_answer: 323, completion: "Final: 323", rule: "the canonical line" },
  { expected_answer: 0, completion: "Final: 0", rule: "zero is written 0" },
  { expected_answer: -17, completion: "Final: -17", rule: "ASCII '-' signs a negative integer" },
  { expected_answer: 42, completion: " Final: 42", rule: "leading U+0020 SPACE is trimmed" },
  { expected_answer: 42, completion: "Final: 42 ", rule: "trailing U+0020 SPACE is trimmed" },
  { expected_answer: 42, completion: "\tFinal: 42\t", rule: "surrounding U+0009 TAB is trimmed" },
  {
    expected_answer: 42,
    completion: "\nFinal: 42\n",
    rule: "surrounding U+000A LINE FEED is trimmed",
  },
  {
    expected_answer: 42,
    completion: "\rFinal: 42\r",
    rule: "surrounding U+000D CARRIAGE RETURN is trimmed",
  },
  { expected_answer: 42, completion: "\r\nFinal: 42\r\n", rule: "surrounding CR LF is trimmed" },
  {
    expected_answer: 7,
    completion: "  \t\r\n Final: 7 \n\t ",
    rule: "any mix of the four is trimmed",
  },
  {
    expected_answer: 9007199254740991,
    completion: "Final: 9007199254740991",
    rule: "the largest safe integer as a JSON number",
  },
  {
    expected_answer: "9007199254740993",
    completion: "Final: 9007199254740993",
    rule: "beyond 2^53 compared exactly",
  },
  {
    expected_answer: "121932631112635269",
    completion: "Final: 121932631112635269",
    rule: "a large product compared exactly",
  },
  {
    expected_answer: "-121932631112635269",
    completion: "Final: -121932631112635269",
    rule: "a large negative compared exactly",
  },
  { expected_answer: 10, completion: "Final: 10", rule: "a trailing zero is not a leading zero" },
  { expected_answer: -100, completion: "Final: -100", rule: "negative with zeros inside" },
];

/** Golden exploits: near-misses and hacks that must all score 0, each with its code. */
export const GOLDEN_EXPLOITS: {
  expected_answer?: unknown;
  completion: unknown;
  expected_code: string;
  rule: string;
}[] = [
  {
    expected_answer: 3.7,
    completion: "Final: 3",
    expected_code: "invalid_example",
    rule: "a float expected_answer is never truncated",
  },
  {
    expected_answer: "0323",
    completion: "Final: 323",
    expected_code: "invalid_example",
    rule: "a non-canonical expected string is not coerced",
  },
  {
    expected_answer: true,
    completion: "Final: 1",
    expected_code: "invalid_example",
    rule: "a boolean is not an integer",
  },
  {
    expected_answer: null,
    completion: "Final: 0",
    expected_code: "invalid_example",
    rule: "null is not an integer",
  },
  {
    completion: "Final: 0",
    expected_code: "invalid_example",
    rule: "a missing expected_answer is not zero",
  },
  {
    expected_answer: 9007199254740993,
    completion: "Final: 9007199254740992",
    expected_code: "invalid_example",
    rule: "an unsafe JSON number has already been rounded",
  },
  {
    expected_answer: 323,
    completion: null,
    expected_code: "invalid_completion",
    rule: "a null completion",
  },
  {
    expected_answer: 323,
    completion: 323,
    expected_code: "invalid_completion",
    rule: "a number is not a completion",
  },
  { expected_answer: 323, completion: "", expected_code: "empty_completion", rule: "empty" },
  {
    expected_answer: 323,
    completion: " \t\r\n ",
    expected_code: "empty_completion",
    rule: "whitespace only",
  },
  {
    expected_answer: 323,
    completion: "Let me think.\nFinal: 323",
    expected_code: "not_single_line",
    rule: "reasoning before the line",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\nFinal: 323",
    expected_code: "not_single_line",
    rule: "a repeated final line",
  },
  {
    expected_answer: 323,
    completion: "Final: 3\r23",
    expected_code: "not_single_line",
    rule: "a lone CR splits lines",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u0000",
    expected_code: "control_character",
    rule: "a NUL inside the line",
  },
  {
    expected_answer: 323,
    completion: "Final:\u000b323",
    expected_code: "control_character",
    rule: "LINE TABULATION is not whitespace in spec v1",
  },
  {
    expected_answer: -17,
    completion: "Final: \u221217",
    expected_code: "unicode_minus",
    rule: "U+2212 MINUS SIGN",
  },
  {
    expected_answer: -17,
    completion: "Final: \u201317",
    expected_code: "unicode_minus",
    rule: "U+2013 EN DASH",
  },
  {
    expected_answer: 323,
    completion: "Final: \u0663\u0662\u0663",
    expected_code: "unicode_digit",
    rule: "Arabic-Indic digits",
  },
  {
    expected_answer: 323,
    completion: "Final: \uff13\uff12\uff13",
    expected_code: "unicode_digit",
    rule: "full-width digits",
  },
  {
    expected_answer: 32,
    completion: "Final: 3\u00b2",
    expected_code: "unicode_digit",
    rule: "a superscript digit",
  },
  {
    expected_answer: 323,
    completion: "Final:\u00a0323",
    expected_code: "unicode_whitespace",
    rule: "NO-BREAK SPACE as the separator",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u00a0",
    expected_code: "unicode_whitespace",
    rule: "a trailing NO-BREAK SPACE is not trimmed",
  },
  {
    expected_answer: 323,
    completion: "Final: 323\u2028",
    expected_code: "unicode_whitespace",
    rule: "LINE SEPARATOR is not a line break in spec v1",
  },
  {
    expected_answer: 323,
    completion: "Final: \u200b323",
    expected_code: "invisible_character",
    rule: "ZERO WIDTH SPACE",
  },
  {
    expected_answer: 323,
    completion: "Final: 32\u200d3",
    expected_code: "invisible_character",
    rule: "ZERO WIDTH JOINER between digits",
  },
  {
    expected_answer: 323,
    completion: "\ufeffFinal: 323",
    expected_code: "invisible_character",
    rule: "a byte-order mark is not trimmed",
  },
  {
    expected_answer: 323,
    completion: "F\u0456nal: 323",
    expected_code: "non_ascii_character",
    rule: "a Cyrillic look-alike letter",
  },
  {
    expected_answer: 323,
    completion: "Final\uff1a 323",
    expected_code: "non_ascii_character",
    rule: "a full-width colon",
  },
  {
    expected_answer: 323,
    completion: "The answer is 323",
    expected_code: "missing_prefix",
    rule: "prose instead of the line",
  },
  {
    expected_answer: 323,
    completion: "final: 323",
    expected_code: "missing_prefix",
    rule: "the prefix is case-sensitive",
  },
  {
    expected_answer: 323,
    completion: "FINAL: 323",
    expected_code: "missing_prefix",
    rule: "upper case is not the prefix",
  },
  {
    expected_answer: 323,
    completion: "323",
    expected_code: "missing_prefix",
    rule: "a bare number",
  },
  {
    expected_answer: 323,
    completion: "Final : 323",
    expected_code: "missing_prefix",
    rule: "a space before the colon",
  },
  {
    expected_answer: 323,
    completion: "**Final: 323**",
    expected_code: "missing_prefix",
    rule: "markdown around the line",
  },
  {
    expected_answer: 323,
    completion: "Final:323",
    expected_code: "missing_space",
    rule: "no space after the colon",
  },
  {
    expected_answer: 323,
    completion: "Final:  323",
    expected_code: "extra_whitespace",
    rule: "two spaces",
  },
  {
    expected_answer: 323,
    completion: "Final:\t323",
    expected_code: "extra_whitespace",
    rule: "a tab instead of the space",
  },
  {
    expected_answer: 323,
    completion: "Final: \t323",
    expected_code: "extra_whitespace",
    rule: "a space then a tab",
  },
  {
    expected_answer: 323,
    completion: "Final:",
    expected_code: "missing_integer",
    rule: "nothing after the prefix",
  },
  {
    expected_answer: 323,
    completion: "Final: ",
    expected_code: "missing_integer",
    rule: "only a space after the prefix",
  },
  {
    expected_answer: 323,
    completion: "Final: +323",
    expected_code: "plus_sign_disallowed",
    rule: "a plus sign",
  },
  {
    expected_answer: -3,
    completion: "Final: -",
    expected_code: "missing_digits",
    rule: "a sign without digits",
  },
  {
    expected_answer: 323,
    completion: "Final: three hundred twenty-three",
    expected_code: "missing_digits",
    rule: "words instead of digits",
  },
  {
    expected_answer: -3,
    completion: "Final: -x",
    expected_code: "missing_digits",
    rule: "a sign then a letter",
  },
  {
    expected_answer: 323,
    completion: "Final: 323.",
    expected_code: "non_digit_characters",
    rule: "a trailing period",
  },
  {
    expected_answer: 323,
    completion: "Final: 323.0",
    expected_code: "non_digit_characters",
    rule: "a decimal",
  },
  {
    expected_answer: 3230,
    completion: "Final: 3,230",
    expected_code: "non_digit_characters",
    rule: "a thousands comma",
  },
  {
    expected_answer: 3230,
    completion: "Final: 3_230",
    expected_code: "non_digit_characters",
    rule: "an underscore separator",
  },
  {
    expected_answer: 323,
    completion: "Final: 3.23e2",
    expected_code: "non_digit_characters",
    rule: "an exponent",
  },
  {
    expected_answer: 323,
    completion: "Final: 323 apples",
    expected_code: "non_digit_characters",
    rule: "a unit",
  },
  {
    expected_answer: 323,
    completion: "Final: 323 323",
    expected_code: "non_digit_characters",
    rule: "two numbers",
  },
  {
    expected_answer: 323,
    completion: "Final: 0323",
    expected_code: "leading_zeros",
    rule: "a leading zero",
  },
  {
    expected_answer: 0,
    completion: "Final: 00",
    expected_code: "leading_zeros",
    rule: "zero written twice",
  },
  {
    expected_answer: -323,
    completion: "Final: -0323",
    expected_code: "leading_zeros",
    rule: "a leading zero after the sign",
  },
  {
    expected_answer: 0,
    completion: "Final: -0",
    expected_code: "negative_zero_disallowed",
    rule: "negative zero",
  },
  {
    expected_answer: 323,
    completion: "Final: 322",
    expected_code: "wrong_answer",
    rule: "off by one",
  },
  {
    expected_answer: 323,
    completion: "Final: -323",
    expected_code: "wrong_answer",
    rule: "the sign matters",
  },
  {
    expected_answer: "9007199254740993",
    completion: "Final: 9007199254740992",
    expected_code: "wrong_answer",
    rule: "no float rounding: 2^53 + 1 is not 2^53",
  },
];

/** Every generated data file: path under `data/` → its text. */
export function generateAll(): Map<string, string> {
  const dev = makeProblems("dev", 120, 101);
  const holdout = makeProblems("holdout", 60, 202);
  const files = new Map<string, string>();
  files.set("datasets/math_dev.jsonl", toJsonl(datasetRows(dev)));
  files.set("datasets/math_holdout.jsonl", toJsonl(datasetRows(holdout)));
  for (const [path, text] of smallDataFiles(toJsonl)) files.set(path, text); // the tiny policy's
  files.set("rollouts/frozen_rollouts_dev.jsonl", toJsonl(rollouts(EARLY_POLICY, dev)));
  files.set(
    "rollouts/frozen_rollouts_dev.meta.json",
    JSON.stringify(samplingSettings(EARLY_POLICY), null, 2) + "\n",
  );
  files.set("rollouts/later_policy_dev.jsonl", toJsonl(rollouts(LATER_POLICY, dev)));
  files.set(
    "rollouts/later_policy_dev.meta.json",
    JSON.stringify(samplingSettings(LATER_POLICY), null, 2) + "\n",
  );
  files.set("rollouts/selection_pack_dev.jsonl", toJsonl(selectionPack(EARLY_POLICY, dev, 8)));
  files.set(
    "rollouts/selection_pack_dev.meta.json",
    JSON.stringify({ ...samplingSettings(EARLY_POLICY), samples_per_prompt: 8 }, null, 2) + "\n",
  );
  files.set(
    "golden/golden_correct.jsonl",
    toJsonl(GOLDEN_CORRECT.map((g, i) => ({ id: `gc-${String(i + 1).padStart(3, "0")}`, ...g }))),
  );
  files.set(
    "golden/golden_exploits.jsonl",
    toJsonl(GOLDEN_EXPLOITS.map((g, i) => ({ id: `gx-${String(i + 1).padStart(3, "0")}`, ...g }))),
  );
  return files;
}
