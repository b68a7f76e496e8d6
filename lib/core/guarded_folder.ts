/**
 * A folder under `runs/` that a task writes into, held by its identity: created (with its
 * parents) through the one check, and checked again before every write and whenever the caller
 * hands it to a process outside Deno's permissions (Jupyter, `deno fmt`, Chromium) and takes it
 * back. The writers of files that are not runs (the notebooks' outputs, a tampered dataset copy,
 * a lab record's checks, a student's test, the notebook checks' scratch) all go through it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { guardedFolder } from "./guarded_folder.ts";
 * const root = await Deno.makeTempDir();
 * const out = await guardedFolder(`${root}/runs/notebooks`);
 * await out.write("a.txt", "hi");
 * assertEquals(await Deno.readTextFile(`${root}/runs/notebooks/a.txt`), "hi");
 * await Deno.rename(`${root}/runs/notebooks`, `${root}/elsewhere`);
 * await Deno.symlink(`${root}/elsewhere`, `${root}/runs/notebooks`);
 * assertEquals(await out.write("b.txt", "no").then(() => "written", () => "refused"), "refused");
 * ```
 * @module
 */
import { resolve } from "node:path";
import { makeFoldersGuarded, removeFileGuarded, removeGuarded } from "./guarded_ops.ts";
import { replaceFileGuarded } from "./guarded_ops.ts";
import { ensureRunsRoot, runsRootFor } from "./run_root.ts";
import { type FolderId, guardPath } from "./runs_guard.ts";

/** A checked folder and what may be done in it. */
export interface GuardedFolder {
  /** Its absolute path. */
  readonly path: string;
  /** The runs folder it stays in. */
  readonly root: string;
  /** Its identity when created or first checked. */
  readonly id: FolderId;
  /** Writes (replaces) a file in it, atomically, after checking it. */
  write(name: string, content: string | Uint8Array): Promise<void>;
  /** Removes a file from it (a link as a link). */
  removeFile(name: string): Promise<void>;
  /** Throws unless it is still the same real folder inside the runs folder. */
  check(): Promise<void>;
  /** Removes it with everything in it, if it is still the same folder. */
  remove(): Promise<void>;
}

/**
 * Creates (or takes) the folder at `path` inside its runs folder (`runs/` of the working
 * directory or the project, see `run_root.ts`), checked on the way.
 *
 * @throws InputError when a link or a file stands on the way, or the path leaves the runs folder
 */
export async function guardedFolder(path: string): Promise<GuardedFolder> {
  const abs = resolve(path);
  const root = await ensureRunsRoot(runsRootFor(abs));
  const id = await makeFoldersGuarded(root, abs);
  const enc = new TextEncoder();
  return {
    path: abs,
    root,
    id,
    write: (name, content) =>
      replaceFileGuarded(
        { root, dir: abs, id },
        name,
        typeof content === "string" ? enc.encode(content) : content,
      ),
    removeFile: (name) => removeFileGuarded({ root, dir: abs, id }, name),
    check: async () => void await guardPath(root, abs, { expect: id }),
    remove: () => removeGuarded(root, abs, { expect: id }),
  };
}
