/**
 * The words of the gate's findings: the knobs of the Locked Room, a finding's severity, and how
 * a value is shown in a message (a SHA-256 shortened, anything else as canonical JSON, keys
 * sorted, so settings compare by value).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { canonical, short } from "./reasons.ts";
 * assertEquals(canonical({ b: 1, a: [2] }), '{"a":[2],"b":1}');
 * assertEquals(short("ab".repeat(32)), "abababababab…");
 * ```
 * @module
 */

/** The knobs of the Locked Room, and two kinds of finding that are not knobs. */
export type Knob =
  | "environment"
  | "instrument"
  | "sampling"
  | "compute"
  | "procedure"
  | "policy"
  | "record"
  | "evidence";

/** Each knob in the course's words, as printed. */
export const KNOB_WORDS: Record<Knob, string> = {
  environment: "the environment (dataset/prompts)",
  instrument: "the measurement instrument (scorer/spec)",
  sampling: "the sampling settings (decoding)",
  compute: "selection compute (N)",
  procedure: "the kind of run (what a pass means)",
  policy: "the policy (completions/samples)",
  record: "the run record (manifest/results)",
  evidence: "the evidence",
};

/** `ok`: the check holds; `violation`: REJECT; `warning`/`note`: stated, not decisive. */
export type Severity = "ok" | "violation" | "warning" | "note";

/** One named finding of the gate. */
export interface GateReason {
  /** The check, e.g. `"dataset fingerprint"`. */
  check: string;
  severity: Severity;
  knob: Knob;
  /** One sentence for people. */
  message: string;
}

/** JSON text with object keys sorted, so settings compare by value (manifests are depth-bounded). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${
      Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(v) ?? "(unset)";
}

/** A value for a message: a SHA-256 shortened, anything else as canonical JSON. */
export function short(x: unknown): string {
  return typeof x === "string" && /^[0-9a-f]{64}$/.test(x) ? `${x.slice(0, 12)}…` : canonical(x);
}
