/**
 * Writing JSON Lines: a buffered, ordered, hashing writer whose failures (a full disk) are one
 * `InputError` line naming the file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { JsonlWriter } from "./jsonl_writer.ts";
 * const path = await Deno.makeTempFile();
 * const w = await JsonlWriter.create(path);
 * w.write({ a: 1 });
 * w.writeLine('{"a":2}');
 * await w.close();
 * assertEquals(await Deno.readTextFile(path), '{"a":1}\n{"a":2}\n');
 * assertEquals(w.digest().bytes, 16);
 * await Deno.remove(path);
 * ```
 * @module
 */
import { fileError } from "./files.ts";
import { sha256Stream } from "./hash.ts";

/** Lines are written in blocks of about this many characters (64 KiB). */
const CHUNK = 1 << 16;

/**
 * A buffered JSONL writer: `write(record)` appends one compact line (synchronously, so it can be
 * called from a streaming callback); full buffers are written in order on one promise chain;
 * `close()` flushes and closes. Records are serialised with `JSON.stringify` in key insertion
 * order, so the same records give the same bytes. The writer hashes what it writes: after
 * `close()`, {@link JsonlWriter.digest} is the file's SHA-256 and size. A failed write (a full
 * disk) surfaces from `flush()`/`close()` as an `InputError` naming the file.
 */
export class JsonlWriter {
  #file: Deno.FsFile;
  #path: string;
  #parts: string[] = [];
  #size = 0;
  #bytes = 0;
  #hash = sha256Stream();
  #failed: unknown = null;
  #chain: Promise<void> = Promise.resolve();
  #encoder = new TextEncoder();
  private constructor(file: Deno.FsFile, path: string) {
    this.#file = file;
    this.#path = path;
  }
  /**
   * Creates (or truncates) the file at `path`; errors name it as `shownAs` (default `path`), so
   * a run's file is named where it will stand, not in its temp folder.
   */
  static async create(path: string, shownAs = path): Promise<JsonlWriter> {
    try {
      return new JsonlWriter(
        await Deno.open(path, { write: true, create: true, truncate: true }),
        shownAs,
      );
    } catch (e) {
      throw fileError(shownAs, e, "cannot be written");
    }
  }
  /** A writer over a file already opened for writing (a run's guarded file). */
  static fromFile(file: Deno.FsFile, shownAs: string): JsonlWriter {
    return new JsonlWriter(file, shownAs);
  }
  /** Appends one record as one line. */
  write(record: unknown): void {
    this.writeLine(JSON.stringify(record));
  }
  /** Appends one line of JSON text already serialised (a faster serialiser's output). */
  writeLine(json: string): void {
    if (this.#failed !== null) return; // the next flush reports the failure
    const line = json + "\n";
    this.#parts.push(line);
    this.#size += line.length;
    if (this.#size >= CHUNK) this.#queue();
  }
  #queue(): void {
    if (this.#parts.length === 0) return;
    const bytes = this.#encoder.encode(this.#parts.join(""));
    this.#parts = [];
    this.#size = 0;
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
    const file = this.#file;
    this.#chain = this.#chain.then(async () => {
      if (this.#failed !== null) return;
      try {
        let off = 0;
        while (off < bytes.length) off += await file.write(bytes.subarray(off));
      } catch (e) {
        this.#failed = e;
      }
    });
  }
  /** Writes everything buffered so far, in order. */
  async flush(): Promise<void> {
    this.#queue();
    await this.#chain;
    if (this.#failed !== null) throw fileError(this.#path, this.#failed, "cannot be written");
  }
  /** Flushes and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#file.close();
    }
  }
  /** SHA-256 and size of every byte written (complete after `close()`). */
  digest(): { sha256: string; bytes: number } {
    return { sha256: this.#hash.copy().digest("hex"), bytes: this.#bytes };
  }
}
