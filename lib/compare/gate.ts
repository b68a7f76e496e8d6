/**
 * The gate: is this comparison valid, and is the difference real?
 *
 * Each run is read and verified first (run_reading.ts: its artifacts match their SHA-256, its
 * rows are its examples in order, its rewards survive a re-score, its instrument passed the
 * golden gate; its rows are the ones its input file holds; and who produced its completions is
 * verified where the gate can: re-sampled from the checkpoint the run claims, or the sealed
 * course data, else stated as self-reported, provenance.ts). Then the two are compared only in a
 * **Locked Room** (locked_room.ts): the only knob allowed to move is the policy. Any violation,
 * or a run that cannot be trusted, is a REJECT with the reason named; a run compared with itself
 * (the same folder, or a copy of it) or the same completions measured twice is "nothing to
 * promote". The same completions scored differently is a REJECT, never a note.
 *
 * In a locked room the runs are compared item by item (paired.ts): the delta in pass rate, the
 * paired counts, an exact McNemar p-value and a 95% paired bootstrap interval with a fixed seed.
 * The decision is PROMOTE when the delta meets `minDelta`, else REJECT; the noise rule and the
 * significance figures are reported beside it, and a PROMOTE they do not support says so, as
 * does a PROMOTE resting on a side whose provenance is self-reported.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { decide, GATE_DEFAULTS } from "./gate.ts";
 * const none = { path: "r", manifest: null, manifestProblem: "there is no manifest.json", rewards: null, resultsProblem: null };
 * assertEquals(decide(none, none, GATE_DEFAULTS).decision, "REJECT");
 * ```
 * @module
 */
import { type GateReason, SAMPLING_RULE } from "./locked_room.ts";
import { allChecks } from "./checks.ts";
import { comparePaired, NOISE_RULE, type PairedComparison } from "./paired.ts";
import { type DatasetCache, type GateRun, readRun } from "./run_reading.ts";
import { isVerified, type RunProvenance } from "./provenance.ts";

export type { GateReason, Knob, Severity } from "./locked_room.ts";
export {
  compareSampling,
  KNOB_WORDS,
  lockedRoom,
  POLICY_KEYS,
  SAMPLING_RULE,
} from "./locked_room.ts";
export { ALPHA, comparePaired, NOISE_RULE, type PairedComparison } from "./paired.ts";
export { type GateRun, readRun } from "./run_reading.ts";

/** What the gate decides with. */
export interface GateConfig {
  /** The smallest delta in pass rate (a fraction: 0.05 = 5 points) that may be promoted. */
  minDelta: number;
  /** Bootstrap seed (fixed, so the interval is reproducible). */
  seed: number;
  /** Bootstrap resamples. */
  resamples: number;
}

/** The defaults of `deno task gate`. */
export const GATE_DEFAULTS: GateConfig = { minDelta: 0, seed: 2026, resamples: 2000 };

/** The gate's verdict: the decision, every reason and the figures; `--json` prints it as is. */
export interface GateVerdict {
  decision: "PROMOTE" | "REJECT";
  /** 0 for PROMOTE, 1 for REJECT. */
  exit_code: 0 | 1;
  baseline: string;
  candidate: string;
  min_delta: number;
  /** Every Locked Room check, passing or not. */
  checks: GateReason[];
  /** Every reason for the decision: violations, warnings, and the evidence. */
  reasons: GateReason[];
  /** The paired comparison, or null when the room is not locked. */
  comparison: PairedComparison | null;
  /** The sampling rule in one sentence. */
  sampling_rule: string;
  /** Who produced each side's completions, as far as the gate verified it (null: not read). */
  provenance: { baseline: RunProvenanceView | null; candidate: RunProvenanceView | null };
}

/** A run's provenance in the verdict: its status and the words printed for it. */
export type RunProvenanceView = Pick<RunProvenance, "status" | "text">;

function points(x: number): string {
  const v = 100 * x;
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)} points`;
}

/**
 * Decides: REJECT on any violation (a run that cannot be trusted, a turned knob, the same
 * completions scored differently, nothing to promote); otherwise PROMOTE when the delta meets
 * `minDelta`, else REJECT. The noise rule and the significance figures are added as evidence,
 * and a PROMOTE they do not support carries a warning saying so.
 *
 * @param base the baseline run (see `readRun`)
 * @param cand the candidate run
 * @param cfg the threshold and the bootstrap settings
 * @returns the verdict
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { decide, GATE_DEFAULTS } from "./gate.ts";
 * const none = { path: "r", manifest: null, manifestProblem: "there is no manifest.json", rewards: null, resultsProblem: null };
 * assertEquals(decide(none, none, GATE_DEFAULTS).decision, "REJECT");
 * ```
 */
