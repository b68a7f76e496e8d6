/**
 * JSON Lines in and out, streaming, with line-numbered errors.
 *
 * Reading calls a function for every record with its 1-based line number while hashing the raw
 * bytes, so one pass over a file yields its records, its size and its SHA-256. Memory stays flat
 * however large the file is. Only regular files are read (a FIFO, socket, device or folder is
 * refused at once). A line holding only ASCII whitespace (space, tab, CR) carries no record;
 * any other line must be JSON, so a line holding a NO-BREAK SPACE is an error, not a blank. A
 * line that is not JSON, longer than {@link MAX_LINE_CHARS}, or not UTF-8 is an
 * {@link InputError} naming `path:line` (the line where the bad bytes are). Integer literals
 * beyond the safe range keep their source text (see unsafe_integer.ts).
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
import { fileError, openRegularFile } from "./files.ts";
import { sha256Stream } from "./hash.ts";
import { parseJsonPreservingIntegers } from "./unsafe_integer.ts";

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

/** The longest line read (64 Mi UTF-16 units): longer is refused, well before V8's string limit. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

// 64 KiB: large enough for few system calls, small enough that decoded chunks stay out of V8's
// large-object space (which only a full GC frees), so memory stays flat as files grow.
const CHUNK = 1 << 16;

/** True when a line holds only space, tab and CR: it carries no record. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Parses one line of a JSONL file: its value, or undefined for a blank line.
 *
 * @throws InputError `path:line: malformed JSON (…)`
 */
export function parseJsonLine(text: string, path: string, line: number): unknown {
  if (isBlank(text)) return undefined;
  try {
    return parseJsonPreservingIntegers(text);
  } catch (e) {
    const why = (e as Error).message.replace(/^JSON\.parse: /, "");
    throw new InputError(path, line, `malformed JSON (${why})`);
  }
}

/**
 * The records of a JSONL text already in memory (small sealed files: golden sets, kata), by the
 * same rules as {@link forEachJsonl}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { parseJsonlText } from "./jsonl.ts";
 * assertEquals(parseJsonlText('{"a":1}\n \n{"a":2}', "x.jsonl"), [
 *   { value: { a: 1 }, line: 1 },
 *   { value: { a: 2 }, line: 3 },
 * ]);
 * ```
 */
export function parseJsonlText(text: string, path: string): { value: unknown; line: number }[] {
  const out: { value: unknown; line: number }[] = [];
  text.split("\n").forEach((raw, i) => {
    const value = parseJsonLine(raw, path, i + 1);
    if (value !== undefined) out.push({ value, line: i + 1 });
  });
  return out;
}

/** Where a UTF-8 error lies: the 1-based line of the first invalid byte. */
function invalidUtf8Line(previous: Uint8Array, chunk: Uint8Array, linesBefore: number): number {
  // An incomplete sequence may have started in the last bytes of the previous chunk: decode
  // from there, and find by bisection the longest prefix a streaming decoder accepts.
  let from = previous.length;
  for (let i = previous.length - 1; i >= Math.max(0, previous.length - 3); i--) {
    if (previous[i] >= 0xc0) {
      from = i;
      break;
    }
    if (previous[i] < 0x80) break;
  }
  const bytes = new Uint8Array(previous.length - from + chunk.length);
  bytes.set(previous.subarray(from));
  bytes.set(chunk, previous.length - from);
  let ok = 0, bad = bytes.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >>> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      ok = mid;
    } catch {
      bad = mid;
    }
  }
  let line = linesBefore + 1;
  for (let i = previous.length - from; i < ok; i++) if (bytes[i] === 10) line++;
  return line;
}

/**
 * Streams the records of a JSONL file to `onRecord(value, line)`.
 *
 * @param path the file (a regular file)
 * @param onRecord called for each parsed record; may throw (an `InputError` stops the read)
 * @param opts `allowEmpty`: accept a file with no records (default false: an empty file is an
 *   error); `afterChunk`: awaited after each chunk's records, so a consumer that writes can
 *   apply back-pressure (memory then stays flat however large the file); `maxLineChars`: the
 *   longest line accepted (default {@link MAX_LINE_CHARS}); `fast`: a parser for the common
 *   shape of a line, which must return exactly what `JSON.parse` would, or undefined to leave
 *   the line to it
 * @returns the file's size, SHA-256 and number of records
 */
export async function forEachJsonl(
  path: string,
  onRecord: (value: unknown, line: number) => void,
  opts: {
    allowEmpty?: boolean;
    afterChunk?: () => Promise<void>;
    maxLineChars?: number;
    fast?: (text: string) => unknown;
  } = {},
): Promise<FileInfo> {
  const fast = opts.fast;
  const maxLine = opts.maxLineChars ?? MAX_LINE_CHARS;
  using file = await openRegularFile(path);
  const hash = sha256Stream();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Two buffers: the next chunk is read (on Deno's I/O threads) while this one is parsed.
  const bufs = [new Uint8Array(CHUNK), new Uint8Array(CHUNK)];
  const readInto = (b: Uint8Array) => {
    const p = file.read(b);
    p.catch(() => {}); // awaited below; a read left pending when parsing throws is not unhandled
    return p;
  };
  let turn = 0;
  let pending = readInto(bufs[0]);
  let previous = new Uint8Array(0); // the last bytes of the previous chunk (for UTF-8 errors)
  let bytes = 0, rows = 0, line = 0;
  let carry = "";
  const handle = (text: string) => {
    line++;
    const value = (fast === undefined ? undefined : fast(text)) ?? parseJsonLine(text, path, line);
    if (value === undefined) return;
    rows++;
    onRecord(value, line);
  };
  for (;;) {
    let n: number | null;
    try {
      n = await pending;
    } catch (e) {
      throw fileError(path, e);
    }
    if (n === null) break;
    const chunk = bufs[turn].subarray(0, n);
    turn ^= 1;
    pending = readInto(bufs[turn]);
    hash.update(chunk);
    bytes += n;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError(path, invalidUtf8Line(previous, chunk, line), "is not valid UTF-8");
    }
    previous = chunk.slice(Math.max(0, n - 3));
    let start = 0;
    let nl = text.indexOf("\n");
    if (nl !== -1 && carry.length > 0) {
      if (carry.length + nl > maxLine) throw tooLong(path, line + 1, maxLine);
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
    if (carry.length > maxLine) throw tooLong(path, line + 1, maxLine);
    if (opts.afterChunk) await opts.afterChunk();
  }
  try {
    carry += decoder.decode();
  } catch {
    throw new InputError(path, line + 1, "is not valid UTF-8 (the file ends inside a character)");
  }
  if (carry.length > 0) handle(carry);
  if (rows === 0 && !opts.allowEmpty) {
    throw new InputError(path, null, bytes === 0 ? "file is empty" : "file has no records");
  }
  return { path, bytes, sha256: hash.digest("hex"), rows };
}

function tooLong(path: string, line: number, max: number): InputError {
  return new InputError(
    path,
    line,
    `line is longer than ${max.toLocaleString("en")} characters; is this a JSONL file?`,
  );
}

/** Reads every record of a JSONL file into memory (for small files: data packs, runs). */
export async function readJsonl(path: string): Promise<{ value: unknown; line: number }[]> {
  const out: { value: unknown; line: number }[] = [];
  await forEachJsonl(path, (value, line) => out.push({ value, line }));
  return out;
}

export { JsonlWriter } from "./jsonl_writer.ts";
