/**
 * The contracts of M6's exercises, each checked against what a run itself recorded:
 * - {@link checkStepSummary}: one logged RL step of the notebook's run, from its groups'
 *   rewards: every advantage, how many groups carried a gradient, the step's mean reward;
 * - {@link checkVerdictReading}: which of two gate verdicts can be trusted, and on what evidence;
 * - {@link checkBareShare}: what share of a set of completions is the bare `Final: N` line,
 *   on the frozen and the fresh rollouts of lesson 3 (what training changed).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkStepSummary } from "./capstone_checks.ts";
 * const groups = [[1, 0, 0, 1], [0, 0, 0, 0]];
 * const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
 * const right = (g: readonly (readonly number[])[]) => ({
 *   advantages: g.map((r) => r.map((x) => x - mean(r))),
 *   signal: g.filter((r) => r.some((x) => x !== r[0])).length,
 *   reward: mean(g.flat()),
 * });
 * assert(checkStepSummary(right, groups, { signal: 1, reward: 0.25 }).ok);
 * ```
 * @module
 */
import { groupAdvantages } from "../learn/rl.ts";
import { STYLE_NAMES, styleOf } from "../learn/kl_styles.ts";
import type { Verdict } from "./exercise_checks.ts";

/** The student's reading of one step: its advantages, its informative groups, its reward. */
export type StepSummaryRule = (groups: readonly (readonly number[])[]) => {
  advantages: number[][];
  signal: number;
  reward: number;
};

/**
 * M6's first exercise: the student's summary of a logged step must give each group's advantages
 * (to 1e-12), and the `signal` and `reward` the run's own step log recorded.
 */
export function checkStepSummary(
  rule: StepSummaryRule,
  groups: readonly (readonly number[])[],
  logged: { signal: number; reward: number },
): Verdict {
  let got: ReturnType<StepSummaryRule>;
  try {
    got = rule(groups);
  } catch (e) {
    return { ok: false, why: `your function threw ${(e as Error).message}` };
  }
  for (let g = 0; g < groups.length; g++) {
    const want = groupAdvantages(groups[g]);
    const mine = got?.advantages?.[g];
    if (!Array.isArray(mine) || mine.some((a, i) => !(Math.abs(a - want[i]) <= 1e-12))) {
      return {
        ok: false,
        why: `group ${g} (rewards ${JSON.stringify(groups[g])}): advantages ${
          JSON.stringify(want.map((a) => Number(a.toFixed(4))))
        }, yours ${JSON.stringify(mine)}`,
      };
    }
  }
  if (got.signal !== logged.signal) {
    return {
      ok: false,
      why: `signal: the step log says ${logged.signal} groups had unequal rewards, you say ` +
        `${got.signal} (a group whose rewards are all equal gives no gradient)`,
    };
  }
  if (!(Math.abs(got.reward - logged.reward) <= 1e-12)) {
    return {
      ok: false,
      why: `reward: the step log says ${logged.reward}, you say ${got.reward} (the mean of all ` +
        "rewards of the step)",
    };
  }
  return {
    ok: true,
    why: `${groups.length} groups: advantages, signal ${logged.signal} and reward ` +
      `${logged.reward.toFixed(3)} as the run logged them`,
  };
}

/** A gate verdict as the exercise shows it: its decision and what the gate measured. */
export interface VerdictFacts {
  decision: "PROMOTE" | "REJECT";
  /** Violations of the Locked Room (empty when it holds). */
  violations: string[];
  /** The paired comparison, when the room held. */
  significant: boolean | null;
}

/** The student's reading of two verdicts (`{}` until answered). */
export interface VerdictReading {
  trust?: "A" | "B";
  because?: string;
}

const EVIDENCE = /significan|p-value|p =|mcnemar|interval|\bci\b|noise|chance/i;

/**
 * M6's second exercise: of verdicts A and B, which one may be trusted (the one whose room held
 * and whose difference is significant) and why, in words that name the evidence the gate printed
 * (significance, the p-value, the interval, the noise band).
 */
export function checkVerdictReading(
  answer: VerdictReading,
  verdicts: { A: VerdictFacts; B: VerdictFacts },
): Verdict {
  const sound = (v: VerdictFacts) => v.violations.length === 0 && v.significant === true;
  const good = (["A", "B"] as const).filter((k) => sound(verdicts[k]));
  if (good.length !== 1) throw new Error("the exercise needs exactly one trustworthy verdict");
  const want = good[0], other = want === "A" ? "B" : "A";
  if (answer?.trust !== "A" && answer?.trust !== "B") {
    return { ok: false, why: 'say which verdict you would act on ("A" or "B") and why' };
  }
  if (answer.trust !== want) {
    const o = verdicts[other];
    return {
      ok: false,
      why: `verdict ${other} is the one not to trust: ${
        o.violations.length > 0
          ? `the gate named ${o.violations.join(", ")}`
          : "its difference is not significant (read its McNemar p and its interval)"
      }`,
    };
  }
  if (typeof answer.because !== "string" || answer.because.trim().split(/\s+/).length < 5) {
    return { ok: false, why: "say why in a sentence" };
  }
  if (!EVIDENCE.test(answer.because)) {
    return {
      ok: false,
      why: "name the evidence the gate printed: significance, the p-value, the interval or the " +
        "noise band",
    };
  }
  return { ok: true, why: `verdict ${want}, for the reason the gate's figures give` };
}

/** The student's share of bare `Final: N` lines among completions. */
export type ShareRule = (completions: readonly string[]) => number;

/**
 * M6's third exercise: the share of completions written as a bare `Final: N` line (the style
 * lib/learn/kl_styles.ts calls "bare 'Final: N'"), on each set given (to 1e-12).
 */
export function checkBareShare(
  rule: ShareRule,
  sets: Readonly<Record<string, readonly string[]>>,
): Verdict {
  for (const [name, texts] of Object.entries(sets)) {
    const want = texts.filter((t) => STYLE_NAMES[styleOf(t)] === "bare 'Final: N'").length /
      Math.max(1, texts.length);
    let got: number;
    try {
      got = rule(texts);
    } catch (e) {
      return { ok: false, why: `${name}: your function threw ${(e as Error).message}` };
    }
    if (!(Math.abs(got - want) <= 1e-12)) {
      return {
        ok: false,
        why: `${name}: ${want.toFixed(3)} of the completions are a bare 'Final: N' line ` +
          "(exactly 'Final: ', an optional '-', digits, nothing else), you say " + String(got),
      };
    }
  }
  return { ok: true, why: `the share matches on ${Object.keys(sets).join(" and ")}` };
}
