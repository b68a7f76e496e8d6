/**
 * The Locked Room: may these two runs be compared at all?
 *
 * Two runs may be compared only when they measured the same thing: the same environment
 * (dataset and prompts, the same slice of it, the same examples), the same measurement instrument (scorer name,
 * version and code), the same decoding settings, the same selection compute (N) and the same
 * kind of run. The only knob allowed to move is **the policy**, the completions or samples being
 * measured. Each check here compares two manifests (already read and verified, see
 * run_reading.ts) and is named in the course's words, passing or not; the sampling settings'
 * own rule is in sampling_check.ts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { lockedRoom } from "./locked_room.ts";
 * import type { MeasurementManifest } from "../core/manifest.ts";
 * const m = {
 *   kind: "eval", dataset_fingerprint: "d", prompts_fingerprint: "p", example_ids_fingerprint: "i",
 *   n_examples: 2, scorer_name: "s", scorer_version: "1", scorer_fingerprint: "f",
 *   sampling: { temperature: 1 }, selection_n: 1,
 * } as unknown as MeasurementManifest;
 * const r = lockedRoom(m, { ...m, scorer_version: "2", scorer_fingerprint: "g" });
 * assertEquals(r.filter((x) => x.severity === "violation").map((x) => x.check), ["scorer version"]);
 * ```
 * @module
 */
import type { MeasurementManifest } from "../core/manifest.ts";
import { canonical, type GateReason, type Knob, KNOB_WORDS, short } from "./reasons.ts";
import { compareSampling } from "./sampling_check.ts";

export {
  canonical,
  type GateReason,
  type Knob,
  KNOB_WORDS,
  type Severity,
  short,
} from "./reasons.ts";
export { compareSampling, POLICY_KEYS, SAMPLING_RULE } from "./sampling_check.ts";

/**
 * The Locked Room checks between two verified manifests, every one named, passing or not. One
 * reason per cause: a difference that a more specific one already explains is not listed again
 * (changed prompts or examples change the dataset file; a replaced scorer has another version and
 * code; a new version, other code).
 *
 * @param a the baseline's manifest
 * @param b the candidate's manifest
 * @returns one reason per check (severity `ok` when it holds)
 */
export function lockedRoom(a: MeasurementManifest, b: MeasurementManifest): GateReason[] {
  const out: GateReason[] = [];
  const differ = (field: keyof MeasurementManifest) => canonical(a[field]) !== canonical(b[field]);
  const same = (
    check: string,
    field: keyof MeasurementManifest,
    knob: Knob,
    what: string,
    explained = false,
  ) => {
    const equal = !differ(field);
    if (!equal && explained) return; // named by the more specific check
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
  const examples = differ("prompts_fingerprint") || differ("example_ids_fingerprint") ||
    differ("n_examples");
  same(
    "dataset fingerprint",
    "dataset_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the dataset file differs while its prompts and ids do ` +
      "not, so the expected answers changed",
    examples,
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
    differ("example_ids_fingerprint") || differ("n_examples"),
  );
  same(
    "example ids",
    "example_ids_fingerprint",
    "environment",
    `${KNOB_WORDS.environment} changed: the set of examples differs`,
    differ("n_examples"),
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
    differ("scorer_name"),
  );
  same(
    "scorer fingerprint",
    "scorer_fingerprint",
    "instrument",
    `UNVERSIONED change of ${KNOB_WORDS.instrument}: its code changed under the same version ` +
      `${a.scorer_version}`,
    differ("scorer_name") || differ("scorer_version"),
  );
  out.push(...compareSampling(a.sampling, b.sampling));
  same("selection N", "selection_n", "compute", `${KNOB_WORDS.compute} changed (best-of-N)`);
  return out;
}
