/**
 * The Locked Room: may these two runs be compared at all?
 *
 * Two runs may be compared only when they measured the same thing: the same environment
 * (dataset and prompts, the same slice of it, the same examples), the same measurement instrument (scorer name,
 * version and code), the same decoding settings, the same selection compute (N) and the same
 * kind of run. The only knob allowed to move is **the policy**, the completions or samples being
 * measured. Each check here compares two manifests (already read and verified, see
 * run_reading.ts) and is named in the course's words, passing or not.
 *
 * **Sampling settings vs the policy.** A rollout file's `.meta.json` mixes two things. Its policy
 * identity ({@link POLICY_KEYS}: `policy`, `checkpoint`, `model`, `seed`, `synthetic`) says
 * *which* policy made the completions and which draw they are: a change there *is* the policy
 * change under test, a note. Every other key (`temperature`, `top_p`, …) is a decoding setting:
 * the same policy decoded differently is a turned knob, a violation. Unknown settings on either
 * side (completions without a `.meta.json`) are a violation too: the room cannot be shown locked
 * (a deleted `.meta.json` would otherwise hide a decoding change).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./locked_room.ts";
 * const [r] = compareSampling({ policy: "v1", temperature: 1 }, { policy: "v1", temperature: 0.7 });
 * assertEquals([r.check, r.severity], ["sampling settings", "violation"]);
 * ```
 * @module
 */
import type { MeasurementManifest } from "../core/manifest.ts";

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

/** Keys of the sampling settings that identify the policy and its draw, not its decoding. */
export const POLICY_KEYS: readonly string[] = [
  "policy",
  "checkpoint",
  "model",
  "seed",
  "synthetic",
];

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

function changes(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]): string[] {
  return keys.filter((k) => canonical(a[k]) !== canonical(b[k])).map((k) =>
    `${k} ${short(a[k])} → ${short(b[k])}`
  );
}

/**
 * Compares the sampling settings of two runs under the rule of this module: a change of a
 * {@link POLICY_KEYS} key is the policy (a note); a change of any other key is a decoding change
 * (a violation); unknown settings on either side are a violation (the room cannot be shown
 * locked).
 *
 * @param base the baseline's settings, or null when unknown
 * @param cand the candidate's settings, or null when unknown
 * @returns the reasons (one or two)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareSampling } from "./locked_room.ts";
 * assertEquals(compareSampling({ policy: "v1" }, null)[0].severity, "violation");
 * assertEquals(compareSampling({ policy: "v1" }, { policy: "v2" }).map((r) => r.severity), ["ok", "note"]);
 * ```
 */
export function compareSampling(
  base: Record<string, unknown> | null,
  cand: Record<string, unknown> | null,
): GateReason[] {
  const check = "sampling settings";
  if (base === null || cand === null) {
    const who = base === null && cand === null
      ? "both runs"
      : base === null
      ? "the baseline"
      : "the candidate";
    return [{
      check,
      severity: "violation",
      knob: "sampling",
      message: `unknown for ${who} (completions without a .meta.json): the decoding settings ` +
        "cannot be shown equal, so the room cannot be shown locked",
    }];
  }
  const keys = [...new Set([...Object.keys(base), ...Object.keys(cand)])].sort();
  const decoding = changes(base, cand, keys.filter((k) => !POLICY_KEYS.includes(k)));
  const policy = changes(base, cand, keys.filter((k) => POLICY_KEYS.includes(k)));
  const out: GateReason[] = [
    decoding.length > 0
      ? {
        check,
        severity: "violation",
        knob: "sampling",
        message: `${KNOB_WORDS.sampling} changed: ${
          decoding.join(", ")
        }; a difference would mix the policy with how it was decoded`,
      }
      : { check, severity: "ok", knob: "sampling", message: "decoding settings identical" },
  ];
  if (policy.length > 0) {
    out.push({
      check: "policy identity",
      severity: "note",
      knob: "policy",
      message: `${policy.join(", ")}: a different policy (or a fresh draw of it), ` +
        "the change under test",
    });
  }
  return out;
}

/** A value for a message: a SHA-256 shortened, anything else as canonical JSON. */
export function short(x: unknown): string {
  return typeof x === "string" && /^[0-9a-f]{64}$/.test(x) ? `${x.slice(0, 12)}…` : canonical(x);
}

/** The sampling rule, as stated in every verdict. */
export const SAMPLING_RULE =
  `sampling keys ${
    POLICY_KEYS.join("/")
  } identify the policy and its draw (a change is the policy under test); every other key is a ` +
  "decoding setting that must match; settings unknown on either side are a violation";

/**
 * The Locked Room checks between two verified manifests, every one named, passing or not.
 *
 * @param a the baseline's manifest
 * @param b the candidate's manifest
 * @returns one reason per check (severity `ok` when it holds)
 */
export function lockedRoom(a: MeasurementManifest, b: MeasurementManifest): GateReason[] {
  const out: GateReason[] = [];
  const same = (check: string, field: keyof MeasurementManifest, knob: Knob, what: string) => {
    const equal = canonical(a[field]) === canonical(b[field]);
    out.push({
      check,
      severity: equal ? "ok" : "violation",
      knob,
      message: equal
        ? `${short(a[field])} in both runs`
        : `${what} (${short(a[field])} → ${short(b[field])})`,
    });
  };
  same("kind of run", "kind", "procedure", `${KNOB_WORDS.procedure} changed`);
  same(
    "dataset fingerprint",
    "dataset_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the dataset file differs${
      a.prompts_fingerprint === b.prompts_fingerprint &&
        a.example_ids_fingerprint === b.example_ids_fingerprint
        ? " while its prompts and ids do not, so the expected answers changed"
        : ""
    }`,
  );
  const sliceA = a.max_examples ?? null, sliceB = b.max_examples ?? null;
  const slice = (max: number | null) => max === null ? "every example" : `the first ${max}`;
  out.push({
    check: "dataset slice",
    severity: sliceA === sliceB ? "ok" : "violation",
    knob: "environment",
    message: sliceA === sliceB
      ? `${slice(sliceA)} of the dataset in both runs`
      : `${KNOB_WORDS.environment} changed: another slice of the dataset (--max): ` +
        `${slice(sliceA)} → ${slice(sliceB)}`,
  });
  same(
    "prompts fingerprint",
    "prompts_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the prompts differ`,
  );
  same(
    "example ids",
    "example_ids_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the set of examples differs`,
  );
  same(
    "number of examples",
    "n_examples",
    "environment",
    `${KNOB_WORDS.environment} changed: the number of examples differs`,
  );
  same("scorer name", "scorer_name", "instrument", `${KNOB_WORDS.instrument} was replaced`);
  same(
    "scorer version",
    "scorer_version",
    "instrument",
    `${KNOB_WORDS.instrument} changed (a new version)`,
  );
  same(
    "scorer fingerprint",
    "scorer_fingerprint",
    "instrument",
    a.scorer_version === b.scorer_version
      ? `UNVERSIONED change of ${KNOB_WORDS.instrument}: its code changed under the same version ` +
        `${a.scorer_version}`
      : `${KNOB_WORDS.instrument}'s code changed (with the version)`,
  );
  out.push(...compareSampling(a.sampling, b.sampling));
  same("selection N", "selection_n", "compute", `${KNOB_WORDS.compute} changed (best-of-N)`);
  return out;
}
