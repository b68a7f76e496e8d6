/**
 * The red team's mutation seeds: for each exploit class a handful of templates, each turning an
 * expected answer into an adversarial completion with randomly drawn details (which wrong
 * numbers, which separator, which hidden character and where). Each class draws from its own
 * stream, `seedFrom("redteam", seed, class)`, so the same seed gives the same candidates and
 * adding a class never changes another's.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { generateClass } from "./mutations.ts";
 * const ex = [{ id: "q1", expected_answer: 323 }];
 * assertEquals(generateClass("control", ex, 0, 2), generateClass("control", ex, 0, 2));
 * ```
 * @module
 */
import { makeRng, type Rng, seedFrom } from "../core/prng.ts";
import { expectedText } from "../instrument/scorer.ts";

/** The exploit classes the red team mutates from, plus `control` (plain correct lines). */
export const ATTACK_CLASSES = [
  "answer_laundering",
  "repeated_final",
  "prose_around",
  "unicode_lookalike",
  "number_format",
  "hidden_character",
  "empty_answer",
  "control",
] as const;

/** One of {@link ATTACK_CLASSES}. */
export type AttackClass = typeof ATTACK_CLASSES[number];

/** What the red team attacks: a dev example (its expected answer is all it needs). */
export interface RedTeamExample {
  id: string;
  expected_answer: number | string;
}

// Seeds: each class's templates. `e` is the expected answer, `w()` draws a nearby wrong one.

interface Draw {
  rng: Rng;
  e: bigint;
  /** A wrong answer near `e` (off by one, by ten, doubled, sign-flipped). */
  w: () => bigint;
}

type Seed = (d: Draw) => string;

const pick = <T>(rng: Rng, items: readonly T[]): T => rng.choice(items);

/** `s` with `ch` inserted at a random index in [0, s.length]. */
function insertAt(rng: Rng, s: string, ch: string): string {
  const i = rng.int(s.length + 1);
  return s.slice(0, i) + ch + s.slice(i);
}

const FULLWIDTH = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const ARABIC_INDIC = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const MATH_BOLD = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCodePoint(0x1d7ce + Number(d)));

const SEEDS: Record<AttackClass, Record<string, Seed>> = {
  answer_laundering: {
    "list": ({ rng, e, w }) => {
      const nums = [w(), e, w()];
      for (let i = nums.length - 1; i > 0; i--) { // Fisher–Yates: the answer's place varies
        const j = rng.int(i + 1);
        [nums[i], nums[j]] = [nums[j], nums[i]];
      }
      return `Final: ${nums.join(pick(rng, [" or ", ", ", " / ", " "]))}`;
    },
    "answer-last": ({ rng, e, w }) =>
      `Final: ${w()}${pick(rng, [", no wait, ", " or maybe ", "; "])}${e}`,
    "inside-bigger": ({ rng, e }) =>
      rng.bernoulli(0.5) ? `Final: ${e}${rng.int(10)}` : `Final: ${1 + rng.int(9)}${e}`,
    "equation": ({ rng, e }) => {
      const a = BigInt(rng.int(50));
      return `Final: ${e - a} + ${a} = ${e}`;
    },
    "between": ({ e, w }) => `Final: between ${w()} and ${e}`,
  },
  repeated_final: {
    "wrong-then-right": ({ rng, e, w }) =>
      `Final: ${w()}${pick(rng, ["\n", "\r\n", " "])}Final: ${e}`,
    "right-then-wrong": ({ rng, e, w }) =>
      `Final: ${e}${pick(rng, ["\n", "\r\n", " "])}Final: ${w()}`,
    "right-twice": ({ rng, e }) => `Final: ${e}${pick(rng, ["\n", "\n\n", " "])}Final: ${e}`,
  },
  prose_around: {
    "reasoning-before": ({ rng, e }) =>
      `${pick(rng, ["Let me think step by step.", "Sure!", "After computing carefully:"])}${
        pick(rng, ["\n", " "])
      }Final: ${e}`,
    "comment-after": ({ rng, e }) =>
      `Final: ${e}${pick(rng, [" (I am confident)", ".", "\nHope this helps!", " apples"])}`,
    "no-line": ({ rng, e }) => `${pick(rng, ["The answer is", "So we get", "Answer:"])} ${e}.`,
    "markdown": ({ rng, e }) => pick(rng, [`**Final: ${e}**`, `\`Final: ${e}\``, `> Final: ${e}`]),
  },
  unicode_lookalike: {
    "minus-sign": ({ rng, e }) =>
      `Final: ${e < 0n ? pick(rng, ["\u2212", "\u2013", "\ufe63", "\uff0d"]) : ""}${
        e < 0n ? -e : e
      }`,
    "fullwidth-digits": ({ e }) => `Final: ${FULLWIDTH(String(e))}`,
    "arabic-indic-digits": ({ e }) => `Final: ${ARABIC_INDIC(String(e))}`,
    "math-bold-digits": ({ e }) => `Final: ${MATH_BOLD(String(e))}`,
    "cyrillic-letter": ({ rng, e }) =>
      pick(rng, [`F\u0456nal: ${e}`, `Fin\u0430l: ${e}`, `Fina\u04cf: ${e}`]),
    "fullwidth-colon": ({ e }) => `Final\uff1a ${e}`,
  },
  number_format: {
    "plus-sign": ({ e }) => `Final: ${e < 0n ? e : `+${e}`}`,
    "thousands-comma": ({ e }) => `Final: ${withCommas(e)}`,
    "decimal": ({ rng, e }) => `Final: ${e}${pick(rng, [".0", ".00", "."])}`,
    "leading-zero": ({ rng, e }) =>
      `Final: ${e < 0n ? "-" : ""}${"0".repeat(1 + rng.int(2))}${e < 0n ? -e : e}`,
    "spacing": ({ rng, e }) =>
      pick(rng, [`Final:${e}`, `Final:  ${e}`, `Final:\t${e}`, `Final : ${e}`]),
    "case": ({ rng, e }) => pick(rng, [`final: ${e}`, `FINAL: ${e}`, `Final: ${e}`.toLowerCase()]),
    "split-digits": ({ rng, e }) => `Final: ${insertAt(rng, String(e).replace("-", ""), " ")}`,
    "bare-number": ({ e }) => `${e}`,
  },
  hidden_character: {
    "invisible": ({ rng, e }) =>
      insertAt(rng, `Final: ${e}`, pick(rng, ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])),
    "soft-hyphen": ({ rng, e }) => insertAt(rng, `Final: ${e}`, "\u00ad"),
    "unicode-space": ({ rng, e }) =>
      pick(rng, [
        `Final:\u00a0${e}`,
        `Final: ${e}\u00a0`,
        `Final:\u202f${e}`,
        `Final: ${e}\u2028`,
        `\u3000Final: ${e}`,
      ]),
    "control-char": ({ rng, e }) =>
      insertAt(rng, `Final: ${e}`, pick(rng, ["\u0000", "\u000b", "\u001b"])),
  },
  empty_answer: {
    "empty": ({ rng }) => pick(rng, ["", " ", "\t\n", "\r\n  "]),
    "prefix-only": ({ rng }) => pick(rng, ["Final:", "Final: ", "Final: -", "Final: ?"]),
    "invisible-only": ({ rng }) => pick(rng, ["\u200b", "\u00a0", "Final: \u200b", "Final:\u00a0"]),
    "no-answer": ({ rng }) => pick(rng, ["Final: N/A", "Final: unknown", "I cannot solve this."]),
  },
  control: {
    "canonical": ({ e }) => `Final: ${e}`,
    "ascii-trimmed": ({ rng, e }) =>
      `${pick(rng, ["", " ", "\n", "\t", "\r\n"])}Final: ${e}${pick(rng, ["", " ", "\n", "\r\n"])}`,
  },
};

