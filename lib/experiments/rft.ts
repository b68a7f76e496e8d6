/**
 * Rejection-sampling fine-tuning of the tiny policy, in memory (no files): the notebooks' entry
 * point for lib/learn/rft.ts. The fine-tuned policy is a checkpoint in memory
 * (lib/experiments/trained_policy.ts), named for how it was made.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rftCheckpointName } from "./rft.ts";
 * assertEquals(rftCheckpointName("tiny-gru-base", 8, 0), "tiny-gru-base+rft-n8-seed0");
 * ```
 * @module
 */
import type { Policy } from "../policy/checkpoint.ts";
import {
  fineTune,
  type KeptSamples,
  keptSamples,
  RFT_DEFAULTS,
  type RftConfig,
} from "../learn/rft.ts";
import type { RlExample } from "../learn/rl_eval.ts";
import { trainedPolicy } from "./trained_policy.ts";

/** The name of an RFT checkpoint: the base's, then how it was fine-tuned. */
export function rftCheckpointName(base: string, n: number, seed: number): string {
  return `${base}+rft-n${n}-seed${seed}`;
}

/** What an RFT run made: the policy, what it was trained on, and its loss. */
export interface RftExperiment {
  trained: Policy;
  kept: KeptSamples;
  firstLoss: number;
  lastLoss: number;
  config: RftConfig;
}

/**
 * Samples the base on the training prompts, keeps the strict-correct samples and fine-tunes the
 * base on them ({@link RFT_DEFAULTS} unless `cfg` says otherwise). Deterministic for a seed.
 */
export function rftExperiment(
  base: Policy,
  train: readonly RlExample[],
  cfg: Partial<RftConfig> = {},
): RftExperiment {
  const config = { ...RFT_DEFAULTS, ...cfg };
  const kept = keptSamples(base, train, config);
  const tuned = fineTune(base.params, kept.rows, config);
  const name = rftCheckpointName(base.name, config.n, config.seed);
  const training = { kind: "rft", parent: { name: base.name, sha256: base.sha256 }, config };
  return {
    trained: trainedPolicy(base, name, tuned.params, training).policy,
    kept,
    firstLoss: tuned.firstLoss,
    lastLoss: tuned.lastLoss,
    config,
  };
}
