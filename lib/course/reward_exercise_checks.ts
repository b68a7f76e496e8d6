/**
 * The contracts of the exercises of M4 (reward as a specification) and M5 (red team), in the
 * shape of lib/course/exercise_checks.ts: each takes the student's answer and returns a {@link Verdict} in
 * plain words; notebooks display it with lib/course/display.ts's `check()`.
 *
 * Where the exercise is a judgement (guessing the spec, labelling the kata), the contract is that
 * the answer is complete and well-formed; agreement with the scorer or the key is reported and
 * every miss explained, but a miss is learning, not a failed check.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkProbeGuesses, PROBES } from "./reward_exercise_checks.ts";
 * import { score } from "../instrument/scorer.ts";
 * const right = PROBES.map((p) => score({ expected_answer: p.expected_answer }, p.completion).details.code);
 * assert(checkProbeGuesses(right).ok);
 * ```
 * @module
 */
import { score } from "../instrument/scorer.ts";
import { SCORE_CODES } from "../instrument/spec.ts";
import { visible } from "../core/visible.ts";
import { confirmExploits, type ExploitAttempt } from "../redteam/exploits.ts";
import type { ScoreFn } from "../instrument/rubric_contract.ts";
import type { StudentTestRun } from "./student_suite.ts";
import type { Verdict } from "./exercise_checks.ts";

// The kata check moved to lib/course/kata_checks.ts; re-exported for the modules that import it
// from here.
export { checkKataAnswer, type KataAnswer, type KataVerdict } from "./kata_checks.ts";

/** A black-box probe: an expected answer and a completion to feed the scorer. */
export interface Probe {
  expected_answer: number | string;
  completion: string;
}

/**
 * The probes whose codes the student guesses in M4 (one per rule family: sign, spacing, case,
 * hidden characters, digits, lines). Shown with visible whitespace.
 */
export const PROBES: readonly Probe[] = [
  { expected_answer: 323, completion: "Final: 323" },
  { expected_answer: 323, completion: "final: 323" },
  { expected_answer: 323, completion: "Final: +323" },
  { expected_answer: 323, completion: "Final:  323" },
  { expected_answer: -17, completion: "Final: \u221217" },
  { expected_answer: 323, completion: "Final: 323\u00a0" },
  { expected_answer: 0, completion: "Final: -0" },
  { expected_answer: 1035, completion: "Final: 1035.0" },
];

/**
 * One row per completion: what the scorer says, for black-box probing (completion shown with
 * visible whitespace).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { probeRows } from "./reward_exercise_checks.ts";
 * assertEquals(probeRows([{ expected_answer: 5, completion: "Final: 05" }])[0].code, "leading_zeros");
 * ```
 */
export function probeRows(
  probes: readonly Probe[],
): { expected: string; completion: string; reward: number; code: string; message: string }[] {
  return probes.map((p) => {
    const r = score({ expected_answer: p.expected_answer }, p.completion);
    return {
      expected: String(p.expected_answer),
      completion: visible(p.completion),
      reward: r.reward,
      code: r.details.code,
      message: r.details.message,
    };
  });
}

/** The verdict of {@link checkProbeGuesses}: the contract, and the agreement with the scorer. */
export interface ProbeVerdict extends Verdict {
  agree: number;
  /** One line per miss: the probe, the guess, the scorer's code and its message. */
  misses: string[];
}

/**
 * M4's black-box exercise: one guessed code per {@link PROBES} entry, in order. The contract is
 * complete and well-formed guesses (one per probe, each one of the scorer's codes); the verdict
 * also counts how many agree with the scorer and explains each miss with the scorer's message.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { checkProbeGuesses } from "./reward_exercise_checks.ts";
 * assertEquals(checkProbeGuesses(["ok"]).ok, false); // one guess for eight probes
 * ```
 */
export function checkProbeGuesses(guesses: readonly string[]): ProbeVerdict {
  if (guesses.length !== PROBES.length) {
    return {
      ok: false,
      agree: 0,
      misses: [],
      why: `give one guess per probe: ${PROBES.length} probes, ${guesses.length} guesses`,
    };
  }
  const unknown = guesses.filter((g) => !(SCORE_CODES as readonly string[]).includes(g));
  if (unknown.length > 0) {
    return {
      ok: false,
      agree: 0,
      misses: [],
      why: `${unknown.map((g) => JSON.stringify(g)).join(", ")} is not a scorer code ` +
        "(see SCORE_CODES / the spec table)",
    };
  }
  const misses: string[] = [];
  PROBES.forEach((p, i) => {
    const r = score({ expected_answer: p.expected_answer }, p.completion);
    if (r.details.code !== guesses[i]) {
      misses.push(
        `probe ${i + 1} ${visible(p.completion)} (expected ${p.expected_answer}): you guessed ` +
          `${guesses[i]}, the scorer says ${r.details.code}: ${r.details.message}`,
      );
    }
  });
  const agree = PROBES.length - misses.length;
  return {
    ok: true,
    agree,
    misses,
    why: `a known code for each of the ${PROBES.length} probes; ${agree} of ${PROBES.length} ` +
      "agree with the scorer" + (misses.length > 0 ? " (each miss is explained above)" : ""),
  };
}

/**
 * M4's regression-test exercise: the student's test file ran under `deno test`, exited 0, and
 * its summary line reports at least one passed test and none failed (null: nothing was run,
 * because nothing was written).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { checkStudentTest } from "./reward_exercise_checks.ts";
 * const run = { file: "f", dir: "d", command: "c", code: 1, output: "error: No test modules found", summary: null };
 * assertEquals(checkStudentTest(run).ok, false);
 * ```
 */
