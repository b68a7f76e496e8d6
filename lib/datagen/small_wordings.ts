/**
 * The small environment's five templates in several wordings each: the same arithmetic (apples
 * a − b, temperature a − b, sharing total ÷ kids, zero (a − a)·b, eaten a − a) with other names,
 * objects and times, so the templates hold about 7,900 distinct prompts instead of about 1,190.
 * Wording 0 of every list is the generator's own (lib/datagen/problems.ts), so the classic
 * prompts of `small_dev` and `small_holdout` are among them. Every number stays one cl100k
 * token (below 1,000).
 *
 * A prompt's **fact** is its template and numbers (`apples 14 5`): two wordings of one fact ask
 * the same arithmetic. {@link parseSmall} reads both back from any prompt of these templates.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { parseSmall, WIDE_TEMPLATES } from "./small_wordings.ts";
 * const d = WIDE_TEMPLATES[0].make(makeRng(1));
 * assertEquals(parseSmall(d.text)?.fact, d.fact);
 * ```
 * @module
 */
import type { Rng } from "../core/prng.ts";

/** One drawn question: its text, its answer, the simulated policy's difficulty, its fact. */
export interface SmallDraw {
  template: string;
  text: string;
  answer: number;
  difficulty: number;
  /** The template and its numbers, e.g. `apples 14 5` (the same in every wording). */
  fact: string;
}

/** A template with its wordings: `wordings` counts the distinct texts one fact can take. */
export interface WideTemplate {
  name: string;
  weight: number;
  wordings: number;
  make: (rng: Rng) => SmallDraw;
}

const between = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);

const SELLERS = ["farmer", "baker", "grocer", "gardener"];
const FRUITS = ["apples", "pears", "plums", "lemons"];
const TIMES: [string, string][] = [
  ["dawn", "midnight"],
  ["noon", "midnight"],
  ["dawn", "noon"],
  ["dusk", "midnight"],
  ["noon", "dusk"],
  ["sunrise", "noon"],
];
const THINGS = ["stickers", "marbles", "cards", "sweets"];
const GROUPS: [string, string][] = [
  ["children", "child"],
  ["friends", "friend"],
  ["players", "player"],
  ["pupils", "pupil"],
];
const CONTAINERS = ["jar", "box", "bag", "tin"];
const SNACKS = ["cookies", "sweets", "grapes", "nuts"];
const EATERS = ["children", "guests"];

/** The five templates, weights and number ranges as the small environment draws them. */
export const WIDE_TEMPLATES: readonly WideTemplate[] = [
  {
    name: "apples",
    weight: 1.5,
    wordings: SELLERS.length * FRUITS.length,
    make: (rng) => {
      const a = between(rng, 5, 20), b = between(rng, 1, a - 1);
      const who = rng.choice(SELLERS), fruit = rng.choice(FRUITS);
      return {
        template: "apples",
        text: `A ${who} has ${a} ${fruit} and sells ${b} of them. How many ${fruit} are left?`,
        answer: a - b,
        difficulty: 0.2,
        fact: `apples ${a} ${b}`,
      };
    },
  },
  {
    name: "temperature",
    weight: 1.5,
    wordings: TIMES.length,
    make: (rng) => {
      const a = between(rng, -5, 10), b = between(rng, 1, 10);
      const [from, to] = rng.choice(TIMES);
      return {
        template: "temperature",
        text: `At ${from} the temperature is ${a} degrees. By ${to} it has fallen by ${b} ` +
          `degrees. What is the temperature at ${to}, in degrees?`,
        answer: a - b,
        difficulty: 0.4,
        fact: `temperature ${a} ${b}`,
      };
    },
  },
  {
    name: "share",
    weight: 1,
    wordings: THINGS.length * GROUPS.length,
    make: (rng) => {
      const each = between(rng, 2, 12), kids = between(rng, 2, 9);
      const thing = rng.choice(THINGS), [group, one] = rng.choice(GROUPS);
      return {
        template: "share",
        text: `${each * kids} ${thing} are shared equally among ${kids} ${group}. ` +
          `How many ${thing} does each ${one} get?`,
        answer: each,
        difficulty: 0.35,
        fact: `share ${each * kids} ${kids}`,
      };
    },
  },
  {
    name: "zero",
    weight: 1,
    wordings: 2,
    make: (rng) => {
      const a = between(rng, 10, 99), b = between(rng, 2, 9);
      const text = rng.int(2) === 0 ? `Compute (${a}-${a})*${b}.` : `Compute ${b}*(${a}-${a}).`;
      return { template: "zero", text, answer: 0, difficulty: 0.15, fact: `zero ${a} ${b}` };
    },
  },
  {
    name: "eaten",
    weight: 0.5,
    wordings: CONTAINERS.length * SNACKS.length * EATERS.length,
    make: (rng) => {
      const a = between(rng, 5, 40);
      const jar = rng.choice(CONTAINERS), snack = rng.choice(SNACKS), who = rng.choice(EATERS);
      return {
        template: "eaten",
        text: `A ${jar} holds ${a} ${snack}. The ${who} eat all ${a} of them. ` +
          `How many ${snack} are left?`,
        answer: 0,
        difficulty: 0.1,
        fact: `eaten ${a}`,
      };
    },
  },
];

