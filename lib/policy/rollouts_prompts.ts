/**
 * The prompts of a rollouts run: the `id` and `prompt` of every dataset row, in file order, with
 * the file's SHA-256. Ids must be unique non-empty strings and prompts strings; other fields
 * (the expected answer) are the scorer's business, not the client's.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { loadPrompts } from "./rollouts_prompts.ts";
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"id":"a","prompt":"Compute 1+1.","expected_answer":2}\n');
 * assertEquals((await loadPrompts(path)).rows, [{ id: "a", prompt: "Compute 1+1." }]);
 * await Deno.remove(path);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { type FileInfo, forEachJsonl } from "../core/jsonl.ts";

/** A dataset row as the client needs it. */
export interface PromptRow {
  id: string;
  prompt: string;
}

/**
 * Reads the ids and prompts of a dataset (ids unique and non-empty, prompts strings).
 *
 * @throws InputError naming `path:line`
 */
export async function loadPrompts(path: string): Promise<{ rows: PromptRow[]; info: FileInfo }> {
  const rows: PromptRow[] = [];
  const seen = new Set<string>();
  const info = await forEachJsonl(path, (v, line) => {
    const r = v as Record<string, unknown>;
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
    rows.push({ id: r.id, prompt: r.prompt });
  });
  return { rows, info };
}
