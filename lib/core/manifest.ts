/**
 * The manifest of a measurement run: the experiment's fingerprint. Everything the gate needs
 * to decide whether two runs may be compared lives here, at top level where scripts can read
 * it (`jq '.dataset_fingerprint, .scorer_version' runs/X/manifest.json`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { instrumentFields } from "./manifest.ts";
 * assertEquals(instrumentFields().scorer_name, "final-int-strict");
 * ```
 * @module
 */
import type { FileInfo } from "./jsonl.ts";
import type { Dataset } from "../measure/dataset.ts";
import { type Provenance, provenance } from "./run_dir.ts";
import { type Instrument, strictInstrument } from "../instrument/instrument.ts";
import { goldenGate, type GoldenGateField, goldenGateField } from "../instrument/golden.ts";

/** The kinds of measurement run. */
export type RunKind = "eval" | "select";

/** The fields every measurement manifest carries. */
export interface MeasurementManifest extends Provenance {
  kind: RunKind;
  dataset_fingerprint: string;
  scorer_version: string;
  scorer_name: string;
  scorer_fingerprint: string;
  prompts_fingerprint: string;
  example_ids_fingerprint: string;
  n_examples: number;
  /** Each input file: path as given, size, SHA-256, records. */
  inputs: Record<string, FileInfo>;
  /** The sampling settings of the completions (from their `.meta.json`), or null if unknown. */
  sampling: Record<string, unknown> | null;
  /** Best-of-N: how many samples per prompt were considered; 1 for an eval. */
  selection_n: number;
  /** Whether the scorer that made this run passed the golden sets (rule 5 of the rules). */
  golden_gate: GoldenGateField;
  command: string;
  args: string[];
}

/** The strict scorer's identity, in the manifest's field names. */
export function instrumentFields(): Pick<
  MeasurementManifest,
  "scorer_name" | "scorer_version" | "scorer_fingerprint"
> {
  const strict = strictInstrument();
  return {
    scorer_name: strict.name,
    scorer_version: strict.version,
    scorer_fingerprint: strict.fingerprint,
  };
}

/**
 * Builds a measurement manifest for the run's instrument (default: the strict scorer), with the
 * golden gate's verdict on that instrument. `extra` fields are appended after the common ones.
 */
export async function measurementManifest(opts: {
  kind: RunKind;
  instrument?: Instrument;
  dataset: Dataset;
  inputs: Record<string, FileInfo>;
  sampling: Record<string, unknown> | null;
  selectionN: number;
  command: string;
  args: string[];
  extra?: Record<string, unknown>;
}): Promise<MeasurementManifest & Record<string, unknown>> {
  const instrument = opts.instrument ?? strictInstrument();
  return {
    kind: opts.kind,
    dataset_fingerprint: opts.dataset.info.sha256,
    scorer_version: instrument.version,
    scorer_name: instrument.name,
    scorer_fingerprint: instrument.fingerprint,
    prompts_fingerprint: opts.dataset.promptsFingerprint,
    example_ids_fingerprint: opts.dataset.idsFingerprint,
    n_examples: opts.dataset.size,
    inputs: opts.inputs,
    sampling: opts.sampling,
    selection_n: opts.selectionN,
    golden_gate: goldenGateField(goldenGate(instrument.score, instrument.name)),
    command: opts.command,
    args: opts.args,
    ...opts.extra,
    ...(await provenance()),
  };
}