/** What {@link parseSmall} reads from a prompt. */
export interface ParsedSmall {
  template: string;
  /** The numbers of the fact, in the fact's order (zero: a then b, whatever the wording). */
  numbers: number[];
  fact: string;
  /** The answer the arithmetic gives. */
  answer: number;
  /** The unit a completion may name (`pears`, `degrees`), or "" (zero). */
  unit: string;
}

const PATTERNS: {
  template: string;
  re: RegExp;
  read: (m: RegExpExecArray) => [number[], string];
}[] = [
  {
    template: "apples",
    re: /^A \w+ has (\d+) (\w+) and sells (\d+) of them\./,
    read: (m) => [[+m[1], +m[3]], m[2]],
  },
  {
    template: "temperature",
    re: /^At \w+ the temperature is (-?\d+) degrees\. By \w+ it has fallen by (\d+) degrees\./,
    read: (m) => [[+m[1], +m[2]], "degrees"],
  },
  {
    template: "share",
    re: /^(\d+) (\w+) are shared equally among (\d+) \w+\./,
    read: (m) => [[+m[1], +m[3]], m[2]],
  },
  {
    template: "zero",
    re: /^Compute (?:\((\d+)-\1\)\*(\d+)|(\d+)\*\((\d+)-\4\))\./,
    read: (m) => [m[1] !== undefined ? [+m[1], +m[2]] : [+m[4], +m[3]], ""],
  },
  {
    template: "eaten",
    re: /^A \w+ holds (\d+) (\w+)\. The \w+ eat all \1 of them\./,
    read: (m) => [[+m[1]], m[2]],
  },
];

function answerOf(template: string, n: readonly number[]): number {
  if (template === "apples" || template === "temperature") return n[0] - n[1];
  if (template === "share") return n[0] / n[1];
  return 0;
}

/**
 * The template, fact, answer and unit of a prompt of the small environment (any wording, the
 * format instruction after it or not), or null for any other text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseSmall } from "./small_wordings.ts";
 * assertEquals(parseSmall("Compute 4*(37-37).")?.fact, "zero 37 4");
 * assertEquals(parseSmall("Compute 17*19."), null);
 * ```
 */
export function parseSmall(prompt: string): ParsedSmall | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(prompt);
    if (m === null) continue;
    const [numbers, unit] = p.read(m);
    return {
      template: p.template,
      numbers,
      fact: [p.template, ...numbers].join(" "),
      answer: answerOf(p.template, numbers),
      unit,
    };
  }
  return null;
}