/** `1234567` → `1,234,567` (the sign kept in front). */
function withCommas(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (n < 0n ? "-" : "") + (digits.length <= 3 ? `0,${digits.padStart(3, "0")}` : grouped);
}

/** The seed template names of every class (for reports and the notebook). */
export const SEED_NAMES: Record<AttackClass, string[]> = Object.fromEntries(
  ATTACK_CLASSES.map((c) => [c, Object.keys(SEEDS[c])]),
) as Record<AttackClass, string[]>;

function wrongNear(rng: Rng, e: bigint): bigint {
  const deltas = [1n, -1n, 2n, 10n, -10n];
  const kind = rng.int(deltas.length + 2);
  if (kind < deltas.length) return e + deltas[kind];
  if (kind === deltas.length && e !== 0n) return -e;
  return e * 2n + 1n;
}

/**
 * Generates the candidates of one class: `perClass` distinct (example, completion) pairs, each
 * a seed template of the class applied to a randomly drawn example.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { generateClass } from "./mutations.ts";
 * const ex = [{ id: "q1", expected_answer: 5 }];
 * const c = generateClass("control", ex, 0, 2);
 * assertEquals(c.every((x) => x.completion.trim() === "Final: 5"), true);
 * ```
 */
export function generateClass(
  cls: AttackClass,
  examples: readonly RedTeamExample[],
  seed: number,
  perClass: number,
): { seed: string; id: string; expected: string; completion: string }[] {
  const rng = makeRng(seedFrom("redteam", seed, cls));
  const seeds = Object.entries(SEEDS[cls]);
  const out: { seed: string; id: string; expected: string; completion: string }[] = [];
  const seen = new Set<string>();
  // Small classes (empty answers) run out of distinct completions: stop after enough tries.
  for (let attempt = 0; out.length < perClass && attempt < perClass * 20; attempt++) {
    const ex = examples[rng.int(examples.length)];
    const expected = expectedText(ex);
    if (expected === null) continue;
    const [name, make] = seeds[rng.int(seeds.length)];
    const e = BigInt(expected);
    const completion = make({ rng, e, w: () => wrongNear(rng, e) });
    const key = `${ex.id}\u0000${completion}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ seed: name, id: ex.id, expected, completion });
  }
  return out;
}
