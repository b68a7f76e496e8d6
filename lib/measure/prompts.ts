/**
 * The prompts of a dataset, as every command that asks a policy for completions reads them
 * (`sample`, `rl`, `logprobs`, `rollouts`): `{id, prompt, expected_answer}` in file order, ids
 * unique non-empty strings, prompts strings, with the file's SHA-256 and the prompts'
 * fingerprint (SHA-256 of `id TAB prompt LF` in file order, as lib/measure/dataset.ts computes it).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readPromptRows } from "./prompts.ts";
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"id":"a","prompt":"Compute 1+1.","expected_answer":2}\n');
 * assertEquals((await readPromptRows(path)).rows, [{ id: "a", prompt: "Compute 1+1.", expected_answer: 2 }]);
 * await Deno.remove(path);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { type FileInfo, forEachJsonl } from "../core/jsonl.ts";
import { sha256Stream } from "../core/hash.ts";

/** A dataset row as a policy's caller needs it (the answer only for previews and scoring). */
export interface PromptRow {
  id: string;
  prompt: string;
  expected_answer: unknown;
}

/**
 * Reads `{id, prompt, …}` rows of a dataset, with the file's fingerprints.
 *
 * @throws InputError on a missing file, malformed JSON, a row without a string id or prompt, or
 *   a duplicate id
 */
export async function readPromptRows(
  path: string,
): Promise<{ rows: PromptRow[]; info: FileInfo; promptsFingerprint: string }> {
  const rows: PromptRow[] = [], seen = new Set<string>();
  const prompts = sha256Stream();
  const info = await forEachJsonl(path, (value, line) => {
    const r = value as Record<string, unknown> | null;
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new InputError(path, line, "expected a JSON object");
    }
    if (typeof r.id !== "string" || r.id === "") {
      throw new InputError(path, line, "field 'id' must be a non-empty string");
    }
    if (typeof r.prompt !== "string") {
      throw new InputError(path, line, "field 'prompt' must be a string");
    }
    if (seen.has(r.id)) throw new InputError(path, line, `duplicate id ${JSON.stringify(r.id)}`);
    seen.add(r.id);
    prompts.update(`${r.id}\t${r.prompt}\n`, "utf8"); // as lib/measure/dataset.ts fingerprints prompts
    rows.push({ id: r.id, prompt: r.prompt, expected_answer: r.expected_answer });
  });
  return { rows, info, promptsFingerprint: prompts.digest("hex") };
}
