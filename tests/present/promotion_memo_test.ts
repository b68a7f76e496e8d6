/**
 * M6's promotion memo (lib/present/promotion_memo.ts): six parts, every number taken from the
 * verdicts and curves it is given, the decision the gate's.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import type { GateVerdict } from "../../lib/compare/gate.ts";
import {
  memoDecisionLine,
  type MemoEvidence,
  promotionMemo,
} from "../../lib/present/promotion_memo.ts";

const verdict = (decision: "PROMOTE" | "REJECT", violation: boolean): GateVerdict => ({
  decision,
  exit_code: decision === "PROMOTE" ? 0 : 1,
  baseline: "runs/b",
  candidate: "runs/t",
  min_delta: 0,
  provenance: { baseline: null, candidate: null },
  checks: [{
    check: "sampling settings",
    severity: violation ? "violation" : "ok",
    knob: "sampling",
    message: "",
  }],
  reasons: violation
    ? [{
      check: "sampling settings",
      severity: "violation",
      knob: "sampling",
      message: "the sampling settings (decoding) changed: temperature 1 → 0.7; a difference …",
    }]
    : [],
  comparison: violation ? null : {
    n: 60,
    baseline_passes: 18,
    candidate_passes: 33,
    baseline_pass_rate: 0.3,
    candidate_pass_rate: 0.55,
    delta: 0.25,
    baseline_pass_candidate_fail: 2,
    baseline_fail_candidate_pass: 17,
    mcnemar_p: 0.000729,
    ci95: [0.133, 0.367],
    bootstrap: { resamples: 2000, seed: 0 },
    inside_noise_band: false,
    noise_rule_applies: true,
    significant: true,
  },
  sampling_rule: "",
});

const evidence: MemoEvidence = {
  candidate: { name: "tiny+rl", sha256: "ab".repeat(32) },
  baseline: { name: "tiny", sha256: "cd".repeat(32) },
  dataset: "data/datasets/small_holdout.jsonl",
  same: verdict("PROMOTE", false),
  other: verdict("REJECT", true),
  passAtK: {
    base: { "1": 0.3, "8": 0.75, "64": 0.85 },
    trained: { "1": 0.55, "8": 0.78, "64": 0.9 },
  },
  frozen: { frozenBefore: 0.333, frozenAfter: 0.333, freshBase: 0.333, freshTrained: 0.55 },
  goodhart: {
    rubric: "substring",
    lesson: {
      proxyStart: 0.49,
      proxyEnd: 0.78,
      strictStart: 0.22,
      strictEnd: 0.1,
      divergeStep: 30,
    },
  },
};

Deno.test("promotionMemo() has the outline's six parts, numbered, with the runs' numbers", () => {
  const memo = promotionMemo(evidence);
  assertEquals(memo.filter((l) => /^\d\. /.test(l)).map((l) => l[0]), [
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
  ]);
  const text = memo.join("\n");
  assertStringIncludes(
    text,
    "promote tiny+rl (checkpoint abababababab…) over tiny (cdcdcdcdcdcd…)",
  );
  assertStringIncludes(text, "60 holdout items, pass rate 0.300 → 0.550 (delta +25.0 points)");
  assertStringIncludes(text, "McNemar p = 0.000729");
  assertStringIncludes(text, "k=1 0.300 → 0.550 (+25.0)");
  assertStringIncludes(text, "(1 checks: 1 ok)");
  assertStringIncludes(
    text,
    "REJECT, naming the sampling settings (decoding) changed: temperature 1 → 0.7; selection",
  );
  assertStringIncludes(text, "+25.0 points at k=1 and +5.0 at k=64 (0.850 → 0.900)");
  assertStringIncludes(text, "best-of-64 of the base (0.850) scores above one sample");
  assertStringIncludes(text, "proxy 0.490 → 0.780 while strict fell 0.220 → 0.100");
  assertStringIncludes(text, "6. Decision and risk: yours to write");
  assert(!/PROMOTE the trained|Decision and risk: (PROMOTE|REJECT)/.test(text), "no decision");
});

Deno.test("promotionMemo() says there is no evidence when the room is open, and leaves the decision open", () => {
  const memo = promotionMemo({ ...evidence, same: verdict("REJECT", true) }).join("\n");
  assertStringIncludes(memo, "Locked Room: does not hold");
  assertStringIncludes(memo, "3. Evidence: none");
  assertStringIncludes(memo, memoDecisionLine(0));
});
