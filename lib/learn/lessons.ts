/**
 * The four Loop C lessons, measured from run data (pass@k curves from `select`, RL curves from
 * `rl`, completions from `sample`). Each function takes what the runs wrote and returns the
 * figures a notebook, a README line or a test states; none of them trains or samples.
 *
 * 1. Training improves pass@1 ({@link passAtOneLesson}): the trained policy's unbiased pass@1
 *    on holdout against the base's, with pass@8 as the collapse check.
 * 2. Selection vs learning ({@link selectionVsLearning}): the gain of the trained policy over
 *    the base at every k, and whether the base catches up (Yue et al., 2025). With error bars,
 *    over seeds, from per-prompt counts: lib/learn/passk_lessons.ts (pass@k from 1 to 512, the
 *    crossover, lost coverage, format vs answer, per template).
 * 3. Distribution shift ({@link codeShift}, {@link newForms}): scorer codes over training, and
 *    completion forms the trained policy writes that the frozen base sample never did.
 * 4. Goodhart and the leash ({@link goodhartLesson}, {@link betaFrontier}): proxy against
 *    strict over steps, and the reward–KL frontier over β.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { selectionVsLearning } from "./lessons.ts";
 * const base = { "1": 0.2, "2": 0.5 }, trained = { "1": 0.6, "2": 0.55 };
 * assertEquals(selectionVsLearning(base, trained).caughtUpAt, null);
 * ```
 * @module
 */

/** Unbiased pass@k by k (as `select` writes it in summary.json: `pass_at_k`). */
export type PassAtK = Record<string, number>;

/** Lesson 1's figures. */
export interface PassAtOneLesson {
  base1: number;
  trained1: number;
  /** trained1 − base1. */
  gain1: number;
  base8: number;
  trained8: number;
  /** trained8 − base8 (a large negative number is collapse). */
  change8: number;
}

/** Lesson 1 from two `select` summaries' `pass_at_k` (each needs k = 1 and 8). */
export function passAtOneLesson(base: PassAtK, trained: PassAtK): PassAtOneLesson {
  return {
    base1: base["1"],
    trained1: trained["1"],
    gain1: trained["1"] - base["1"],
    base8: base["8"],
    trained8: trained["8"],
    change8: trained["8"] - base["8"],
  };
}

/** Lesson 2's figures. */
export interface SelectionVsLearning {
  /** trained − base at every k both curves have, in increasing k. */
  gains: { k: number; base: number; trained: number; gain: number }[];
  /** The smallest k at which the base matches or passes the trained policy, or null. */
  caughtUpAt: number | null;
  /** The gain at the largest k is smaller than at k = 1. */
  shrinks: boolean;
}

/** Lesson 2: the trained policy's gain over the base at every k. */
export function selectionVsLearning(base: PassAtK, trained: PassAtK): SelectionVsLearning {
  const ks = Object.keys(base).filter((k) => k in trained).map(Number).sort((a, b) => a - b);
  const gains = ks.map((k) => ({
    k,
    base: base[String(k)],
    trained: trained[String(k)],
    gain: trained[String(k)] - base[String(k)],
  }));
  const caught = gains.find((g) => g.gain <= 0);
  return {
    gains,
    caughtUpAt: caught ? caught.k : null,
    shrinks: gains.length > 1 && gains[gains.length - 1].gain < gains[0].gain,
  };
}

/** A row of an RL curve, as far as the lessons read it. */
export interface CurvePoint {
  step: number;
  proxy: number;
  strict: number;
  kl: number;
  codes: Record<string, number>;
}

/** Lesson 3: the share of each code at every evaluation, and the codes that vanished. */
export function codeShift(curve: readonly CurvePoint[], vanishBelow = 0.01): {
  codes: string[];
  steps: number[];
  shares: Record<string, number[]>;
  /** Failure codes of the first evaluation whose share ends below `vanishBelow`. */
  vanished: string[];
} {
  const codes = [...new Set(curve.flatMap((r) => Object.keys(r.codes)))].sort();
  const shares: Record<string, number[]> = {};
  for (const c of codes) shares[c] = curve.map((r) => r.codes[c] ?? 0);
  const first = curve[0], last = curve[curve.length - 1];
  const vanished = codes.filter((c) =>
    c !== "ok" && (first?.codes[c] ?? 0) > 0 && (last?.codes[c] ?? 0) < vanishBelow
  );
  return { codes, steps: curve.map((r) => r.step), shares, vanished };
}

/**
 * The form of a completion: every run of digits becomes `N` and whitespace is made visible
 * (`Final: 12 or 13` → `Final:␣N␣or␣N`), so forms can be compared across prompts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { formOf } from "./lessons.ts";
 * assertEquals(formOf("Final:  12"), "Final:␣␣N");
 * ```
 */
export function formOf(completion: string): string {
  return completion.replace(/\d+/g, "N").replace(/ /g, "␣").replace(/\n/g, "⏎");
}

/**
 * Lesson 3: the forms among `fresh` completions that `frozen` never contains, most frequent
 * first, with their counts and one example each.
 */
export function newForms(
  frozen: readonly string[],
  fresh: readonly string[],
): { form: string; count: number; example: string }[] {
  const known = new Set(frozen.map(formOf));
  const found = new Map<string, { count: number; example: string }>();
  for (const c of fresh) {
    const f = formOf(c);
    if (known.has(f)) continue;
    const e = found.get(f);
    if (e) e.count++;
    else found.set(f, { count: 1, example: c });
  }
  return [...found].map(([form, v]) => ({ form, ...v }))
    .sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : 1));
}

/** Lesson 4's figures for one run. */
export interface GoodhartLesson {
  proxyStart: number;
  proxyEnd: number;
  strictStart: number;
  strictEnd: number;
  /** The first evaluated step from which strict stays below its start while proxy stays at or
   * above its own, or null if they never part. */
  divergeStep: number | null;
}

/** Lesson 4: proxy against strict over a run's evaluations. */
export function goodhartLesson(curve: readonly CurvePoint[]): GoodhartLesson {
  const first = curve[0], last = curve[curve.length - 1];
  let divergeStep: number | null = null;
  for (let i = curve.length - 1; i >= 1; i--) {
    const r = curve[i];
    if (r.strict < first.strict && r.proxy >= first.proxy) divergeStep = r.step;
    else break;
  }
  return {
    proxyStart: first.proxy,
    proxyEnd: last.proxy,
    strictStart: first.strict,
    strictEnd: last.strict,
    divergeStep,
  };
}

/** Lesson 4's frontier: the end of each run of a β sweep, and whether KL falls as β grows. */
export function betaFrontier(runs: readonly { beta: number; curve: readonly CurvePoint[] }[]): {
  points: { beta: number; proxy: number; strict: number; kl: number }[];
  klMonotone: boolean;
} {
  const points = [...runs].sort((a, b) => a.beta - b.beta).map((r) => {
    const end = r.curve[r.curve.length - 1];
    return { beta: r.beta, proxy: end.proxy, strict: end.strict, kl: end.kl };
  });
  return { points, klMonotone: points.every((p, i) => i === 0 || p.kl < points[i - 1].kl) };
}
