/**
 * Loading the course's input files with strict, line-numbered validation: datasets
 * (`{id, prompt, expected_answer}`), completions (`{id, completion}`) and the sampling settings
 * that travel beside a rollout file as `<name>.meta.json`.
 *
 * Every problem is an {@link InputError} naming `path:line`; nothing is coerced: an
 * `expected_answer` is valid exactly when the scorer would accept it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { loadDataset } from "./dataset.ts";
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"id":"a","prompt":"Compute 1+1.","expected_answer":2}\n');
 * const ds = await loadDataset(path);
 * assertEquals(ds.get("a")?.expected_answer, 2);
 * await Deno.remove(path);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { type FileInfo, forEachJsonl } from "../core/jsonl.ts";
import { sha256Stream, sha256Text } from "../core/hash.ts";
import { expectedText, whyInvalid } from "../instrument/scorer.ts";

/** A dataset row as the scorer needs it (the prompt is fingerprinted, not kept). */
export interface Example {
  id: string;
  expected_answer: number | string;
  /** The 1-based line of the row in its file. */
  line: number;
}

/**
 * A loaded dataset: its examples in file order, found by id, and its fingerprints. Stored as
 * parallel arrays plus an id → index map (a few dozen bytes per example), so a 200,000-row
 * dataset costs a few megabytes.
 */
export class Dataset {
  /** Ids in file order. */
  readonly ids: string[] = [];
  /** Expected answers, parallel to `ids`. */
  readonly expected: (number | string)[] = [];
  /** 1-based file lines, parallel to `ids`. */
  readonly lines: number[] = [];
  readonly #index = new Map<string, number>();
  /** The file as read: path, size, SHA-256, rows. */
  info!: FileInfo;
  /** SHA-256 of the ids and prompts alone (`id TAB prompt LF` in file order). */
  promptsFingerprint = "";
  /** SHA-256 of the sorted ids: the set of examples. */
  idsFingerprint = "";

  /** Number of examples. */
  get size(): number {
    return this.ids.length;
  }
  /** Index of an id in file order, or -1. */
  indexOf(id: string): number {
    return this.#index.get(id) ?? -1;
  }
  /** The example at index `i`. */
  at(i: number): Example {
    return { id: this.ids[i], expected_answer: this.expected[i], line: this.lines[i] };
  }
  /** The example with this id, if any. */
  get(id: string): Example | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.at(i);
  }
  /** Appends an example; returns false (and adds nothing) when the id is already present. */
  add(id: string, expected: number | string, line: number): boolean {
    if (this.#index.has(id)) return false;
    this.#index.set(id, this.ids.length);
    this.ids.push(id);
    this.expected.push(expected);
    this.lines.push(line);
    return true;
  }
}

function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
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

/**
 * Streams and validates a dataset file.
 *
 * @param path a JSONL file of `{id, prompt, expected_answer}`
 * @throws InputError on a missing/empty file, malformed JSON, a missing field, a wrong type, an
 *   `expected_answer` that is not an integer, or a duplicate id
 */
export async function loadDataset(path: string): Promise<Dataset> {
  const ds = new Dataset();
  const prompts = sha256Stream();
  let batch: string[] = [];
  const info = await forEachJsonl(path, (value, line) => {
    const row = asObject(value, path, line);
    const id = requireId(row, path, line);
    if (!("prompt" in row)) throw new InputError(path, line, "missing field 'prompt'");
    if (typeof row.prompt !== "string") {
      throw new InputError(
        path,
        line,
        `field 'prompt' must be a string, got ${describeType(row.prompt)}`,
      );
    }
    if (!("expected_answer" in row)) {
      throw new InputError(path, line, "missing field 'expected_answer'");
    }
    if (expectedText(row) === null) throw new InputError(path, line, whyInvalid(row));
    if (!ds.add(id, row.expected_answer as number | string, line)) {
      const first = ds.lines[ds.indexOf(id)];
      throw new InputError(
        path,
        line,
        `duplicate id ${JSON.stringify(id)} (first at line ${first})`,
      );
    }
    batch.push(id, "\t", row.prompt, "\n");
    if (batch.length >= 4096) {
      prompts.update(batch.join(""), "utf8");
      batch = [];
    }
  });
  prompts.update(batch.join(""), "utf8");
  ds.info = info;
  ds.promptsFingerprint = prompts.digest("hex");
  ds.idsFingerprint = sha256Text([...ds.ids].sort().join("\n"));
  return ds;
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
  const id = requireId(row, path, line);
  if (!("completion" in row)) throw new InputError(path, line, "missing field 'completion'");
  if (typeof row.completion !== "string") {
    throw new InputError(
      path,
      line,
      `field 'completion' must be a string, got ${describeType(row.completion)}`,
    );
  }
  return { id, completion: row.completion };
}

/** The sidecar file that carries a rollout file's sampling settings. */
export function metaPathFor(path: string): string {
  return path.replace(/(\.jsonl)?$/, ".meta.json");
}

/**
 * The sampling settings recorded beside a rollout file (`<name>.meta.json`), or null when the
 * file has none.
 *
 * @throws InputError when the sidecar exists but is not a JSON object
 */
export async function loadSamplingSettings(path: string): Promise<Record<string, unknown> | null> {
  const meta = metaPathFor(path);
  let text: string;
  try {
    text = await Deno.readTextFile(meta);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new InputError(meta, null, `cannot read: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(meta, null, `malformed JSON (${(e as Error).message})`);
  }
  return asObject(value, meta, 1);
}
