/**
 * Rows keyed by example id, streamed against a dataset: each row's id must be in the dataset and
 * appear once; the examples without a row are counted.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { type FileInfo, forEachJsonl } from "../core/jsonl.ts";
import { asObject, requireId } from "./rows.ts";

/**
 * What the keyed reader needs of a dataset: its size, an id lookup and its file. A sliced
 * dataset (`--max`) measures its first `size` examples of `fileSize`; ids past the slice are
 * known (`indexOf` gives an index at or past `size`).
 */
export interface KeyedDataset {
  readonly size: number;
  /** Examples in the file (default `size`). */
  readonly fileSize?: number;
  indexOf(id: string): number;
  /** True when the example at index `i` has this id (the reader tries the next one first). */
  idIs(i: number, id: string): boolean;
  readonly info: { readonly path: string };
}

/** What one pass of {@link forEachKeyedRow} found. */
export interface KeyedRows {
  /** The file: path, size, SHA-256, rows. */
  info: FileInfo;
  /** Example index → the 1-based line of its row, 0 when it has none. */
  seenAt: Int32Array;
  /** Examples of the dataset without a row. */
  missing: number;
  /** Index of the first example without a row, or -1. */
  firstMissing: number;
  /** Rows whose example is in the file but past the dataset's slice (`--max`): not read. */
  pastSlice: number;
}

/**
 * Streams a JSONL file of rows keyed by example id: every row must be an object whose `id` is in
 * the dataset, and no id may appear twice. Calls `onRow(row, index, line)` for each row in file
 * order whose example is measured; a row of an example past a sliced dataset's first `size` is
 * counted in `pastSlice` and not read further. An empty file, or one holding only blank lines,
 * is refused.
 *
 * @throws InputError naming `path:line`: a malformed row, an id the dataset lacks (never
 *   skipped silently), a duplicate id (naming its first line)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { forEachKeyedRow } from "./keyed_rows.ts";
 * import { loadDataset } from "./dataset.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/d.jsonl`, '{"id":"a","prompt":"p","expected_answer":1}\n{"id":"b","prompt":"p","expected_answer":2}\n');
 * await Deno.writeTextFile(`${dir}/c.jsonl`, '{"id":"b","completion":"Final: 2"}\n');
 * const ds = await loadDataset(`${dir}/d.jsonl`);
 * const seen: string[] = [];
 * const r = await forEachKeyedRow(`${dir}/c.jsonl`, ds, (row) => seen.push(row.id as string));
 * assertEquals([seen, r.missing, r.firstMissing], [["b"], 1, 0]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function forEachKeyedRow(
  path: string,
  dataset: KeyedDataset,
  onRow: (row: Record<string, unknown>, index: number, line: number) => void,
  opts: { afterChunk?: () => Promise<void>; fast?: (text: string) => unknown } = {},
): Promise<KeyedRows> {
  const seenAt = new Int32Array(dataset.fileSize ?? dataset.size);
  let previous = -1, pastSlice = 0; // rows usually follow the dataset's order: try the next id
  const info = await forEachJsonl(path, (value, line) => {
    const row = asObject(value, path, line);
    const id = requireId(row, path, line);
    const i = dataset.idIs(previous + 1, id) ? previous + 1 : dataset.indexOf(id);
    previous = i;
    if (i < 0) {
      throw new InputError(
        path,
        line,
        `id ${JSON.stringify(id)} is not in the dataset ${dataset.info.path}`,
      );
    }
    if (seenAt[i] !== 0) {
      throw new InputError(
        path,
        line,
        `duplicate id ${JSON.stringify(id)} (first at line ${seenAt[i]})`,
      );
    }
    seenAt[i] = line;
    if (i < dataset.size) onRow(row, i, line);
    else pastSlice++;
  }, { afterChunk: opts.afterChunk, fast: opts.fast });
  let missing = 0, firstMissing = -1;
  for (let i = 0; i < dataset.size; i++) {
    if (seenAt[i] !== 0) continue;
    if (missing++ === 0) firstMissing = i;
  }
  return { info, seenAt, missing, firstMissing, pastSlice };
}
