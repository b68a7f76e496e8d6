/**
 * Runs stay inside runs/: where a run folder may go, checked on the real file system before any
 * work.
 *
 * Deno's `--allow-write=runs` checks a path as written and does not resolve symbolic links, so a
 * `runs/evil` link to a folder elsewhere would carry a run (and a `--force` delete) out of the
 * project. Here the runs folder and every existing folder between it and the run are looked at
 * with `lstat`: a symbolic link anywhere on the way, a file where a folder should be, or a path
 * that leaves the runs folder is refused with the reason, as an {@link InputError}.
 *
 * Which runs folder: the one under the working directory (`./runs`, what the tasks write) or the
 * project's (`runsPath()`, what notebooks write), whichever holds the path. A path elsewhere in
 * the project is refused. Outside the project and the working directory (a test's scratch
 * folder), the nearest folder named `runs` above the run is the root, else the run's parent.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { runTarget } from "./run_root.ts";
 * const scratch = await Deno.makeTempDir();
 * const t = await runTarget(`${scratch}/runs/a/b`, { root: `${scratch}/runs` });
 * assertEquals([t.relative, t.missingParents], ["a/b", ["a"]]);
 * await Deno.remove(scratch, { recursive: true });
 * ```
 * @module
 */
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "./errors.ts";
import { fileError, notRegularFile } from "./files.ts";
import { PROJECT_ROOT } from "./paths.ts";
import { makeFolderGuarded } from "./guarded_ops.ts";
import { guardPath } from "./runs_guard.ts";

/** Where a run will stand, checked: its root, its path relative to the root, what is missing. */
export interface RunTarget {
  /** The path as the caller gave it (for messages). */
  given: string;
  /** The absolute runs folder the run must stay in. */
  root: string;
  /** The absolute path of the run folder. */
  path: string;
  /** The run's path relative to the root (`a/b`). */
  relative: string;
  /** Folders between the root and the run that do not exist yet, outermost first (relative). */
  missingParents: string[];
  /** What stands at the run's path now: nothing, an empty folder, or a folder holding a run. */
  existing: "none" | "empty" | "run";
}

/** Temp folders and locks of runs being written start with this; no run name may. */
export const TEMP_PREFIX = ".tmp-";

function inside(path: string, root: string): boolean {
  return path.startsWith(root + sep);
}

/** The runs folder `path` must stay in (see the module doc). */
export function runsRootFor(path: string): string {
  if (path.trim() === "") throw new InputError(null, null, "the run folder name is empty");
  const abs = resolve(path);
  for (const root of [resolve("runs"), join(PROJECT_ROOT, "runs")]) {
    if (abs === root || inside(abs, root)) return root;
  }
  if (inside(abs, resolve(".")) || inside(abs, PROJECT_ROOT) || abs === PROJECT_ROOT) {
    throw new InputError(
      path,
      null,
      "is outside runs/: every run is written under runs/ (runs/NAME)",
    );
  }
  // Outside the project (a test's scratch folder): the nearest folder named runs/ above the
  // run, else the run's parent, is the root.
  for (let dir = dirname(abs); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === "runs") return dir;
  }
  return dirname(abs);
}

async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw fileError(path, e, "cannot be inspected");
  }
}

/** Refuses a symbolic link or a non-folder at `path` (a folder on a run's way). */
function requireRealFolder(path: string, info: Deno.FileInfo, what: string): void {
  if (info.isSymlink) {
    throw new InputError(
      path,
      null,
      `is a symbolic link; ${what} must be a real folder, so nothing is written outside runs/`,
    );
  }
  if (!info.isDirectory) {
    throw new InputError(path, null, `is ${notRegularFile(info) ?? "a file"}, not a folder`);
  }
}

/**
 * Makes sure the runs folder exists as a real folder (creating it when missing) and returns its
 * absolute path.
 *
 * @throws InputError when it is a file, a symbolic link, or cannot be created
 */
export async function ensureRunsRoot(root: string): Promise<string> {
  const abs = resolve(root);
  let info = await lstatOrNull(abs);
  if (info === null) {
    try {
      await Deno.mkdir(abs);
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw fileError(abs, e, "cannot be created");
    }
    info = await lstatOrNull(abs);
    if (info === null) throw new InputError(abs, null, "cannot be created");
  }
  requireRealFolder(abs, info, "the runs folder");
  return abs;
}

