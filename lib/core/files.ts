/**
 * Reading input files safely: regular files only, bounded in size, and every failure of the
 * environment turned into one `path: reason` line.
 *
 * A FIFO, a socket or a device given as input would block or never end (`/dev/zero`), and a
 * folder is not a file: each is refused at once, before anything is opened, naming the path.
 * Whole-file reads take a byte bound, so a huge or endless file is a message, not an exhausted
 * heap.
 *
 * @example
 * ```ts
 * import { assertEquals, assertStringIncludes } from "./testing.ts";
 * import { InputError } from "./errors.ts";
 * import { readTextBounded } from "./files.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json`, "{}");
 * assertEquals(await readTextBounded(`${dir}/a.json`, 10), "{}");
 * const e = await readTextBounded(dir, 10).catch((e) => e);
 * assertStringIncludes((e as InputError).message, "is a folder, not a regular file");
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */
import { InputError } from "./errors.ts";

/** What a path is when it is not a regular file, in words; null for a regular file. */
export function notRegularFile(info: Deno.FileInfo): string | null {
  if (info.isFile) return null;
  if (info.isDirectory) return "a folder";
  if (info.isFifo) return "a FIFO (named pipe)";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  if (info.isSymlink) return "a symbolic link";
  return "not a regular file";
}

/** One line for an operating-system failure: its message without Deno's `(os error N)` noise. */
export function osReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0].replace(/ \(os error \d+\)/, "");
}

/**
 * The InputError for a failed file operation on `path`: "no such file", "permission denied", or
 * the operating system's reason (a full disk, an I/O error), on one line.
 */
export function fileError(path: string, e: unknown, doing = "cannot be read"): InputError {
  if (e instanceof InputError) return e;
  if (e instanceof Deno.errors.NotFound) return new InputError(path, null, "no such file");
  if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
    return new InputError(path, null, `${doing}: permission denied`);
  }
  return new InputError(path, null, `${doing}: ${osReason(e)}`);
}

/** Refuses anything but a regular file (following symlinks), at once and without opening it. */
function checkRegular(path: string, info: Deno.FileInfo): void {
  const kind = notRegularFile(info);
  if (kind !== null) throw new InputError(path, null, `is ${kind}, not a regular file`);
}

/**
 * Refuses at once anything but a regular file at `path` (following symlinks), without opening it.
 *
 * @throws InputError naming the path when it is missing, unreadable or not a regular file
 */
export async function assertRegularFile(path: string): Promise<void> {
  try {
    checkRegular(path, await Deno.stat(path));
  } catch (e) {
    throw fileError(path, e);
  }
}

/**
 * Opens a regular file for reading. The path is checked before it is opened (opening a FIFO
 * blocks until a writer comes) and the open file is checked again.
 *
 * @throws InputError naming the path when it is missing, unreadable or not a regular file
 */
export async function openRegularFile(path: string): Promise<Deno.FsFile> {
  let file: Deno.FsFile;
  try {
    checkRegular(path, await Deno.stat(path));
    file = await Deno.open(path, { read: true });
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    checkRegular(path, await file.stat());
  } catch (e) {
    file.close();
    throw fileError(path, e);
  }
  return file;
}

/** {@link openRegularFile}, synchronously. */
export function openRegularFileSync(path: string): Deno.FsFile {
  let file: Deno.FsFile;
  try {
    checkRegular(path, Deno.statSync(path));
    file = Deno.openSync(path, { read: true });
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    checkRegular(path, file.statSync());
  } catch (e) {
    file.close();
    throw fileError(path, e);
  }
  return file;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeBounded(path: string, bytes: Uint8Array, length: number, max: number): string {
  if (length > max) {
    throw new InputError(path, null, `is larger than ${max.toLocaleString("en")} bytes`);
  }
  try {
    return strictUtf8.decode(bytes.subarray(0, length));
  } catch {
    throw new InputError(path, null, "is not valid UTF-8");
  }
}

/**
 * The whole text of a regular file of at most `maxBytes` bytes (UTF-8, checked). The bound is
 * enforced on what is read, not on what `stat` says, so a file that grows is still bounded.
 *
 * @throws InputError naming the path: missing, unreadable, not a regular file, larger than
 *   `maxBytes`, or not UTF-8
 */
export async function readTextBounded(path: string, maxBytes: number): Promise<string> {
  const bytes = await readBytesBounded(path, maxBytes);
  return decodeBounded(path, bytes, bytes.length, maxBytes);
}

/**
 * The bytes of a regular file of at most `maxBytes` bytes: the bound is enforced on what is
 * read, so a device, an endless or a growing file costs at most `maxBytes + 1` bytes of memory.
 *
 * @throws InputError naming the path: missing, unreadable, not a regular file, or larger
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { readBytesBounded } from "./files.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeFile(path, new Uint8Array([1, 2, 3]));
 * assertEquals([...await readBytesBounded(path, 3)], [1, 2, 3]);
 * const e = await readBytesBounded(path, 2).catch((e) => e);
 * assertEquals(e.message, `${path}: is larger than 2 bytes`);
 * ```
 */
export async function readBytesBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  using file = await openRegularFile(path);
  const buf = new Uint8Array(maxBytes + 1);
  let length = 0;
  try {
    while (length < buf.length) {
      const n = await file.read(buf.subarray(length));
      if (n === null) break;
      length += n;
    }
  } catch (e) {
    throw fileError(path, e);
  }
  if (length > maxBytes) {
    throw new InputError(path, null, `is larger than ${maxBytes.toLocaleString("en")} bytes`);
  }
  return buf.subarray(0, length);
}

/** {@link readTextBounded}, synchronously (for the sealed data files read at module use). */
export function readTextBoundedSync(path: string, maxBytes: number): string {
  using file = openRegularFileSync(path);
  const buf = new Uint8Array(maxBytes + 1);
  let length = 0;
  try {
    while (length < buf.length) {
      const n = file.readSync(buf.subarray(length));
      if (n === null) break;
      length += n;
    }
  } catch (e) {
    throw fileError(path, e);
  }
  return decodeBounded(path, buf, length, maxBytes);
}