export function decide(base: GateRun, cand: GateRun, cfg: GateConfig): GateVerdict {
  const checks = allChecks(base, cand);
  const reasons = checks.filter((r) => r.severity !== "ok");
  const violations = checks.filter((r) => r.severity === "violation").length;
  const verdict = (decision: "PROMOTE" | "REJECT", comparison: PairedComparison | null) => ({
    decision,
    exit_code: decision === "PROMOTE" ? 0 as const : 1 as const,
    baseline: base.path,
    candidate: cand.path,
    min_delta: cfg.minDelta,
    checks,
    reasons,
    comparison,
    sampling_rule: SAMPLING_RULE,
    provenance: {
      baseline: base.provenance
        ? { status: base.provenance.status, text: base.provenance.text }
        : null,
      candidate: cand.provenance
        ? { status: cand.provenance.status, text: cand.provenance.text }
        : null,
    },
  });
  if (violations > 0) {
    reasons.push({
      check: "decision",
      severity: "violation",
      knob: "evidence",
      message: `${violations} violation(s): a run that cannot be trusted, a knob other than the ` +
        "policy turned, or no policy change at all, so no difference can be promoted",
    });
    return verdict("REJECT", null);
  }
  const c = comparePaired(base.rewards!, cand.rewards!, cfg);
  const meets = c.delta >= cfg.minDelta - 1e-12;
  reasons.push({
    check: "min delta",
    severity: meets ? "note" : "violation",
    knob: "evidence",
    message: `delta ${points(c.delta)} ${meets ? "meets" : "is below"} --min-delta ${
      points(cfg.minDelta)
    }`,
  });
  const sig = `McNemar p = ${c.mcnemar_p.toPrecision(3)}, 95% CI ${points(c.ci95[0])} to ${
    points(c.ci95[1])
  }`;
  reasons.push({
    check: "significance",
    severity: meets && !c.significant ? "warning" : "note",
    knob: "evidence",
    message: c.significant
      ? `significant at 5%: ${sig}`
      : `not significant at 5% (${sig}): the difference may be chance`,
  });
  reasons.push({
    check: "noise rule",
    severity: meets && c.inside_noise_band ? "warning" : "note",
    knob: "evidence",
    message: !c.noise_rule_applies
      ? `${c.n} items ≥ ${NOISE_RULE.items}: the 5-point noise rule does not apply; read the ` +
        "significance figures"
      : c.inside_noise_band
      ? `inside the noise band: with ${c.n} < ${NOISE_RULE.items} items a change of 5 points or ` +
        "less is noise"
      : `outside the noise band (more than 5 points with ${c.n} < ${NOISE_RULE.items} items)`,
  });
  const sides: [string, GateRun][] = [["baseline", base], ["candidate", cand]];
  const unverified = sides.filter(([, r]) => !r.provenance || !isVerified(r.provenance));
  if (meets && unverified.length > 0) {
    reasons.push({
      check: "provenance",
      severity: "warning",
      knob: "evidence",
      message: `PROMOTE on self-reported provenance: ${
        unverified.map(([role, r]) =>
          `the ${role}'s completions are ${r.provenance?.text ?? "unknown"}`
        )
          .join("; ")
      }; nothing here re-made them, so the verdict rests on what the runs say of themselves`,
    });
  }
  if (meets && (c.inside_noise_band || !c.significant)) {
    reasons.push({
      check: "decision",
      severity: "warning",
      knob: "evidence",
      message: "PROMOTE only because the delta meets --min-delta; the evidence does not show a " +
        "real improvement",
    });
  }
  return verdict(meets ? "PROMOTE" : "REJECT", c);
}

/**
 * Reads and verifies both runs, then decides (the whole gate).
 *
 * @throws InputError when a run folder does not exist or cannot be read (unusable input)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gate, GATE_DEFAULTS } from "./gate.ts";
 * const dir = await Deno.makeTempDir();
 * assertEquals((await gate(dir, dir, GATE_DEFAULTS)).exit_code, 1); // no manifest: REJECT
 * await Deno.remove(dir);
 * ```
 */
export async function gate(
  baseline: string,
  candidate: string,
  cfg: GateConfig,
): Promise<GateVerdict> {
  const datasets: DatasetCache = new Map();
  const base = await readRun(baseline, { datasets, seed: cfg.seed });
  const cand = await readRun(candidate, { datasets, seed: cfg.seed });
  return decide(base, cand, cfg);
}
