/**
 * Builds the manifest of a measurement run (eval or select) from what the run used and wrote:
 * the dataset's fingerprints (of the slice measured, with `max_examples`, when `--max` kept only
 * the first examples), the instrument's identity and its golden gate, the inputs, the
 * sampling settings, the digests of the artifacts and the provenance. The shape and its reader
 * are in lib/core/manifest.ts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { resultsIdsFingerprint } from "./measurement_manifest.ts";
 * import { sha256Text } from "../core/hash.ts";
 * import { OrderedIdsHash } from "./measurement_manifest.ts";
 * assertEquals(resultsIdsFingerprint(["b", "a"]), sha256Text("b\na"));
 * const h = new OrderedIdsHash();
 * h.add("b");
 * h.add("a");
 * assertEquals(h.digest(), resultsIdsFingerprint(["b", "a"]));
 * ```
 * @module
 */
import type { FileInfo } from "../core/jsonl.ts";
import { sha256Text } from "../core/hash.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { goldenGate, goldenGateField } from "../instrument/golden.ts";
import type { Dataset } from "./dataset.ts";
import type { SamplingSettings } from "./sampling.ts";

/** SHA-256 of ids in the order given, joined by LF (the order `results.jsonl` holds them). */
export function resultsIdsFingerprint(ids: readonly string[]): string {
  return sha256Text(ids.join("\n"));
}

export { OrderedIdsHash } from "../core/hash.ts";

/**
 * The fields of a measurement run's manifest (eval or select) for its instrument (default: the
 * strict scorer), with the golden gate's verdict on that instrument: what the run writer records
 * after the header (`kind`, `command`, `args`, `seed`) and before the artifacts and the
 * provenance. `extra` fields come last.
 */
export function measurementFields(opts: {
  instrument?: Instrument;
  dataset: Dataset;
  inputs: Record<string, FileInfo>;
  sampling: SamplingSettings | null;
  selectionN: number;
  resultsIdsFingerprint: string;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  const instrument = opts.instrument ?? strictInstrument();
  return {
    dataset_fingerprint: opts.dataset.info.sha256,
    scorer_version: instrument.version,
    scorer_name: instrument.name,
    scorer_fingerprint: instrument.fingerprint,
    prompts_fingerprint: opts.dataset.promptsFingerprint,
    example_ids_fingerprint: opts.dataset.idsFingerprint,
    results_ids_fingerprint: opts.resultsIdsFingerprint,
    n_examples: opts.dataset.size,
    max_examples: opts.dataset.maxExamples,
    inputs: opts.inputs,
    sampling: opts.sampling,
    selection_n: opts.selectionN,
    golden_gate: goldenGateField(goldenGate(instrument.score, instrument.name)),
    ...opts.extra,
  };
}
