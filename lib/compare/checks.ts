/**
 * The checks of one comparison, before any number is compared: the record of each run (its
 * manifest, its results and what verifying them found, see run_reading.ts), the Locked Room
 * between the two manifests (locked_room.ts), the examples of the rows, and the policy's outputs:
 * the same run, a copy of it or the same completions measured twice is nothing to promote, and
 * the same completion scored differently is a violation, never a note.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { roomChecks } from "./checks.ts";
 * const none = { path: "r", manifest: null, manifestProblem: "there is no manifest.json", rewards: null, resultsProblem: null };
 * assertEquals(roomChecks(none, none)[0].check, "locked room");
 * ```
 * @module
 */
import { canonical, type GateReason, lockedRoom } from "./locked_room.ts";
import type { GateRun } from "./run_reading.ts";
import { shownPath } from "./shown_path.ts";

/** The record of each run: its manifest, its results, and what verifying them found. */
export function recordChecks(base: GateRun, cand: GateRun): GateReason[] {
  const out: GateReason[] = [];
  for (const [role, run] of [["baseline", base], ["candidate", cand]] as const) {
    const name = shownPath(run.path);
    if (run.manifestProblem !== null) {
      out.push({
        check: "manifest",
        severity: "violation",
        knob: "record",
        message: `the ${role} ${name} is unusable: ${run.manifestProblem}; its numbers ` +
          "cannot be compared",
      });
    }
    if (run.resultsProblem !== null) {
      out.push({
        check: "results",
        severity: "violation",
        knob: "record",
        message: `the ${role}'s results cannot be read: ${run.resultsProblem}`,
      });
    }
    for (const f of run.findings ?? []) {
      out.push({ ...f, message: `the ${role} ${name}: ${f.message}` });
    }
  }
  return out;
}

/**
 * Every check of a comparison, one reason per cause: the record of each run, then the room.
 * A run scored by another instrument cannot be re-scored with the current one; when the room
 * already names the instrument as the knob turned, that is the cause, stated once.
 */
export function allChecks(base: GateRun, cand: GateRun): GateReason[] {
  const room = roomChecks(base, cand);
  const instrument = room.some((r) => r.knob === "instrument" && r.severity === "violation");
  const record = recordChecks(base, cand).filter((r) =>
    !(instrument && r.check === "re-score" && r.message.includes("not by the current scorer"))
  );
  return [...record, ...room];
}

/** True when the two are one run: the same folder, or a copy (same time, same artifacts). */
function sameRun(base: GateRun, cand: GateRun): string | null {
  if (base.realPath && base.realPath === cand.realPath) return "the same run folder";
  const a = base.manifest, b = cand.manifest;
  if (
    a !== null && b !== null && a.created_at === b.created_at &&
    canonical(a.artifacts) === canonical(b.artifacts)
  ) return "a copy of the same run (the same time and the same artifacts)";
  return null;
}

/** The Locked Room between the manifests, the examples of the rows, and the policy's outputs. */
export function roomChecks(base: GateRun, cand: GateRun): GateReason[] {
  const a = base.manifest, b = cand.manifest;
  if (a === null || b === null) {
    return [{
      check: "locked room",
      severity: "violation",
      knob: "record",
      message: "not checked: without both manifests nothing says the two runs measured the " +
        "same thing (never a silent pass)",
    }];
  }
  const out = lockedRoom(a, b);
  const ra = base.rewards, rb = cand.rewards;
  if (ra === null || rb === null) return out;
  const missing = [...ra.keys()].filter((id) => !rb.has(id)).length;
  const extra = [...rb.keys()].filter((id) => !ra.has(id)).length;
  if (missing + extra > 0) {
    out.push({
      check: "example ids",
      severity: "violation",
      knob: "environment",
      message: `the results cover different examples: ${missing} only in the baseline, ` +
        `${extra} only in the candidate`,
    });
    return out;
  }
  const turned = new Set(out.filter((r) => r.severity === "violation").map((r) => r.knob));
  const records = [base, cand].some((r) => r.findings?.some((f) => f.severity === "violation"));
  const outputs = policyOutputs(base, cand, turned, records);
  if (outputs !== null) out.push(outputs);
  return out;
}

/**
 * The policy's outputs: did they change, and are equal outputs scored equally? One reason per
 * cause: in a room that is not locked, the knob that turned is the reason, and changed
 * completions are not "the policy's outputs" (under best-of-N, selection changed them); equal
 * completions scored apart are named only when nothing else (a changed dataset or instrument, an
 * edited record) already explains it.
 */
function policyOutputs(
  base: GateRun,
  cand: GateRun,
  turned: Set<string>,
  records: boolean,
): GateReason | null {
  const check = "policy outputs";
  const same = sameRun(base, cand);
  if (same !== null) {
    return {
      check,
      severity: "violation",
      knob: "policy",
      message: `nothing to promote: baseline and candidate are ${same}; the policy did not change`,
    };
  }
  let changed = 0, scoredApart = 0;
  for (const [id, completion] of base.completions ?? []) {
    if (cand.completions?.get(id) !== completion) changed++;
    else if (base.rewards!.get(id) !== cand.rewards!.get(id)) scoredApart++;
  }
  const total = base.completions?.size ?? 0;
  if (turned.size > 0) {
    return changed > 0 && (turned.has("compute") || turned.has("procedure"))
      ? {
        check,
        severity: "note",
        knob: "policy",
        message: `${changed} of ${total} completions changed, by selection (best-of-N) rather ` +
          "than by the policy: they cannot be credited to the policy",
      }
      : null;
  }
  if (records) return null; // a run that cannot be trusted: its rows are nobody's outputs yet
  if (scoredApart > 0) {
    return {
      check,
      severity: "violation",
      knob: "record",
      message: `the same completion was scored differently in ${scoredApart} item(s): results ` +
        "edited, or the instrument is not deterministic",
    };
  }
  if (changed === 0) {
    return {
      check,
      severity: "violation",
      knob: "policy",
      message: "nothing to promote: the two runs measured the same completions, so the policy " +
        "did not change",
    };
  }
  return {
    check,
    severity: "note",
    knob: "policy",
    message: `${changed} of ${total} completions changed: the policy's outputs, the only change ` +
      "that can be promoted",
  };
}
