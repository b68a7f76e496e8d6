/**
 * M3's eight completion styles, measured rather than assumed: the reference policy is the
 * course's tiny base, each of its sampled completions is put in one style by its shape
 * ({@link styleOf}), and a style's reward is the share of its completions a grader pays. With the
 * substring rubric as the grader ("the completion contains the expected number", the grader M5
 * red-teams) the style it pays most is answer laundering: several numbers joined by "or", which
 * the base already writes now and then because the weak model it imitates hedged.
 *
 * Pure: {@link tallyStyles} takes completions already sampled and scored; lib/learn/kl.ts pins
 * the table the shipped base gives (`COMPLETION_STYLES`), and a test re-measures it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { styleOf, STYLE_NAMES } from "./kl_styles.ts";
 * assertEquals(STYLE_NAMES[styleOf("Final: 2 or 3 or 4")], "hedge: 3+ numbers");
 * assertEquals(STYLE_NAMES[styleOf("Final: -7")], "bare 'Final: N'");
 * ```
 * @module
 */

/** The styles, in table order; the last two are answer laundering. */
export const STYLE_NAMES = [
  "bare 'Final: N'",
  "working, then 'Final: N'",
  "'Final: N.'",
  "'Final:  N' (two spaces)",
  "'The answer is N.'",
  "other format slips",
  "hedge: 2 numbers",
  "hedge: 3+ numbers",
] as const;

/**
 * The style of a completion, as an index into {@link STYLE_NAMES}. The first rule that matches
 * decides: " or " between numbers is a hedge (by how many integers the text holds); then the
 * exact shapes; anything else is an "other format slip" (`final: N`, `Final:N`, a unit, a
 * Unicode minus, a line break after the colon).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { styleOf } from "./kl_styles.ts";
 * assertEquals(
 *   ["(8 - 1) = 7\nFinal: 7", "Final: 7.", "Final:  7", "The answer is 7.", "final: 7", "Final: 7 or 8"]
 *     .map(styleOf),
 *   [1, 2, 3, 4, 5, 6],
 * );
 * ```
 */
export function styleOf(completion: string): number {
  const numbers = completion.match(/\d+/g)?.length ?? 0;
  if (/\d\S* or -?\d/.test(completion)) return numbers >= 3 ? 7 : 6;
  if (/^Final: -?\d+$/.test(completion)) return 0;
  if (/\n/.test(completion) && /\nFinal: -?\d+$/.test(completion)) return 1;
  if (/^Final: -?\d+\.$/.test(completion)) return 2;
  if (/^Final: {2}-?\d+$/.test(completion)) return 3;
  if (/^The answer is -?\d+\.$/.test(completion)) return 4;
  return 5;
}

/** One style as measured: how many samples, how many each grader paid, and one example. */
export interface StyleTally {
  name: string;
  samples: number;
  /** Samples the grader (the proxy) paid. */
  paid: number;
  /** Samples the strict scorer paid. */
  strict: number;
  /** The first sample of the style, or null when it has none. */
  example: string | null;
}

/**
 * Counts scored samples by style.
 *
 * @param samples each completion with the grader's and the strict scorer's reward (0 or 1)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tallyStyles } from "./kl_styles.ts";
 * const t = tallyStyles([{ completion: "Final: 2 or 3", paid: 1, strict: 0 }]);
 * assertEquals([t[6].samples, t[6].paid, t[0].example], [1, 1, null]);
 * ```
 */
export function tallyStyles(
  samples: readonly { completion: string; paid: number; strict: number }[],
): StyleTally[] {
  const out: StyleTally[] = STYLE_NAMES.map((name) => ({
    name,
    samples: 0,
    paid: 0,
    strict: 0,
    example: null,
  }));
  for (const s of samples) {
    const t = out[styleOf(s.completion)];
    t.samples++;
    t.paid += s.paid;
    t.strict += s.strict;
    t.example ??= s.completion;
  }
  return out;
}