/**
 * Checks where a run may go: the runs folder is a real folder; the path stays inside it; no
 * folder on the way is a symbolic link or a file; the run's own path is not a link or a file.
 *
 * @param path the run folder as given (`runs/NAME`)
 * @param opts `root`: the runs folder (default {@link runsRootFor})
 * @throws InputError naming the path and the reason, before anything is written
 */
export async function runTarget(path: string, opts: { root?: string } = {}): Promise<RunTarget> {
  if (path.trim() === "") throw new InputError(null, null, "the run folder name is empty");
  const root = await ensureRunsRoot(opts.root ?? runsRootFor(path));
  const abs = resolve(path);
  if (!inside(abs, root)) {
    throw new InputError(path, null, `is not inside ${root}: every run is written under runs/`);
  }
  const rel = relative(root, abs);
  if (rel.split(sep).some((part) => part.startsWith(TEMP_PREFIX))) {
    throw new InputError(path, null, `a run name may not start with ${TEMP_PREFIX}`);
  }
  const parts = rel.split(sep);
  const missingParents: string[] = [];
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = join(cur, parts[i]);
    const info = missingParents.length > 0 ? null : await lstatOrNull(cur);
    if (info === null) missingParents.push(parts.slice(0, i + 1).join(sep));
    else requireRealFolder(cur, info, "every folder on the way to a run");
  }
  let existing: RunTarget["existing"] = "none";
  const info = missingParents.length > 0 ? null : await lstatOrNull(abs);
  if (info !== null) {
    if (info.isSymlink) {
      throw new InputError(path, null, "is a symbolic link; a run is never written through a link");
    }
    if (!info.isDirectory) {
      throw new InputError(path, null, `is ${notRegularFile(info) ?? "a file"}, not a run folder`);
    }
    existing = await isEmptyFolder(abs) ? "empty" : "run";
  }
  if (missingParents.length === 0) await assertRealInside(dirname(abs), root);
  return { given: path, root, path: abs, relative: rel, missingParents, existing };
}

async function isEmptyFolder(path: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(path)) return false;
    return true;
  } catch (e) {
    throw fileError(path, e, "cannot be read");
  }
}

/** Defence in depth: the real path of `folder` lies inside the real path of `root`. */
async function assertRealInside(folder: string, root: string): Promise<void> {
  let real: string, realRoot: string;
  try {
    [real, realRoot] = await Promise.all([Deno.realPath(folder), Deno.realPath(root)]);
  } catch (e) {
    throw fileError(folder, e, "cannot be resolved");
  }
  if (real !== realRoot && !inside(real, realRoot)) {
    throw new InputError(folder, null, `resolves to ${real}, outside ${basename(root)}/`);
  }
}

/**
 * Creates the missing folders between the root and the run, one at a time through the one check
 * (`guarded_ops.ts` `makeFolderGuarded`: never following a link planted meanwhile), and returns
 * those it created, outermost first.
 */
export async function createParents(target: RunTarget): Promise<string[]> {
  const created: string[] = [];
  for (const rel of target.missingParents) {
    const abs = join(target.root, rel);
    const existed = await lstatOrNull(abs) !== null;
    try {
      await makeFolderGuarded(target.root, abs);
    } catch (e) {
      await removeEmptyParents(target.root, created);
      throw e;
    }
    if (!existed) created.push(rel);
  }
  await assertRealInside(dirname(target.path), target.root);
  return created;
}

/**
 * Removes the given folders (relative to `root`) when they are empty, innermost first; a path
 * that no longer passes the one check (a link planted on the way) is left alone.
 */
export async function removeEmptyParents(root: string, created: readonly string[]): Promise<void> {
  for (const rel of [...created].reverse()) {
    const ok = await guardPath(root, join(root, rel)).then((g) => g.info?.isDirectory, () => false);
    if (ok) await Deno.remove(join(root, rel)).catch(() => {}); // not empty, or gone: kept
  }
}
