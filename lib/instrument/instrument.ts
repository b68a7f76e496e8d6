/**
 * The measurement instrument as a value: a scoring function with the identity a manifest records
 * (name, version, fingerprint). The strict scorer is the course's instrument; a rubric variant,
 * a patched rubric or a sabotaged copy can be measured with too, and then says so honestly:
 * version `"variant"` and the SHA-256 of the function's source, so the gate names the change of
 * instrument whenever such a run is compared with a strict one.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { instrumentFor, strictInstrument } from "./instrument.ts";
 * import { RUBRICS } from "./rubrics.ts";
 * assertEquals(strictInstrument().version, "1.0.0");
 * assertEquals(instrumentFor("substring", RUBRICS["substring"]).version, "variant");
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import type { ScoreFn } from "./rubric_contract.ts";
import { score, scorerFingerprint } from "./scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "./spec.ts";

/** A scoring function and the identity recorded in every manifest of a run it scores. */
export interface Instrument {
  name: string;
  version: string;
  fingerprint: string;
  score: ScoreFn;
}

/** The version every non-strict instrument records: it is not a versioned spec. */
export const VARIANT_VERSION = "variant";

/** The fingerprint of a scoring function: SHA-256 of its source text, so any edit shows. */
export function fnFingerprint(fn: ScoreFn): string {
  return sha256Text(fn.toString());
}

/** The strict scorer of spec v1, with its name, version and source fingerprint. */
export function strictInstrument(): Instrument {
  return {
    name: SCORER_NAME,
    version: SCORER_VERSION,
    fingerprint: scorerFingerprint(),
    score,
  };
}

/** The strict scorer's identity, in a manifest's field names (`scorer_name`, …). */
export function instrumentFields(): {
  scorer_name: string;
  scorer_version: string;
  scorer_fingerprint: string;
} {
  const strict = strictInstrument();
  return {
    scorer_name: strict.name,
    scorer_version: strict.version,
    scorer_fingerprint: strict.fingerprint,
  };
}

/**
 * The instrument for a scoring function: the strict one when `fn` is the strict scorer itself,
 * otherwise a variant under the given honest name.
 */
export function instrumentFor(name: string, fn: ScoreFn): Instrument {
  if (fn === score) return strictInstrument();
  return { name, version: VARIANT_VERSION, fingerprint: fnFingerprint(fn), score: fn };
}
