/**
 * What `deno task gate` prints (the Locked Room), short and in one style: the decision first, with
 * what it rests on; then who produced each side's completions (verified, or self-reported); then
 * each violation once, each warning and note once, the checks that hold on one line; then, when
 * the room is locked, the paired comparison and its evidence. Runs are named `runs/NAME`, never
 * by an absolute path. The sampling rule is printed only when the sampling check fails. Pure.
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
 *   decision: "REJECT", exit_code: 1, baseline: "/p/runs/a", candidate: "/p/runs/b", min_delta: 0,
 *   checks: [reason], reasons: [reason], comparison: null, sampling_rule: "",
 *   provenance: { baseline: null, candidate: null },
 * });
 * assertStringIncludes(text, "REJECT: the room is not locked");
 * assertStringIncludes(text, "runs/a vs candidate runs/b");
 * ```
 * @module
 */
import { pct, points } from "./format.ts";
import type { GateReason, Knob } from "../compare/locked_room.ts";
import type { GateVerdict } from "../compare/gate.ts";

/** A run as printed: `runs/NAME` when it lies under a runs folder, else its name (pure). */
export function runLabel(path: string): string {
  const p = path.replace(/\/+$/, "");
  const at = p.lastIndexOf("/runs/");
  if (at >= 0) return p.slice(at + 1);
  return p.startsWith("/") ? `…/${p.slice(p.lastIndexOf("/") + 1)}` : p;
}

const TAG = { ok: "ok", violation: "VIOLATION", warning: "warning", note: "note" } as const;

/** The knobs of the room, as the headline names them. */
const TURNED: Partial<Record<Knob, string>> = {
  environment: "the environment",
  instrument: "the instrument",
  sampling: "the sampling settings",
  compute: "the selection compute",
  procedure: "the kind of run",
};

/** The first line: the decision and what it rests on. */
function headline(v: GateVerdict, violations: GateReason[]): string {
  const c = v.comparison;
  if (violations.length > 0) {
    if (violations.some((r) => r.message.startsWith("nothing to promote"))) {
      return "REJECT: nothing to promote (the policy did not change)";
    }
    const knobs = [...new Set(violations.map((r) => r.knob))];
    const n = `${violations.length} violation${violations.length === 1 ? "" : "s"}`;
    const unknown = violations.some((r) =>
      r.knob === "sampling" && r.message.startsWith("unknown")
    );
    const room = knobs.flatMap((k) =>
      TURNED[k] === undefined
        ? []
        : [`${TURNED[k]} ${k === "sampling" && unknown ? "cannot be shown equal" : "changed"}`]
    );
    return room.length > 0
      ? `REJECT: the room is not locked: ${room.join("; ")} (${n}, below)`
      : `REJECT: a run cannot be trusted (${n}, below)`;
  }
  if (c === null) return `${v.decision}`;
  const delta = `${points(c.delta)} points (${pct(c.baseline_pass_rate)} → ` +
    `${pct(c.candidate_pass_rate)})`;
  if (v.decision === "REJECT") {
    return `REJECT: ${delta}, below --min-delta ${(100 * v.min_delta).toFixed(1)} points`;
  }
  const unverified = v.reasons.find((r) => r.check === "provenance" && r.severity === "warning");
  const sides = (["baseline", "candidate"] as const).filter((s) =>
    v.provenance[s]?.status !== "verified"
  ).map((s) => `${s}: ${v.provenance[s]?.text ?? "unknown"}`);
  const sig = `${c.significant ? "" : "not "}significant (McNemar p = ${
    c.mcnemar_p.toPrecision(3)
  })`;
  return unverified
    ? `PROMOTE on self-reported provenance (${sides.join("; ")}): ${delta}, ${sig}`
    : `PROMOTE: ${delta}, ${sig}; provenance verified on both sides`;
}

/**
 * The story `deno task gate` prints (see the module doc).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gateStory } from "./gate_story.ts";
 * import { decide, GATE_DEFAULTS } from "../compare/gate.ts";
 * const none = { path: "runs/x", manifest: null, manifestProblem: "has no manifest.json", rewards: null, resultsProblem: null };
 * assertEquals(gateStory(decide(none, none, GATE_DEFAULTS)).split("\n")[0], "REJECT: a run cannot be trusted (3 violations, below)");
 * ```
 */
export function gateStory(v: GateVerdict): string {
  const listed = v.checks.filter((r) => r.severity !== "ok");
  const violations = listed.filter((r) => r.severity === "violation");
  const width = Math.max(0, ...listed.map((r) => r.check.length));
  const line = (r: GateReason) =>
    `  ${TAG[r.severity].padEnd(9)}  ${r.check.padEnd(width)}  ${r.message}`;
  const ok = v.checks.filter((r) => r.severity === "ok").map((r) => r.check);
  const prov = (side: "baseline" | "candidate") => v.provenance[side]?.text ?? "not read";
  const lines = [
    headline(v, violations),
    `Gate: baseline ${runLabel(v.baseline)} vs candidate ${runLabel(v.candidate)}, ` +
    `min-delta ${(100 * v.min_delta).toFixed(1)} points`,
    `Provenance: baseline ${prov("baseline")}; candidate ${prov("candidate")}`,
    "Locked Room: only the policy (completions/samples) may change between the two runs.",
    ...listed.map(line),
    ...(ok.length > 0 ? [`  ${"ok".padEnd(9)}  ${ok.join(", ")}`] : []),
  ];
  if (v.checks.some((r) => r.check === "sampling settings" && r.severity === "violation")) {
    lines.push(`  Sampling rule: ${v.sampling_rule}.`);
  }
  const c = v.comparison;
  if (c === null) {
    lines.push("No comparison: a violation stands, so the numbers would not mean anything.");
    return lines.join("\n");
  }
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
    "Evidence:",
    ...v.reasons.filter((r) => r.knob === "evidence").map((r) =>
      `  - [${TAG[r.severity]}] ${r.check}: ${r.message}`
    ),
  );
  return lines.join("\n");
}
