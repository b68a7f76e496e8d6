/**
 * A policy trained in memory, as a checkpoint would hold it: the weights rounded to float32 (what
 * `checkpoint.weights.f32` stores, so a loaded copy samples alike), the base's vocabulary, its
 * name, and the SHA-256 of the header it would be written with (so runs sampled from it name it
 * like any other checkpoint, and the gate tells it from its parent). Writes nothing.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { loadCheckpoint } from "../policy/checkpoint.ts";
 * import { dataPath } from "../core/paths.ts";
 * import { trainedPolicy } from "./trained_policy.ts";
 * const base = await loadCheckpoint(dataPath("policy/base.json"));
 * const { policy } = trainedPolicy(base, "copy", base.params, { kind: "copy" });
 * assertEquals([policy.name, policy.params.flat[0] === base.params.flat[0]], ["copy", true]);
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import { checkpointFiles, type CheckpointHeader, type Policy } from "../policy/checkpoint.ts";
import { type GruParams, paramsView } from "../policy/gru.ts";

/** The trained policy and the checkpoint files it would be written as. */
export function trainedPolicy(
  base: Policy,
  name: string,
  params: GruParams,
  training: Record<string, unknown>,
): { policy: Policy; files: { header: CheckpointHeader; json: string; weights: Uint8Array } } {
  const files = checkpointFiles("checkpoint.json", { name, params, vocab: base.vocab, training });
  const stored = paramsView(params.cfg, Float64Array.from(params.flat, Math.fround));
  return {
    policy: {
      ...base,
      name,
      params: stored,
      sha256: sha256Text(files.json),
      header: files.header,
      path: "",
    },
    files,
  };
}
