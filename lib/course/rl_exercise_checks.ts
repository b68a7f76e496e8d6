/**
 * The contract of M2's exercise on the course's own policy: the advantages of one group, as the
 * RL engine computes them before every update (`A_i = r_i − mean(r)`, lib/learn/rl.ts's
 * `groupAdvantages`). The student's function is run on fixed groups (mixed, all equal, a single
 * sample, fractional rewards) and must match the library to 1e-12.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkGroupAdvantages } from "./rl_exercise_checks.ts";
 * const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
 * assert(checkGroupAdvantages((r) => r.map((x) => x - mean(r))).ok);
 * assert(!checkGroupAdvantages((r) => r.map((x) => x - 0.5)).ok);
 * ```
 * @module
 */
import { groupAdvantages } from "../learn/rl.ts";
import type { Verdict } from "./exercise_checks.ts";

/** The student's advantages: one number per reward of the group. */
export type AdvantageRule = (rewards: readonly number[]) => number[];

/** The groups the contract replays, with what each one tests. */
const CASES: { rewards: number[]; what: string }[] = [
  { rewards: [0, 1, 0, 0, 1, 0, 1, 0], what: "a mixed group of 8" },
  { rewards: [0, 0, 0, 0], what: "a group that all failed (no gradient: every A is 0)" },
  { rewards: [1, 1, 1, 1], what: "a group that all passed (no gradient either)" },
  { rewards: [1], what: "a group of one sample" },
  { rewards: [0.25, 1, 0, 0.75], what: "fractional rewards (a graded rubric)" },
];

/** Numbers as `[0, 1, -0.375]`: integers bare, others with up to 4 decimals. */
const list = (xs: readonly number[]) =>
  `[${xs.map((x) => (Number.isInteger(x) ? String(x) : String(Number(x.toFixed(4))))).join(", ")}]`;

/** M2's exercise: `A_i = r_i − mean(r)` for every group of {@link CASES}. */
export function checkGroupAdvantages(rule: AdvantageRule): Verdict {
  for (const { rewards, what } of CASES) {
    let got: number[];
    try {
      got = rule(rewards);
    } catch (e) {
      return { ok: false, why: `${what}: your function threw ${(e as Error).message}` };
    }
    const want = groupAdvantages(rewards);
    if (!Array.isArray(got) || got.length !== rewards.length) {
      return {
        ok: false,
        why: `${what} ${list(rewards)}: expected ${rewards.length} advantages, got ` +
          JSON.stringify(got),
      };
    }
    if (got.some((a, i) => !(Math.abs(a - want[i]) <= 1e-12))) {
      return {
        ok: false,
        why: `${what}: rewards ${list(rewards)} give advantages ${list(want)}, yours ${list(got)}`,
      };
    }
  }
  return {
    ok: true,
    why: `matches r − mean(r) on ${CASES.length} groups, including all-equal groups (A = 0)`,
  };
}
