/**
 * Is a dataset the sealed course data? The datasets the course ships are listed with their
 * SHA-256 in `data/SHA256SUMS` (see lib/core/seal.ts); a run on any other file (a copy edited by
 * hand, a dataset of one's own) measures something else, and the gate will not compare it with
 * runs on the sealed data (their dataset fingerprints differ).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sealedDatasetName } from "./course_data.ts";
 * import { sha256File } from "../core/hash.ts";
 * import { dataPath } from "../core/paths.ts";
 * const { sha256 } = await sha256File(dataPath("datasets/math_dev.jsonl"));
 * assertEquals(await sealedDatasetName(sha256), "datasets/math_dev.jsonl");
 * assertEquals(await sealedDatasetName("0".repeat(64)), null);
 * ```
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { parseSums, SUMS_FILE } from "../core/seal.ts";

/**
 * The sealed course dataset (`datasets/NAME.jsonl`, as `data/SHA256SUMS` lists it) whose SHA-256
 * this is, or null when it is none of them (or the list cannot be read).
 */
export async function sealedDatasetName(sha256: string): Promise<string | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(dataPath(SUMS_FILE));
  } catch {
    return null; // no list, no sealed data to match
  }
  for (const [path, digest] of parseSums(text)) {
    if (path.startsWith("datasets/") && digest === sha256) return path;
  }
  return null;
}
