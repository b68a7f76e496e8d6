/**
 * An eval with another instrument: the same Loop A measurement as lib/measure/eval.ts, but scored by a
 * rubric variant, a patched rubric or a sabotaged copy of the scorer instead of the strict
 * scorer (reads the dataset and completions, writes a run).
 *
 * Its manifest has the eval's shape, so the gate can read it, but it records the instrument that
 * really scored: `scorer_name` is the given name, `scorer_version` is `"variant"` and
 * `scorer_fingerprint` is the SHA-256 of the function's source, with that scorer's golden gate.
 * Comparing such a run with a strict eval is therefore an **instrument change** the gate names
 * (M6's first promotion trap), and the teacher review holds it off-contract (cite it as a
 * scratch run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runRubricEval } from "./rubric_eval.ts";
 * import { RUBRICS } from "../instrument/rubrics.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary, manifest } = await runRubricEval({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
 *   scorer: { name: "substring", fn: RUBRICS["substring"] },
 *   outdir: out, args: [],
 * });
 * assertEquals([summary.n, manifest.scorer_name], [120, "substring"]);
 * ```
 * @module
 */
import { type EvalSummary, runEval } from "./eval.ts";
import { fnFingerprint, instrumentFor, VARIANT_VERSION } from "../instrument/instrument.ts";
import type { MeasurementManifest } from "../core/manifest.ts";
import type { ScoreFn } from "../instrument/rubrics.ts";

export { fnFingerprint, VARIANT_VERSION };

/** What {@link runRubricEval} needs. */
export interface RubricEvalConfig {
  dataset: string;
  completions: string;
  /** The instrument: its honest name and the scoring function. */
  scorer: { name: string; fn: ScoreFn };
  outdir: string;
  /** The arguments recorded in the manifest. */
  args: string[];
}

/**
 * Scores every example's completion with `cfg.scorer.fn` and writes the run atomically, exactly
 * as {@link runEval} does with the strict scorer (it is `runEval` with another instrument);
 * never overwrites an existing run.
 *
 * @returns the run path, the summary and the manifest
 * @throws InputError on a bad input (an unknown or duplicate id, a malformed row)
 */
export function runRubricEval(
  cfg: RubricEvalConfig,
): Promise<{ runPath: string; summary: EvalSummary; manifest: MeasurementManifest }> {
  return runEval({
    dataset: cfg.dataset,
    completions: cfg.completions,
    outdir: cfg.outdir,
    force: false,
    args: cfg.args,
    command: "runRubricEval() (lib/measure/rubric_eval.ts)",
    instrument: instrumentFor(cfg.scorer.name, cfg.scorer.fn),
  });
}