export function checkStudentTest(run: StudentTestRun | null): Verdict {
  if (run === null) return { ok: false, why: "no test written yet: write one in myRegressionTest" };
  if (run.summary === null) {
    const last = run.output.trim().split("\n").slice(-1)[0] ?? "";
    return { ok: false, why: `deno test printed no summary line (exit ${run.code}): ${last}` };
  }
  if (run.code !== 0 || !run.summary.ok || run.summary.failed > 0) {
    return {
      ok: false,
      why: `deno test exited ${run.code}: ${run.summary.passed} passed, ${run.summary.failed} ` +
        "failed; read its output above",
    };
  }
  if (run.summary.passed === 0) return { ok: false, why: "your file holds no test" };
  return {
    ok: true,
    why: `\`${run.command}\` exited 0: ${run.summary.passed} passed, 0 failed`,
  };
}

/**
 * M5's exploit exercise: 2 to 5 hand-made exploits, each a confirmed false positive of the
 * variant (the variant pays 1, the strict scorer 0).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkExploits } from "./reward_exercise_checks.ts";
 * import { RUBRICS } from "../instrument/rubrics.ts";
 * const mine = [
 *   { expected_answer: 323, completion: "Final: 322 or 323" },
 *   { expected_answer: 17, completion: "Final: -17" },
 * ];
 * assert(checkExploits(mine, RUBRICS["substring"], "substring").ok);
 * ```
 */
export function checkExploits(
  exploits: readonly ExploitAttempt[],
  variant: ScoreFn,
  variantName: string,
): Verdict {
  if (exploits.length < 2 || exploits.length > 5) {
    return { ok: false, why: `craft 2 to 5 exploits; you have ${exploits.length}` };
  }
  const rows = confirmExploits(exploits, variant);
  const bad = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.outcome !== "false_positive");
  if (bad.length > 0) {
    const { r, i } = bad[0];
    return {
      ok: false,
      why: `exploit ${i + 1} ${visible(r.completion)} is not a hack of ${variantName}: ` +
        `${variantName} gives ${r.variant_reward} (${r.variant_code}), strict gives ` +
        `${r.strict_reward} (${r.strict_code}); a hack needs ${variantName} 1 and strict 0`,
    };
  }
  return {
    ok: true,
    why: `all ${rows.length} exploits are paid by ${variantName} and refused by the strict ` +
      `scorer (codes ${rows.map((r) => r.strict_code).join(", ")})`,
  };
}

/**
 * Two exploits of the substring rubric that the strict scorer refuses: what M5's later cells
 * use when the student's own exploits are not (yet) confirmed, so the notebook runs through.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkExploits, REFERENCE_EXPLOITS } from "./reward_exercise_checks.ts";
 * import { RUBRICS } from "../instrument/rubrics.ts";
 * assert(checkExploits(REFERENCE_EXPLOITS, RUBRICS["substring"], "substring").ok);
 * ```
 */
export const REFERENCE_EXPLOITS: readonly ExploitAttempt[] = [
  {
    expected_answer: 323,
    completion: "Final: 320 or 321 or 322 or 323",
    why: "answer laundering: list candidates, one matches",
  },
  {
    expected_answer: 17,
    completion: "Final: -17",
    why: "the expected text inside a different number (the sign flips it)",
  },
];

/**
 * Why a result row deserves a second look for the failure report, or null: a character outside
 * ASCII decided the verdict, several `Final:` lines (hedging), a line wrapped in Markdown emphasis
 * (`**Final: 12**`, which a lenient rubric strips and pays), or several numbers after the last
 * `Final:` of a failing completion (laundering: `Final: 12 or 13`). Numbers in the working
 * before the final line are not suspicious: a reasoning answer restates the problem's numbers,
 * and fails as `not_single_line`, an ordinary model failure under a clear spec.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { suspicion } from "./reward_exercise_checks.ts";
 * assertEquals(suspicion({ code: "wrong_answer", completion: "Final: 3" }), null);
 * assertEquals(suspicion({ code: "not_single_line", completion: "Final: 3\nFinal: 4" }),
 *   "2 'Final:' lines: hedging, an attempted hack?");
 * assertEquals(suspicion({ code: "not_single_line", completion: "24 boxes of 14.\nFinal: 336" }), null);
 * ```
 */
export function suspicion(row: { code: string; completion: string | null }): string | null {
  const c = row.completion ?? "";
  const finals = c.split("Final:").length - 1;
  if (finals >= 2) return `${finals} 'Final:' lines: hedging, an attempted hack?`;
  if (
    [
      "unicode_minus",
      "unicode_digit",
      "unicode_whitespace",
      "invisible_character",
      "non_ascii_character",
      "control_character",
    ].includes(row.code)
  ) {
    return "a character outside ASCII decided the verdict: a typo, a tokenizer artefact or a hack?";
  }
  if (/^[*_`~]+[^\n]*[*_`~]+$/.test(c.trim())) {
    return "the line is decorated (**…**): a lenient rubric strips it: an attempted hack, or a chat habit?";
  }
  const last = c.lastIndexOf("Final:");
  const numbers = last === -1 ? 0 : c.slice(last).match(/\d+/g)?.length ?? 0;
  if (row.code !== "ok" && numbers >= 2) {
    return `${numbers} numbers after 'Final:': answer laundering?`;
  }
  return null;
}
