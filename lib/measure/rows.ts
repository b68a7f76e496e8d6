/**
 * The rows of the course's input files, validated one record at a time with `path:line`
 * errors: any JSON object with a non-empty string `id` ({@link asObject}, {@link requireId}), a
 * completion row ({@link completionRow}), and the one reader of "rows with unique ids that must
 * match the dataset" that eval, select and the exercises share ({@link forEachKeyedRow}).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { completionRow } from "./rows.ts";
 * assertEquals(completionRow({ id: "a", completion: "Final: 1" }, "c.jsonl", 1).id, "a");
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { UnsafeInteger } from "../core/unsafe_integer.ts";

/** The code of an example that has no completion (an eval code, not a scorer code). */
export const MISSING_COMPLETION = "missing_completion";

/** The JSON type of a value, in words (`a string`, `null`, `an array`, `a number`). */
export function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof UnsafeInteger) return "a number";
  if (typeof v === "object") return "an object";
  return typeof v === "string" ? "a string" : typeof v === "number" ? "a number" : `a ${typeof v}`;
}

/** Checks that a parsed record is a JSON object; returns it typed. */
export function asObject(value: unknown, path: string, line: number): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(path, line, `expected a JSON object, got ${describeType(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A non-empty string id, or an InputError. */
export function requireId(row: Record<string, unknown>, path: string, line: number): string {
  if (!("id" in row)) throw new InputError(path, line, "missing field 'id'");
  const id = row.id;
  if (typeof id !== "string" || id.length === 0) {
    throw new InputError(
      path,
      line,
      `field 'id' must be a non-empty string, got ${describeType(id)}`,
    );
  }
  return id;
}

/** A completion row. */
export interface CompletionRow {
  id: string;
  completion: string;
}

/**
 * Validates one record of a completions file.
 *
 * @throws InputError when the record is not an object, lacks `id` or `completion`, or the
 *   completion is not a string
 */
export function completionRow(value: unknown, path: string, line: number): CompletionRow {
  const row = asObject(value, path, line);
  return { id: requireId(row, path, line), completion: requireCompletion(row, path, line) };
}

/** The string `completion` of a row, or an InputError. */
export function requireCompletion(
  row: Record<string, unknown>,
  path: string,
  line: number,
): string {
  if (!("completion" in row)) throw new InputError(path, line, "missing field 'completion'");
  if (typeof row.completion !== "string") {
    throw new InputError(
      path,
      line,
      `field 'completion' must be a string, got ${describeType(row.completion)}`,
    );
  }
  return row.completion;
}

/**
 * The common shape of a completions line, `{"id": "…", "completion": "…"}` with strings free of
 * escapes and control characters: the captures are exactly what `JSON.parse` gives. Any other
 * line (a completion with `\n`, say) goes to `JSON.parse`.
 */
const COMMON_COMPLETION =
  // deno-lint-ignore no-control-regex -- JSON forbids raw control characters in a string
  /^\{"id": ?"([^"\\\x00-\x1f]*)", ?"completion": ?"([^"\\\x00-\x1f]*)"\}\r?$/;

/** A completions line of the common shape as its record, or undefined for `JSON.parse`. */
export function fastCompletionRow(text: string): Record<string, unknown> | undefined {
  const m = COMMON_COMPLETION.exec(text);
  return m === null ? undefined : { id: m[1], completion: m[2] };
}
