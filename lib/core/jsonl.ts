/**
 * JSON Lines in and out, streaming, with line-numbered errors.
 *
 * Reading calls a function for every record with its 1-based line number while hashing the raw
 * bytes, so one pass over a file yields its records, its size and its SHA-256. Memory stays flat
 * however large the file is. Blank lines are skipped; a line that is not JSON, a file that is
 * missing, empty, a folder or not UTF-8 is an {@link InputError} naming `path:line`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { forEachJsonl } from "./jsonl.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, '{"a":1}\n\n{"a":2}\n');
 * const seen: number[] = [];
 * const info = await forEachJsonl(path, (v, line) => seen.push(line));
 * assertEquals([seen, info.rows], [[1, 3], 2]);
 * await Deno.remove(path);
 * ```
 * @module
 */
import { InputError } from "./errors.ts";
import { sha256Stream } from "./hash.ts";

/** What one pass over a file learned about it. */
export interface FileInfo {
  /** The path as the caller named it. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** Hex SHA-256 of the raw bytes. */
  sha256: string;
  /** Number of records (non-blank lines). */
  rows: number;
}

// 64 KiB: large enough for few system calls, small enough that decoded chunks stay out of V8's
// large-object space (which only a full GC frees), so memory stays flat as files grow.
const CHUNK = 1 << 16;

/**
 * Streams the records of a JSONL file to `onRecord(value, line)`.
 *
 * @param path the file
 * @param onRecord called for each parsed record; may throw (an `InputError` stops the read)
 * @param opts `allowEmpty`: accept a file with no records (default false: an empty file is an
 *   error); `afterChunk`: awaited after each chunk's records, so a consumer that writes can
 *   apply back-pressure (memory then stays flat however large the file)
 * @returns the file's size, SHA-256 and number of records
 */
export async function forEachJsonl(
  path: string,
  onRecord: (value: unknown, line: number) => void,
  opts: { allowEmpty?: boolean; afterChunk?: () => Promise<void> } = {},
): Promise<FileInfo> {
  let file: Deno.FsFile;
  try {
    const stat = await Deno.stat(path);
    if (stat.isDirectory) throw new InputError(path, null, "is a folder, not a JSONL file");
    file = await Deno.open(path, { read: true });
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof Deno.errors.NotFound) throw new InputError(path, null, "no such file");
    throw new InputError(path, null, `cannot read: ${(e as Error).message}`);
  }
  const hash = sha256Stream();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buf = new Uint8Array(CHUNK);
  let bytes = 0, rows = 0, line = 0;
  let carry = "";
  const handle = (text: string) => {
    line++;
    // A blank (whitespace-only) line carries no record.
    if (text.length === 0 || text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const why = (e as Error).message.replace(/^JSON\.parse: /, "");
      throw new InputError(path, line, `malformed JSON (${why})`);
    }
    rows++;
    onRecord(value, line);
  };
  try {
    for (;;) {
      const n = await file.read(buf);
      if (n === null) break;
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      bytes += n;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new InputError(path, line + 1, "is not valid UTF-8");
      }
      let start = 0;
      let nl = text.indexOf("\n");
      if (nl !== -1 && carry.length > 0) {
        handle(carry + text.slice(0, nl));
        carry = "";
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      while (nl !== -1) {
        handle(text.slice(start, nl));
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      carry += text.slice(start);
      if (opts.afterChunk) await opts.afterChunk();
    }
    try {
      carry += decoder.decode();
    } catch {
      throw new InputError(path, line + 1, "is not valid UTF-8");
    }
    if (carry.length > 0) handle(carry);
  } finally {
    file.close();
  }
  if (rows === 0 && !opts.allowEmpty) {
    throw new InputError(path, null, bytes === 0 ? "file is empty" : "file has no records");
  }
  return { path, bytes, sha256: hash.digest("hex"), rows };
}

/** Reads every record of a JSONL file into memory (for small files: data packs, runs). */
export async function readJsonl(path: string): Promise<{ value: unknown; line: number }[]> {
  const out: { value: unknown; line: number }[] = [];
  await forEachJsonl(path, (value, line) => out.push({ value, line }));
  return out;
}

/**
 * A buffered JSONL writer: `write(record)` appends one compact line (synchronously, so it can be
 * called from a streaming callback); full buffers are written in order on one promise chain;
 * `close()` flushes and closes. Records are serialised with `JSON.stringify` in key insertion
 * order, so the same records give the same bytes.
 */
export class JsonlWriter {
  #file: Deno.FsFile;
  #parts: string[] = [];
  #size = 0;
  #chain: Promise<void> = Promise.resolve();
  #encoder = new TextEncoder();
  private constructor(file: Deno.FsFile) {
    this.#file = file;
  }
  /** Creates (or truncates) the file at `path`. */
  static async create(path: string): Promise<JsonlWriter> {
    return new JsonlWriter(await Deno.open(path, { write: true, create: true, truncate: true }));
  }
  /** Appends one record as one line. */
  write(record: unknown): void {
    const line = JSON.stringify(record) + "\n";
    this.#parts.push(line);
    this.#size += line.length;
    if (this.#size >= CHUNK) this.#queue();
  }
  #queue(): void {
    if (this.#parts.length === 0) return;
    const bytes = this.#encoder.encode(this.#parts.join(""));
    this.#parts = [];
    this.#size = 0;
    const file = this.#file;
    this.#chain = this.#chain.then(async () => {
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
    });
  }
  /** Writes everything buffered so far, in order. */
  async flush(): Promise<void> {
    this.#queue();
    await this.#chain;
  }
  /** Flushes and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#file.close();
    }
  }
}
