/**
 * M1's reading exercise: ten consecutive steps of the bandit's log, annotated in plain words.
 * For each step the student says which way the sampled action's probability moved and why; the
 * contract checks the direction against the log (it follows the sign of the advantage) and that
 * every step has a reason. The words themselves are the teacher's to read.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { checkStepAnnotations, directionOf } from "./annotation_checks.ts";
 * const log = train({ steps: 10, seed: 7, lr: 0.5, baseline: true }).log;
 * const right = log.map((r) => ({ step: r.step, sampled: directionOf(r), why: "A has this sign" }));
 * assert(checkStepAnnotations(right, log).ok);
 * ```
 * @module
 */
import type { StepRecord } from "../learn/bandit.ts";
import type { Verdict } from "./exercise_checks.ts";

/** One annotated step: which way π(a) of the sampled action moved, and why, in plain words. */
export interface StepAnnotation {
  step: number;
  sampled: "up" | "down" | "same";
  why: string;
}

/** Which way the sampled action's probability moved in a step of the log. */
export function directionOf(rec: StepRecord): "up" | "down" | "same" {
  const d = rec.probs_after[rec.action] - rec.probs_before[rec.action];
  return d > 1e-12 ? "up" : d < -1e-12 ? "down" : "same";
}

/**
 * The contract: one annotation per step of `log` (by step number), each direction the log's,
 * each with a reason of at least three words. The first problem is named, with the step's
 * numbers.
 */
export function checkStepAnnotations(
  answers: readonly StepAnnotation[],
  log: readonly StepRecord[],
): Verdict {
  const missing = log.filter((r) => !answers.some((a) => a?.step === r.step)).map((r) => r.step);
  if (missing.length > 0) {
    return { ok: false, why: `steps ${missing.join(", ")} have no annotation` };
  }
  for (const rec of log) {
    const a = answers.find((x) => x.step === rec.step)!;
    const want = directionOf(rec);
    if (a.sampled !== want) {
      return {
        ok: false,
        why:
          `step ${rec.step}: you wrote "${a.sampled}", but π of the sampled action ${rec.action} ` +
          `went ${want} (r = ${rec.reward}, b = ${rec.baseline.toFixed(3)}, A = ${
            rec.advantage.toFixed(3)
          }): its probability moves with the sign of A`,
      };
    }
    if (typeof a.why !== "string" || a.why.trim().split(/\s+/).length < 3) {
      return { ok: false, why: `step ${rec.step}: say why in a few words` };
    }
  }
  return { ok: true, why: `all ${log.length} steps read the way the log moved` };
}
