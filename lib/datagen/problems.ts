/**
 * The course's problems: arithmetic ("Compute 17*19.") and short word problems, each ending with
 * the format instruction and having one unambiguous integer answer; some are negative, some
 * zero, and a few are larger than 2^53 (given as canonical integer strings so nothing rounds
 * them). The same split, count and seed give the same problems.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeProblems } from "./problems.ts";
 * assertEquals(makeProblems("dev", 3, 1), makeProblems("dev", 3, 1));
 * ```
 * @module
 */
import { makeRng, type Rng } from "../core/prng.ts";
import type { PolicyExample } from "./sim_policy.ts";

/** The instruction every prompt ends with. */
export const FORMAT_INSTRUCTION = "Answer with exactly one line: Final: <int>";

/** A generated problem: the dataset row plus the difficulty the simulated policy uses. */
export type Problem = PolicyExample;

/** A problem template: draws a question, its exact answer and a difficulty from `rng`. */
export type ProblemTemplate = (rng: Rng) => { text: string; answer: bigint; difficulty: number };

const between = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);

/** A named, weighted problem template. */
export interface NamedTemplate {
  name: string;
  weight: number;
  make: ProblemTemplate;
}

/**
 * Apples: `a` apples, `b` sold (a − b); `a` drawn from the range, `b` from `bMin` to a − 1. The
 * generator and the tiny policy's small environment share the wording and differ in ranges.
 */
export function applesTemplate(r: { a: [number, number]; bMin: number }): NamedTemplate {
  return {
    name: "apples",
    weight: 1.5,
    make: (rng) => {
      const a = between(rng, r.a[0], r.a[1]), b = between(rng, r.bMin, a - 1);
      return {
        text: `A farmer has ${a} apples and sells ${b} of them. How many apples are left?`,
        answer: BigInt(a - b),
        difficulty: 0.2,
      };
    },
  };
}

/** Temperature: `a` degrees at dawn, fallen by `b` (a − b, often negative). */
export function temperatureTemplate(
  r: { a: [number, number]; b: [number, number] },
): NamedTemplate {
  return {
    name: "temperature",
    weight: 1.5,
    make: (rng) => {
      const a = between(rng, r.a[0], r.a[1]), b = between(rng, r.b[0], r.b[1]);
      return {
        text:
          `At dawn the temperature is ${a} degrees. By midnight it has fallen by ${b} degrees. ` +
          `What is the temperature at midnight, in degrees?`,
        answer: BigInt(a - b),
        difficulty: 0.4,
      };
    },
  };
}

/** Sharing: `each · kids` stickers shared among `kids` children (a division without rest). */
export function shareTemplate(
  r: { each: [number, number]; kids: [number, number] },
): NamedTemplate {
  return {
    name: "share",
    weight: 1,
    make: (rng) => {
      const each = between(rng, r.each[0], r.each[1]), kids = between(rng, r.kids[0], r.kids[1]);
      return {
        text: `${each * kids} stickers are shared equally among ${kids} children. ` +
          `How many stickers does each child get?`,
        answer: BigInt(each),
        difficulty: 0.35,
      };
    },
  };
}

/** Zero: `(a − a) · b`. */
export const ZERO_TEMPLATE: NamedTemplate = {
  name: "zero",
  weight: 1,
  make: (rng) => {
    const a = between(rng, 10, 99), b = between(rng, 2, 9);
    return { text: `Compute (${a}-${a})*${b}.`, answer: 0n, difficulty: 0.15 };
  },
};

/** Eaten: a jar of `a` cookies, all eaten (0). */
export const EATEN_TEMPLATE: NamedTemplate = {
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
};

/** Problem templates, each returning the question, its exact answer and a difficulty. */
const TEMPLATES: NamedTemplate[] = [
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
  ZERO_TEMPLATE,
  {
    name: "large",
    weight: 0.6,
    make: (rng) => {
      const a = BigInt(between(rng, 100000, 999999)) * 10000n + BigInt(between(rng, 1000, 9999));
      const b = BigInt(between(rng, 100000, 999999)) * 10000n + BigInt(between(rng, 1000, 9999));
      return { text: `Compute ${a}*${b}.`, answer: a * b, difficulty: 0.95 };
    },
  },
  applesTemplate({ a: [15, 90], bMin: 2 }),
  temperatureTemplate({ a: [-5, 20], b: [3, 30] }),
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
  shareTemplate({ each: [3, 25], kids: [2, 12] }),
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
  EATEN_TEMPLATE,
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
