/**
 * Does the shipped base re-make? (reads files) Compares a freshly trained base with
 * `data/policy/base.json` and its weights: byte for byte first; when float arithmetic did not
 * reproduce the bytes, the greedy completion of every `small_dev` prompt under both.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { verdictLines } from "./base_check.ts";
 * assertEquals(verdictLines(true, null)[0], "byte-identical: the header and the weights re-made byte for byte");
 * ```
 * @module
 */
import { checkpointFiles, loadCheckpoint } from "../policy/checkpoint.ts";
import { greedyAgreement, type TrainedBase } from "./base_policy.ts";
import { makeSmallProblems } from "./small.ts";

/** The lines that state the comparison. */
export function verdictLines(
  identical: boolean,
  greedy: { agree: number; total: number; differ: string[] } | null,
): string[] {
  if (identical) return ["byte-identical: the header and the weights re-made byte for byte"];
  const lines = ["NOT byte-identical: the re-made weights differ from the shipped ones"];
  if (greedy) {
    lines.push(`greedy completions agree on ${greedy.agree}/${greedy.total} small_dev prompts`);
    if (greedy.differ.length > 0) lines.push(`differ: ${greedy.differ.slice(0, 10).join(", ")}`);
  }
  return lines;
}

/** Compares `trained` with the checkpoint at `shippedPath` (see the module doc). */
export async function checkBase(
  shippedPath: string,
  trained: TrainedBase,
): Promise<{ ok: boolean; identical: boolean; lines: string[] }> {
  const shipped = await loadCheckpoint(shippedPath);
  const made = checkpointFiles(shippedPath, trained);
  const onDisk = await Deno.readTextFile(shippedPath);
  const weights = await Deno.readFile(shippedPath.replace(/[^/]+$/, shipped.header.weights.file));
  const identical = onDisk === made.json && weights.length === made.weights.length &&
    weights.every((b, i) => b === made.weights[i]);
  if (identical) return { ok: true, identical, lines: verdictLines(true, null) };
  const greedy = greedyAgreement(shipped, trained, makeSmallProblems("dev"));
  return { ok: greedy.differ.length === 0, identical, lines: verdictLines(false, greedy) };
}
