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
import { sha256Stream } from "../core/hash.ts";
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
 * The common shape of a dataset line, `{"id": "…", "prompt": "…", "expected_answer": N}`, with
 * strings free of escapes and control characters and an integer of at most 15 digits: for such a
 * line the captures are exactly what `JSON.parse` gives (about 5 times faster, and the prompt is
 * only hashed). Any other line goes to `JSON.parse`.
 */
const COMMON_ROW =
  // deno-lint-ignore no-control-regex -- JSON forbids raw control characters in a string
  /^\{"id": ?"([^"\\\x00-\x1f]*)", ?"prompt": ?"([^"\\\x00-\x1f]*)", ?"expected_answer": ?(-?(?:0|[1-9]\d{0,14}))\}\r?$/;

/** A dataset line of the common shape as its record, or undefined for `JSON.parse`. */
export function fastDatasetRow(text: string): Record<string, unknown> | undefined {
  const m = COMMON_ROW.exec(text);
  return m === null ? undefined : { id: m[1], prompt: m[2], expected_answer: Number(m[3]) };
}

/** Examples per storage block (no block is ever copied to grow). */
const BLOCK = 1 << 16;

/**
 * A loaded dataset: its examples in file order, found by id, and its fingerprints. Ids live in an
 * {@link IdIndex}; expected answers in blocks of 64-bit floats (a canonical integer string, rare,
 * in a side map); file lines in blocks of 32-bit integers.
 */
export class Dataset {
  readonly #index = new IdIndex();
  #numbers: Float64Array[] = []; // expected answers that are numbers (NaN: see #strings)
  #strings = new Map<number, string>(); // expected answers given as canonical integer strings
  #lines: Int32Array[] = [];
  /** The file as read: path, size, SHA-256, rows. */
  info!: FileInfo;
  /** SHA-256 of the ids and prompts alone (`id TAB prompt LF` in file order). */
  promptsFingerprint = "";
  /** SHA-256 of the sorted ids joined by LF: the set of examples. */
  idsFingerprint = "";

  #limit = Infinity;
  /** Number of examples measured: all of the file's, or the first `max` (see {@link loadDataset}). */
  get size(): number {
    return Math.min(this.#index.size, this.#limit);
  }
  /** Number of examples in the file (more than {@link Dataset.size} when the dataset is sliced). */
  get fileSize(): number {
    return this.#index.size;
  }
  /** The first `max` examples of the file, or null when every example is measured. */
  get maxExamples(): number | null {
    return this.#limit < this.#index.size ? this.#limit : null;
  }
  /** Measures only the first `n` examples (file order); the rest stay known by id. */
  limitTo(n: number): void {
    this.#limit = n;
    this.#idsArray = this.#expectedArray = null;
  }
  /** Index of an id in file order, or -1 (an index at or past `size` is beyond the slice). */
  indexOf(id: string): number {
    return this.#index.indexOf(id);
  }
  /** True when the example at index `i` has this id (no string is built). */
  idIs(i: number, id: string): boolean {
    return this.#index.is(i, id);
  }
  /** The id of the example at index `i`. */
  idAt(i: number): string {
    return this.#index.idAt(i);
  }
  /** The expected answer of the example at index `i`, as the file gave it. */
  expectedAt(i: number): number | string {
    const x = this.#numbers[i >>> 16][i & (BLOCK - 1)];
    return Number.isNaN(x) ? this.#strings.get(i)! : x;
  }
  /** The 1-based file line of the example at index `i`. */
  lineOf(i: number): number {
    return this.#lines[i >>> 16][i & (BLOCK - 1)];
  }
  #idsArray: string[] | null = null;
  #expectedArray: (number | string)[] | null = null;
  /**
   * Ids in file order, as an array built on first use (for small datasets and notebooks; large
   * runs read {@link Dataset.idAt} and never build it). Read-only: a copy to sort.
   */
  get ids(): readonly string[] {
    return this.#idsArray ??= Array.from({ length: this.size }, (_, i) => this.idAt(i));
  }
  /** Expected answers in file order, built on first use like {@link Dataset.ids}. */
  get expected(): readonly (number | string)[] {
    return this.#expectedArray ??= Array.from({ length: this.size }, (_, i) => this.expectedAt(i));
  }
  /** The example at index `i`. */
  at(i: number): Example {
    return { id: this.idAt(i), expected_answer: this.expectedAt(i), line: this.lineOf(i) };
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
    this.#idsArray = this.#expectedArray = null;
    const b = i >>> 16, k = i & (BLOCK - 1);
    if (k === 0) {
      this.#numbers.push(new Float64Array(BLOCK));
      this.#lines.push(new Int32Array(BLOCK));
    }
    if (typeof expected === "number") this.#numbers[b][k] = expected;
    else {
      this.#numbers[b][k] = NaN;
      this.#strings.set(i, expected);
    }
    this.#lines[b][k] = line;
    return true;
  }
}

/**
 * SHA-256 of the dataset's ids sorted and joined by LF, fed to the hash in batches: when the
 * file lists its ids in sorted order (the common case) no sorted copy is made.
 */
function sortedIdsFingerprint(ds: Dataset, sorted: boolean): string {
  const hash = sha256Stream();
  const ids = sorted ? null : [...ds.ids].sort();
  let batch: string[] = [];
  for (let i = 0; i < ds.size; i++) {
    if (i > 0) batch.push("\n");
    batch.push(ids === null ? ds.idAt(i) : ids[i]);
    if (batch.length >= 8192) {
      hash.update(batch.join(""), "utf8");
      batch = [];
    }
  }
  hash.update(batch.join(""), "utf8");
  return hash.digest("hex");
}

/**
 * Streams and validates a dataset file.
 *
 * With `max`, only the first `max` examples (file order) are measured: `size`, the prompts and
 * ids fingerprints are the slice's, while every row of the file is still validated and every id
 * stays known (so rows of other files keyed by an id past the slice can be told from unknown
 * ids), and `info` (with its SHA-256) is the whole file's.
 *
 * @param path a JSONL file of `{id, prompt, expected_answer}`
 * @param opts `max`: measure only the first `max` examples (an integer >= 1)
 * @throws InputError on a missing/empty file, malformed JSON, a missing field, a wrong type, an
 *   `expected_answer` that is not an integer, or a duplicate id
 * @throws RangeError when `max` is not an integer >= 1 (a caller's mistake)
 */
export async function loadDataset(
  path: string,
  opts: { max?: number } = {},
): Promise<Dataset> {
  const max = opts.max ?? Infinity;
  if (max !== Infinity && !(Number.isSafeInteger(max) && max >= 1)) {
    throw new RangeError(`max must be an integer >= 1, got ${max}`);
  }
  const ds = new Dataset();
  const prompts = sha256Stream();
  let batch: string[] = [];
  let sorted = true, previous = "", rows = 0;
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
    if (rows++ >= max) return; // past the slice: validated, not fingerprinted
    if (id < previous) sorted = false;
    previous = id;
    batch.push(id, "\t", row.prompt, "\n");
    if (batch.length >= 4096) {
      prompts.update(batch.join(""), "utf8");
      batch = [];
    }
  }, { fast: fastDatasetRow });
  prompts.update(batch.join(""), "utf8");
  if (max < ds.fileSize) ds.limitTo(max);
  ds.info = info;
  ds.promptsFingerprint = prompts.digest("hex");
  ds.idsFingerprint = sortedIdsFingerprint(ds, sorted);
  return ds;
}

/** The slice a run measured, in its summary (present only when `--max` kept fewer examples). */
export interface SliceSummary {
  /** The first `max_examples` examples of the file were measured. */
  max_examples: number;
  examples_in_file: number;
  /** Rows of the run's input for examples past the slice, skipped. */
  rows_past_slice: number;
}

/**
 * The slice of a dataset a run measured, or null when it measured every example.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { loadDataset, sliceSummary } from "./dataset.ts";
 * import { dataPath } from "../core/paths.ts";
 * const ds = await loadDataset(dataPath("datasets/math_dev.jsonl"), { max: 50 });
 * assertEquals(sliceSummary(ds, 70), { max_examples: 50, examples_in_file: 120, rows_past_slice: 70 });
 * ```
 */
export function sliceSummary(ds: Dataset, rowsPastSlice: number): SliceSummary | null {
  const max = ds.maxExamples;
  return max === null
    ? null
    : { max_examples: max, examples_in_file: ds.fileSize, rows_past_slice: rowsPastSlice };
}
