/**
 * The kata exercise of M0 and M5: label each scored case with one of four failure types and a
 * one-line justification. The contract is a complete, well-formed answer; agreement with the
 * teacher's key is reported and each disagreement explained (lib/redteam/kata.ts), but a
 * disagreement is something to argue in the notes, not a failed check.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { checkKataAnswer } from "./kata_checks.ts";
 * import { loadKata } from "../redteam/kata.ts";
 * assertStringIncludes(checkKataAnswer({}, loadKata("m0").key).why, "10 of 10 unlabelled");
 * ```
 * @module
 */
import { checkKataLabels, type KataKey, normaliseLabel } from "../redteam/kata.ts";
import type { Verdict } from "./exercise_checks.ts";

/** A student's kata answer: a label and a one-line justification per case id. */
export type KataAnswer = Record<string, { label: string; why: string }>;

/** The verdict of {@link checkKataAnswer}: the contract, then the agreement with the key. */
export interface KataVerdict extends Verdict {
  agree: number;
  /** The plain-words explanation of every disagreement with the key. */
  explanations: string[];
}

/**
 * The harder kata's contract: every case of the key labelled with one of the four labels and
 * justified in a non-empty line. The agreement with the key is reported and each disagreement
 * explained (lib/redteam/kata.ts's `checkKataLabels`); disagreeing does not fail the check.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { checkKataAnswer } from "./kata_checks.ts";
 * const key = { set: "demo", cases: [{ id: "q1", label: "reward_hack" as const, why: "hedges" }] };
 * const v = checkKataAnswer({ q1: { label: "model failure", why: "wrong number" } }, key);
 * assertEquals([v.ok, v.agree, v.explanations.length], [true, 0, 1]);
 * ```
 */
export function checkKataAnswer(answer: KataAnswer, key: KataKey): KataVerdict {
  const problems: string[] = [];
  const unlabelled = key.cases.filter((c) => answer[c.id] === undefined).map((c) => c.id);
  if (unlabelled.length > 0) {
    problems.push(
      `${unlabelled.length} of ${key.cases.length} unlabelled (${unlabelled.join(", ")})`,
    );
  }
  for (const c of key.cases) {
    const a = answer[c.id];
    if (a === undefined) continue;
    if (normaliseLabel(a.label) === null) {
      problems.push(`${c.id}: ${JSON.stringify(a.label)} is not one of the four labels`);
    } else if (typeof a.why !== "string" || a.why.trim() === "") {
      problems.push(`${c.id} has no justification`);
    }
  }
  const extra = Object.keys(answer).filter((id) => !key.cases.some((c) => c.id === id));
  for (const id of extra) problems.push(`${id} is not a case of the ${key.set} kata`);
  const compared = checkKataLabels(answer, key);
  const explanations = compared.disagreements.map((d) => d.explanation);
  if (problems.length > 0) {
    return { ok: false, agree: compared.agree, explanations, why: problems.join("; ") };
  }
  return {
    ok: true,
    agree: compared.agree,
    explanations,
    why: `all ${key.cases.length} cases labelled and justified; ${compared.agree} of ` +
      `${key.cases.length} agree with the key` +
      (explanations.length > 0 ? " (each disagreement is explained above)" : ""),
  };
}
