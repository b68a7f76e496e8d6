/**
 * The generator of the course's sealed data: datasets, frozen rollouts, the selection pack and
 * the golden sets, re-made byte for byte from fixed seeds (`deno task data --check` proves it).
 *
 * The problems come from `problems.ts`, the completions from the simulated policy
 * (`lib/datagen/sim_policy.ts`), the golden sets from `golden_cases.ts`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { generateAll } from "./datagen.ts";
 * assertEquals(generateAll().get("datasets/math_dev.jsonl"), generateAll().get("datasets/math_dev.jsonl"));
 * ```
 * @module
 */
import {
  EARLY_POLICY,
  LATER_POLICY,
  sampleCompletion,
  samplingSettings,
  type SimPolicy,
} from "./sim_policy.ts";
import { makeProblems, type Problem } from "./problems.ts";
import { GOLDEN_CORRECT, GOLDEN_EXPLOITS } from "./golden_cases.ts";
import { smallDataFiles } from "./small.ts";

/**
 * JSONL text of records: one compact line each, trailing newline, and pure ASCII (every other
 * character escaped as `\uXXXX`), so no tool can mistake a U+2028 or U+0085 for a line break
 * and a reader sees exactly which hidden character a completion holds.
 */
export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => asciiJson(r)).join("\n") + "\n";
}

/** `JSON.stringify` with every non-ASCII UTF-16 unit escaped. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/** The dataset rows of problems: `{id, prompt, expected_answer}` (difficulty stays internal). */
export function datasetRows(problems: readonly Problem[]) {
  return problems.map(({ id, prompt, expected_answer }) => ({ id, prompt, expected_answer }));
}

/** One rollout per problem from `policy` (sample 0): `{id, completion}`. */
export function rollouts(policy: SimPolicy, problems: readonly Problem[]) {
  return problems.map((p) => ({ id: p.id, completion: sampleCompletion(policy, p, 0) }));
}

/** A selection pack: `{id, samples}` with `n` samples per problem (sample 0 = the rollout). */
export function selectionPack(policy: SimPolicy, problems: readonly Problem[], n: number) {
  return problems.map((p) => ({
    id: p.id,
    samples: Array.from({ length: n }, (_, i) => sampleCompletion(policy, p, i)),
  }));
}

/** Every generated data file: path under `data/` → its text. */
export function generateAll(): Map<string, string> {
  const dev = makeProblems("dev", 120, 101);
  const holdout = makeProblems("holdout", 60, 202);
  const files = new Map<string, string>();
  files.set("datasets/math_dev.jsonl", toJsonl(datasetRows(dev)));
  files.set("datasets/math_holdout.jsonl", toJsonl(datasetRows(holdout)));
  for (const [path, text] of smallDataFiles(toJsonl)) files.set(path, text); // the tiny policy's
  files.set("rollouts/frozen_rollouts_dev.jsonl", toJsonl(rollouts(EARLY_POLICY, dev)));
  files.set(
    "rollouts/frozen_rollouts_dev.meta.json",
    JSON.stringify(samplingSettings(EARLY_POLICY), null, 2) + "\n",
  );
  files.set("rollouts/later_policy_dev.jsonl", toJsonl(rollouts(LATER_POLICY, dev)));
  files.set(
    "rollouts/later_policy_dev.meta.json",
    JSON.stringify(samplingSettings(LATER_POLICY), null, 2) + "\n",
  );
  files.set("rollouts/selection_pack_dev.jsonl", toJsonl(selectionPack(EARLY_POLICY, dev, 8)));
  files.set(
    "rollouts/selection_pack_dev.meta.json",
    JSON.stringify({ ...samplingSettings(EARLY_POLICY), samples_per_prompt: 8 }, null, 2) + "\n",
  );
  files.set(
    "golden/golden_correct.jsonl",
    toJsonl(GOLDEN_CORRECT.map((g, i) => ({ id: `gc-${String(i + 1).padStart(3, "0")}`, ...g }))),
  );
  files.set(
    "golden/golden_exploits.jsonl",
    toJsonl(GOLDEN_EXPLOITS.map((g, i) => ({ id: `gx-${String(i + 1).padStart(3, "0")}`, ...g }))),
  );
  return files;
}
