/**
 * M6's promotion memo, outlined with the numbers of the runs it rests on: a trained checkpoint of
 * the course's own policy against its base, on holdout. Every figure comes from an argument (a
 * gate verdict, a pass@k curve, the frozen-vs-fresh comparison, the Goodhart run's curve), so
 * the outline cannot disagree with the cells that measured it. The decision is not in it: the
 * memo's sixth part says that the decision is the reader's to write, from parts 1–5, and lists
 * the risks the runs themselves show. Pure: returns lines.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { memoDecisionLine } from "./promotion_memo.ts";
 * assertEquals(memoDecisionLine(60).startsWith("6. Decision and risk: yours to write"), true);
 * ```
 * @module
 */
import type { GateVerdict } from "../compare/gate.ts";
import type { GoodhartLesson, PassAtK } from "../learn/lessons.ts";
import { f3, points } from "./format.ts";

/** What the memo states, each from a run. */
export interface MemoEvidence {
  candidate: { name: string; sha256: string };
  baseline: { name: string; sha256: string };
  /** The dataset both were measured on (shown as given). */
  dataset: string;
  /** The gate on base vs trained rollouts, same sampling settings. */
  same: GateVerdict;
  /** The gate on base vs trained rollouts at another sampling setting. */
  other: GateVerdict;
  /** Unbiased pass@k of base and trained on the same dataset (k = 1, 8 and the largest). */
  passAtK: { base: PassAtK; trained: PassAtK };
  /** The base's frozen rollouts before and after training, fresh rollouts of both. */
  frozen: { frozenBefore: number; frozenAfter: number; freshBase: number; freshTrained: number };
  /** The same recipe against a hackable rubric (proxy vs strict over its run). */
  goodhart: { rubric: string; lesson: GoodhartLesson };
}

/** The memo's sixth part: the decision left to the reader, and the risks the runs show. */
export function memoDecisionLine(items: number): string {
  return "6. Decision and risk: yours to write, below (PROMOTE or REJECT, the evidence from " +
    "parts 1–5 it rests on, and what would change your mind); risks the runs show: " +
    `${items} holdout items from a few templates, one seed, a tiny model.`;
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;

/** The six parts of the memo, the numbers filled in, the decision left open. */
export function promotionMemo(e: MemoEvidence): string[] {
  const c = e.same.comparison;
  const room = e.same.checks.filter((r) => r.severity === "violation").length === 0;
  const violation = e.other.reasons.find((r) => r.severity === "violation");
  const ks = Object.keys(e.passAtK.base).filter((k) => k in e.passAtK.trained).map(Number);
  const kMax = Math.max(...ks);
  const gain = (k: number) => e.passAtK.trained[String(k)] - e.passAtK.base[String(k)];
  const at = (k: number) =>
    `k=${k} ${f3(e.passAtK.base[String(k)])} → ${f3(e.passAtK.trained[String(k)])} (${
      points(gain(k))
    })`;
  const g = e.goodhart.lesson;
  const evidence = c === null
    ? ["3. Evidence: none; the gate did not compare the runs (the Locked Room is open)."]
    : [
      `3. Evidence: ${c.n} holdout items, pass rate ${f3(c.baseline_pass_rate)} → ` +
      `${f3(c.candidate_pass_rate)} (delta ${points(c.delta)} points), McNemar p = ` +
      `${c.mcnemar_p.toPrecision(3)}, 95% bootstrap CI ${points(c.ci95[0])} to ` +
      `${points(c.ci95[1])} points, ${c.significant ? "significant" : "not significant"}; ` +
      `noise rule ${c.noise_rule_applies ? "applies" : "does not apply"} ` +
      `(${c.inside_noise_band ? "inside" : "outside"} the band); gate: ${e.same.decision}.`,
      `   Unbiased pass@k from many samples per prompt: ${at(1)}; ${at(8)}.`,
    ];
  const counts = (["ok", "note", "warning", "violation"] as const)
    .map((sev) => [sev, e.same.checks.filter((r) => r.severity === sev).length] as const)
    .filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`).join(", ");
  const trained1 = e.passAtK.trained["1"], baseMax = e.passAtK.base[String(kMax)];
  return [
    `1. Claim: promote ${e.candidate.name} (checkpoint ${short(e.candidate.sha256)}) over ` +
    `${e.baseline.name} (${short(e.baseline.sha256)}), measured on ${e.dataset}.`,
    `2. Locked Room: ${room ? "holds" : "does not hold"} for the same-settings comparison ` +
    `(${e.same.checks.length} checks: ${counts}).`,
    ...evidence,
    `4. Traps ruled out: the other sampling setting is ${e.other.decision}${
      violation ? `, naming ${violation.message.split(";")[0]}` : ""
    }; selection: the gain is ${points(gain(1))} points at k=1 and ${points(gain(kMax))} at ` +
    `k=${kMax} (${f3(baseMax)} → ${f3(e.passAtK.trained[String(kMax)])})${
      baseMax >= trained1
        ? `; best-of-${kMax} of the base (${f3(baseMax)}) scores above one sample of the ` +
          `trained policy (${f3(trained1)})`
        : ""
    }; frozen data: the base's frozen ` +
    `rollouts score ${f3(e.frozen.frozenBefore)} before and ${f3(e.frozen.frozenAfter)} after ` +
    `training, fresh rollouts of the trained policy ${f3(e.frozen.freshTrained)}: only fresh ` +
    "samples measure the new policy.",
    `5. Reward integrity: trained against the strict scorer; the same recipe against ` +
    `${e.goodhart.rubric} drove the proxy ${f3(g.proxyStart)} → ${f3(g.proxyEnd)} while strict ` +
    `fell ${f3(g.strictStart)} → ${f3(g.strictEnd)} (diverging from step ${g.divergeStep ?? "-"}).`,
    memoDecisionLine(c?.n ?? 0),
  ];
}
