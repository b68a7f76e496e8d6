/**
 * Loading a dataset (`{id, prompt, expected_answer}` per line) with strict, line-numbered
 * validation, into a compact structure: ids with an {@link IdIndex}, expected answers in one
 * array and file lines in a typed array, so a 2,000,000-row dataset costs about 60 bytes per
 * example beyond the id strings themselves (tests/measure/dataset_test.ts pins the bound).
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
import { readExpected } from "../instrument/expected.ts";
import { IdIndex } from "./id_index.ts";
import { asObject, describeType, requireId } from "./rows.ts";

/** A dataset row as the scorer needs it (the prompt is fingerprinted, not kept). */
export interface Example {
  id: string;
  expected_answer: number | string;
  /** The 1-based line of the row in its file. */
  line: number;
}

/**
 * A loaded dataset: its examples in file order, found by id, and its fingerprints. Stored as
 * parallel arrays plus a compact id index (see id_index.ts).
 */
export class Dataset {
  readonly #index = new IdIndex();
  /** Expected answers, parallel to `ids`. */
  readonly expected: (number | string)[] = [];
  #lines = new Int32Array(1024);
  /** The file as read: path, size, SHA-256, rows. */
  info!: FileInfo;
  /** SHA-256 of the ids and prompts alone (`id TAB prompt LF` in file order). */
  promptsFingerprint = "";
  /** SHA-256 of the sorted ids: the set of examples. */
  idsFingerprint = "";

  /** Ids in file order. */
  get ids(): readonly string[] {
    return this.#index.ids;
  }
  /** Number of examples. */
  get size(): number {
    return this.#index.size;
  }
  /** Index of an id in file order, or -1. */
  indexOf(id: string): number {
    return this.#index.indexOf(id);
  }
  /** The 1-based file line of the example at index `i`. */
  lineOf(i: number): number {
    return this.#lines[i];
  }
  /** The example at index `i`. */
  at(i: number): Example {
    return { id: this.ids[i], expected_answer: this.expected[i], line: this.#lines[i] };
  }
  /** The example with this id, if any. */
  get(id: string): Example | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.at(i);
  }
  /** Appends an example; returns false (and adds nothing) when the id is already present. */
  add(id: string, expected: number | string, line: number): boolean {
    const i = this.#index.add(id);
    if (i < 0) return false;
    this.expected.push(expected);
    if (i === this.#lines.length) {
      const grown = new Int32Array(this.#lines.length * 2);
      grown.set(this.#lines);
      this.#lines = grown;
    }
    this.#lines[i] = line;
    return true;
  }
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
    const expected = readExpected(row);
    if (typeof expected !== "string") throw new InputError(path, line, expected.why);
    if (!ds.add(id, row.expected_answer as number | string, line)) {
      const first = ds.lineOf(ds.indexOf(id));
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
