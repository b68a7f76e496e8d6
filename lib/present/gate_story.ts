/**
 * What `deno task gate` prints (the Locked Room): the verdict, every reason with the knob it
 * names, and, when the room is locked, the paired comparison with its noise rule. Pure.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { gateStory } from "./gate_story.ts";
 * const reason = {
 *   check: "dataset fingerprint", knob: "environment" as const, severity: "violation" as const,
 *   message: "the dataset changed",
 * };
 * const text = gateStory({
 *   decision: "REJECT", exit_code: 1, baseline: "runs/a", candidate: "runs/b", min_delta: 0,
 *   checks: [reason], reasons: [reason], comparison: null, sampling_rule: "",
 * });
 * assertStringIncludes(text, "REJECT");
 * ```
 * @module
 */
import { pct, points } from "./format.ts";
import type { GateReason } from "../compare/locked_room.ts";
import type { GateVerdict } from "../compare/gate.ts";

/**
 * The story `deno task gate` prints: every Locked Room check, the paired figures when the room
 * is locked, and the decision with every reason.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { gateStory } from "./gate_story.ts";
 * import { decide, GATE_DEFAULTS } from "../compare/gate.ts";
 * const none = { path: "runs/x", manifest: null, manifestProblem: "has no manifest.json", rewards: null, resultsProblem: null };
 * assertStringIncludes(gateStory(decide(none, none, GATE_DEFAULTS)), "REJECT");
 * ```
 */
export function gateStory(v: GateVerdict): string {
  const tag = (r: GateReason) =>
    ({ ok: "ok", violation: "VIOLATION", warning: "warning", note: "note" })[r.severity];
  const width = Math.max(...v.checks.map((r) => r.check.length));
  const lines = [
    `Gate: baseline ${v.baseline} vs candidate ${v.candidate}`,
    "Locked Room: only the policy (completions/samples) may change between the two runs.",
    ...v.checks.map((r) => `  ${tag(r).padEnd(9)}  ${r.check.padEnd(width)}  ${r.message}`),
    `  Sampling rule: ${v.sampling_rule}.`,
    "",
  ];
  const c = v.comparison;
  if (c === null) {
    lines.push("No comparison: the room is not locked, so the numbers would not mean anything.");
  } else {
    lines.push(
      `Paired comparison on the same ${c.n} examples:`,
      `  pass rate   ${pct(c.baseline_pass_rate)} → ${pct(c.candidate_pass_rate)}  delta ${
        points(c.delta)
      } points`,
      `  paired      baseline pass → candidate fail: ${c.baseline_pass_candidate_fail}   ` +
        `baseline fail → candidate pass: ${c.baseline_fail_candidate_pass}`,
      `  McNemar     exact two-sided p = ${c.mcnemar_p.toPrecision(3)} (binomial on the ${
        c.baseline_pass_candidate_fail + c.baseline_fail_candidate_pass
      } discordant pairs)`,
      `  bootstrap   95% CI of the delta ${points(c.ci95[0])} to ${points(c.ci95[1])} points ` +
        `(${c.bootstrap.resamples} paired resamples, seed ${c.bootstrap.seed})`,
    );
  }
  lines.push(
    "",
    `${v.decision} (min-delta ${(100 * v.min_delta).toFixed(1)} points)`,
    ...v.reasons.map((r) => `  - [${tag(r)}] ${r.check}: ${r.message}`),
  );
  return lines.join("\n");
}
