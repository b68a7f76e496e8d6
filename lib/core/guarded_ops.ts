/**
 * The file operations every writer under `runs/` uses, each built on the one check
 * (`runs_guard.ts` {@link guardPath}) and re-checking after it acts: create a folder, write a new
 * file, replace a file, move a folder, remove a file or a folder (issue 21 §2).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { makeFolderGuarded, replaceFileGuarded } from "./guarded_ops.ts";
 * const root = await Deno.makeTempDir();
 * const id = await makeFolderGuarded(root, `${root}/a`);
 * await replaceFileGuarded({ root, dir: `${root}/a`, id }, "f.txt", new TextEncoder().encode("hi"));
 * assertEquals(await Deno.readTextFile(`${root}/a/f.txt`), "hi");
 * ```
 * @module
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.ts";
import { fileError } from "./files.ts";
import { type FolderId, guardPath, idOf, lstatOrNull, sameId } from "./runs_guard.ts";

/** A folder a task writes into: its runs folder, its path, and its identity when created. */
export interface InFolder {
  root: string;
  dir: string;
  id: FolderId;
}

/**
 * Creates a folder at `path` (its parent must exist and pass the check) and returns its identity;
 * an existing real folder is accepted as it is.
 */
export async function makeFolderGuarded(root: string, path: string): Promise<FolderId> {
  await guardPath(root, dirname(resolve(path)));
  try {
    await Deno.mkdir(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw fileError(path, e, "cannot be created");
  }
  const g = await guardPath(root, path);
  if (g.info === null || !g.info.isDirectory) {
    throw new InputError(path, null, "is not a folder");
  }
  return idOf(g.info);
}

/**
 * Creates every missing folder from `root` down to `path`, one at a time with
 * {@link makeFolderGuarded}, and returns the identity of `path`.
 */
export async function makeFoldersGuarded(root: string, path: string): Promise<FolderId> {
  const absRoot = resolve(root);
  const parts = relative(absRoot, resolve(path)).split(sep).filter((p) => p !== "");
  let id = idOf((await guardPath(absRoot, absRoot)).info!);
  let cur = absRoot;
  for (const part of parts) {
    cur = join(cur, part);
    id = await makeFolderGuarded(absRoot, cur);
  }
  return id;
}

/**
 * Writes a new file `name` in the folder `dir` whose identity is `id`: checked before, created
 * with O_EXCL, checked after (see the module doc). An existing file of that name is replaced (a
 * link there is removed, never followed).
 *
 * @param shownAs the path named in errors (where the file will stand, not its temp folder)
 */
export async function writeNewFile(
  at: InFolder,
  name: string,
  data: Uint8Array,
  shownAs = join(at.dir, name),
): Promise<void> {
  const path = join(at.dir, name);
  const file = await createNewFile(at, name, shownAs);
  let mine: FolderId;
  try {
    mine = idOf(await file.stat());
    let off = 0;
    while (off < data.length) off += await file.write(data.subarray(off));
  } catch (e) {
    file.close();
    throw fileError(shownAs, e, "cannot be written");
  }
  file.close();
  await confirmWritten(at, path, mine, shownAs);
}

/**
 * Creates a new file `name` in the folder `dir` whose identity is `id` and returns it open for
 * writing: the folder is checked first, an existing entry of that name (a file or a link) is
 * removed without following it, and the file is created with O_EXCL. The caller writes it and
 * the folder is checked again at the end (`writeNewFile`, or the run's commit).
 */
export async function createNewFile(
  at: InFolder,
  name: string,
  shownAs = join(at.dir, name),
): Promise<Deno.FsFile> {
  const { root, dir, id } = at;
  const path = join(dir, name);
  await guardPath(root, dir, { expect: id });
  if (await lstatOrNull(path) !== null) await Deno.remove(path).catch(() => {});
  try {
    return await Deno.open(path, { write: true, createNew: true });
  } catch (e) {
    throw fileError(shownAs, e, "cannot be written");
  }
}

/**
 * After writing `path` (whose own identity is `mine`) in folder `dir`: the folder must still be
 * `id` and hold that very file; otherwise the file went elsewhere through a swapped folder, is
 * removed again, and the write is refused.
 */
export async function confirmWritten(
  at: InFolder,
  path: string,
  mine: FolderId,
  shownAs: string,
): Promise<void> {
  const { root, dir, id } = at;
  const folderHolds = await guardPath(root, dir, { expect: id }).then(() => true, () => false);
  const here = await lstatOrNull(path);
  const ok = folderHolds && here !== null && sameId(idOf(here), mine);
  if (ok) return;
  if (here !== null && sameId(idOf(here), mine)) await Deno.remove(path).catch(() => {});
  throw new InputError(
    shownAs,
    null,
    "was not written: its folder was replaced (by a link or another folder) while the task " +
      "wrote it, so nothing is kept",
  );
}

/**
 * Moves `from` to `to` inside `root`: `from` must be a real folder (with identity `expect` when
 * given), `to` absent with a checked parent; after the rename, `to` must be that very folder (a
 * link moved into place is removed and the move refused).
 */
export async function moveGuarded(
  root: string,
  from: string,
  to: string,
  opts: { expect?: FolderId } = {},
): Promise<void> {
  const src = await guardPath(root, from, { expect: opts.expect });
  if (src.info === null) throw new InputError(from, null, "no such folder");
  const id = idOf(src.info);
  await guardPath(root, dirname(resolve(to)));
  const dst = await guardPath(root, to);
  if (dst.info !== null && !(dst.info.isDirectory && await isEmpty(dst.path))) {
    throw new InputError(to, null, "already exists");
  }
  await Deno.rename(src.path, dst.path);
  const moved = await lstatOrNull(dst.path);
  if (moved === null || moved.isSymlink || !sameId(idOf(moved), id)) {
    if (moved?.isSymlink) await Deno.remove(dst.path).catch(() => {});
    throw new InputError(
      to,
      null,
      "was not moved into place: the folder was replaced (by a link or another folder) while " +
        "the task worked",
    );
  }
}

async function isEmpty(path: string): Promise<boolean> {
  for await (const _ of Deno.readDir(path)) return false;
  return true;
}

/**
 * Removes `path` inside `root`: a link is removed as a link; a folder only when it is the one
 * expected (`expect`) or, without `expect`, when it passes the check. Absent: nothing to do.
 */
export async function removeGuarded(
  root: string,
  path: string,
  opts: { expect?: FolderId } = {},
): Promise<void> {
  const info = await lstatOrNull(resolve(path));
  if (info === null) return;
  if (info.isSymlink) {
    await Deno.remove(path);
    return;
  }
  await guardPath(root, path, opts);
  await Deno.remove(path, { recursive: true });
}

/**
 * Writes `data` as file `name` of the folder `dir` (identity `id`), replacing an older one
 * atomically: a new temp file (see {@link writeNewFile}) renamed over the name (a link there is
 * replaced, never followed), then checked to be the file written.
 */
export async function replaceFileGuarded(
  at: InFolder,
  name: string,
  data: Uint8Array,
  shownAs = join(at.dir, name),
): Promise<void> {
  const { root, dir, id } = at; // (the folder, checked before the rename and after it)
  const tmp = `${name}.tmp-${Deno.pid}`;
  await writeNewFile(at, tmp, data, shownAs);
  const mine = idOf(await Deno.lstat(join(dir, tmp)));
  await guardPath(root, dir, { expect: id });
  try {
    await Deno.rename(join(dir, tmp), join(dir, name));
  } catch (e) {
    await Deno.remove(join(dir, tmp)).catch(() => {});
    throw fileError(shownAs, e, "cannot be written");
  }
  await confirmWritten(at, join(dir, name), mine, shownAs);
}

/**
 * Removes the file `name` from the folder `dir` whose identity is `id` (checked first); a link
 * is removed as a link, a folder of that name is refused. Absent: nothing to do.
 */
export async function removeFileGuarded(at: InFolder, name: string): Promise<void> {
  const { root, dir, id } = at;
  await guardPath(root, dir, { expect: id });
  const path = join(dir, name);
  const info = await lstatOrNull(path);
  if (info === null) return;
  if (info.isDirectory) throw new InputError(path, null, "is a folder, not a file");
  await Deno.remove(path).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw fileError(path, e, "cannot be removed");
  });
}
