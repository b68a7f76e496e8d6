/**
 * The one check of every path a task writes, moves or removes under a runs folder, and the
 * operations built on it (issue 21 §2).
 *
 * Deno's `--allow-write=runs` checks a path as written and follows symbolic links, so a link
 * planted anywhere under `runs/` (or a folder swapped for one while a task works) would carry a
 * write, a rename or a delete out of the project. {@link guardPath} is the rule, applied by every
 * writer before each operation (the operations are in `guarded_ops.ts`): the root is a real folder; the path stays inside it, lexically and
 * by real path; every existing folder on the way is a real folder (`lstat`: no link); the path
 * itself is not a link; and when the caller knows which folder it created, its device and inode
 * ({@link FolderId}) must still be that folder's. The operations re-check after they act, so a
 * swap in between is caught and undone where it can be:
 * - {@link writeNewFile} creates a file with O_EXCL (a final link is never followed), then checks
 *   that the file it wrote is the one now in the folder; a file that landed elsewhere through a
 *   swapped folder is removed again and the write refused;
 * - {@link moveGuarded} checks both ends, renames, then checks the moved folder is the one it
 *   checked (a link moved into place is removed);
 * - {@link removeGuarded} removes only the folder it was told about (a link is removed as a link,
 *   never followed);
 * - {@link openNoFollow} opens a regular file only if the file opened is the one `lstat` saw.
 *
 * What is left: a writer that swaps a folder between a check and the operation can still make
 * one operation act outside before the re-check sees it (Deno has no `openat`); the re-check then
 * undoes it (a file written, a link moved) and the task exits 2.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { guardPath } from "./runs_guard.ts";
 * const root = await Deno.makeTempDir();
 * const outside = await Deno.makeTempDir();
 * await Deno.symlink(outside, `${root}/evil`);
 * assertEquals((await guardPath(root, `${root}/a/b`)).info, null);
 * assertEquals(await guardPath(root, `${root}/evil/x`).then(() => "taken", () => "refused"), "refused");
 * ```
 * @module
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.ts";
import { fileError, notRegularFile } from "./files.ts";

/** A folder's identity: device and inode, which neither a link nor a swapped folder shares. */
export interface FolderId {
  dev: number;
  ino: number;
}

/** What {@link guardPath} found: the absolute path and what stands there now (null: nothing). */
export interface GuardedPath {
  root: string;
  path: string;
  /** `lstat` of the path, or null when it does not exist (nor does some folder on the way). */
  info: Deno.FileInfo | null;
}

/** The identity of what `info` describes. */
export function idOf(info: Deno.FileInfo): FolderId {
  return { dev: info.dev, ino: info.ino ?? -1 };
}

/** True when both name the same file (device and inode). */
export const sameId = (a: FolderId, b: FolderId): boolean => a.dev === b.dev && a.ino === b.ino;

/** `lstat`, or null when nothing is there. */
export async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw fileError(path, e, "cannot be inspected");
  }
}

function refuseLink(path: string, what: string): never {
  throw new InputError(
    path,
    null,
    `is a symbolic link; ${what} must be a real folder, so nothing is written outside runs/`,
  );
}

/**
 * The check of a path a task is about to write, move or remove (see the module doc).
 *
 * @param root the runs folder (must be a real folder)
 * @param path the path inside it
 * @param opts `expect`: the identity the path must still have (a folder the caller created)
 * @throws InputError naming the path: outside the root, a link or a file on the way, the path a
 *   link, or not the folder expected
 */
export async function guardPath(
  root: string,
  path: string,
  opts: { expect?: FolderId } = {},
): Promise<GuardedPath> {
  const absRoot = resolve(root), abs = resolve(path);
  const rootInfo = await lstatOrNull(absRoot);
  if (rootInfo === null) throw new InputError(absRoot, null, "no such folder");
  if (rootInfo.isSymlink) refuseLink(absRoot, "the runs folder");
  if (!rootInfo.isDirectory) throw new InputError(absRoot, null, "is not a folder");
  if (abs !== absRoot && !abs.startsWith(absRoot + sep)) {
    throw new InputError(path, null, `is not inside ${absRoot}: every run is written under runs/`);
  }
  const parts = abs === absRoot ? [] : relative(absRoot, abs).split(sep);
  let cur = absRoot;
  let info: Deno.FileInfo | null = rootInfo;
  for (let i = 0; i < parts.length; i++) {
    cur = join(cur, parts[i]);
    info = await lstatOrNull(cur);
    if (info === null) break;
    if (info.isSymlink) {
      refuseLink(cur, i < parts.length - 1 ? "every folder on the way" : "a run's path");
    }
    if (i < parts.length - 1 && !info.isDirectory) {
      throw new InputError(cur, null, `is ${notRegularFile(info) ?? "a file"}, not a folder`);
    }
  }
  if (info !== null && cur !== abs) info = null; // a folder on the way is missing
  if (opts.expect !== undefined && (info === null || !sameId(idOf(info), opts.expect))) {
    throw new InputError(
      path,
      null,
      "is no longer the folder this task created (replaced by a link or another folder while " +
        "it worked): nothing more is written there",
    );
  }
  const parent = info === null || abs === absRoot ? null : dirname(abs);
  if (parent !== null && parent !== absRoot) { // defence in depth: the real path stays inside
    const [real, realRoot] = await Promise.all([Deno.realPath(parent), Deno.realPath(absRoot)])
      .catch((e) => {
        throw fileError(parent, e, "cannot be resolved");
      });
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      throw new InputError(parent, null, `resolves to ${real}, outside the runs folder`);
    }
  }
  return { root: absRoot, path: abs, info };
}

/**
 * Opens a regular file without following a link: `lstat` must show a regular file and the file
 * opened must be that file (same device and inode).
 *
 * @throws InputError when it is a link, not a regular file, or was swapped between the two
 */
export async function openNoFollow(
  path: string,
  options: Deno.OpenOptions,
): Promise<Deno.FsFile> {
  const before = await lstatOrNull(path);
  if (before === null) throw new InputError(path, null, "no such file");
  if (before.isSymlink) {
    throw new InputError(path, null, "is a symbolic link; it is never opened through the link");
  }
  if (!before.isFile) {
    throw new InputError(path, null, `is ${notRegularFile(before)}, not a regular file`);
  }
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { ...options, create: false, createNew: false });
  } catch (e) {
    throw fileError(path, e);
  }
  const after = await file.stat();
  if (!sameId(idOf(after), idOf(before))) {
    file.close();
    throw new InputError(path, null, "was replaced while it was opened");
  }
  return file;
}
