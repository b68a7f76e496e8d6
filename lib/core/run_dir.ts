/**
 * Run directories: where every command writes its results, atomically, and only under runs/.
 *
 * `openRun` first checks where the run may go (lib/core/run_root.ts: no symbolic link on the way,
 * nothing outside the runs folder) and recovers what dead writers left (lib/core/run_temp.ts).
 * The run is then written in a temp folder of the runs folder and renamed into place only when
 * every file is complete, so nothing half-written ever stands under the run's name. An existing
 * run is never replaced unless the caller forces it, and then the older run waits beside the new
 * one until the new one stands: at every instant the name holds the old run, the new run, or a
 * state the next command restores before doing anything else. A failed run leaves nothing: no
 * temp folder, no empty parent folder.
 *
 * Every run holds `manifest.json` (what was measured, with what, under which conditions), its
 * results, `summary.json` for scripts and `summary.md` for people; {@link RunDir.artifacts}
 * gives the SHA-256 of each file written so far, for the manifest.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { openRun } from "./run_dir.ts";
 * const root = await Deno.makeTempDir();
 * const run = await openRun(`${root}/runs/demo`, { force: false, root: `${root}/runs` });
 * await run.writeJson("summary.json", { n: 1 });
 * const dir = await run.commit();
 * assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/summary.json`)), { n: 1 });
 * assertEquals([...Deno.readDirSync(`${root}/runs`)].map((e) => e.name), ["demo"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.ts";
import { fileError } from "./files.ts";
import { sha256Bytes } from "./hash.ts";
import { JsonlWriter } from "./jsonl_writer.ts";
import type { ArtifactDigest } from "./manifest.ts";
import {
  createParents,
  ensureRunsRoot,
  removeEmptyParents,
  runsRootFor,
  runTarget,
} from "./run_root.ts";
import { createTemp } from "./run_temp.ts";
import { recoverDeadTemps, type Recovered } from "./run_recovery.ts";
import {
  createNewFile,
  makeFoldersGuarded,
  moveGuarded,
  removeGuarded,
  writeNewFile,
} from "./guarded_ops.ts";

export { type Provenance, provenance, type RunHeader, runManifest } from "./provenance.ts";

/** A run being written: files go to a temporary folder until `commit()`. */
export interface RunDir {
  /** The final path of the run, as given (where it will stand after `commit()`). */
  readonly path: string;
  /** The temporary folder being written. */
  readonly tmp: string;
  /** Writes `name` as pretty JSON (2-space indent, trailing newline). */
  writeJson(name: string, value: unknown): Promise<void>;
  /** Writes `name` as text (a name may hold folders: `feedback/ada/M1.md`; never `..`). */
  writeText(name: string, text: string): Promise<void>;
  /** Writes `name` as raw bytes (a checkpoint's weights). */
  writeBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Opens a streaming JSONL writer for `name` (close it before `commit()`). */
  jsonl(name: string): Promise<JsonlWriter>;
  /** SHA-256 and size of every file written so far, by name (JSONL files once closed). */
  artifacts(): Record<string, ArtifactDigest>;
  /** Moves the finished run into place and returns its final path. */
  commit(): Promise<string>;
  /** Removes everything this run wrote (on any failure): nothing is left behind. */
  abort(): Promise<void>;
}

const ALREADY =
  "already holds a run (the folder already exists); choose another run folder, or force the replacement";

/**
 * Checks that `path` may receive a run (absent, empty, or `force`), without writing anything:
 * the same checks as {@link openRun}, so a command can refuse before it computes.
 *
 * @throws InputError naming the folder and the reason
 */
export async function assertRunSlotFree(
  path: string,
  force: boolean,
  opts: { root?: string } = {},
): Promise<void> {
  const root = opts.root ?? runsRootFor(path);
  const info = await Deno.lstat(root).catch(() => null);
  if (info === null) return; // nothing exists yet: openRun will create the runs folder
  const target = await runTarget(path, { root });
  if (target.existing === "run" && !force) throw new InputError(path, null, ALREADY);
}

/**
 * Opens a run at `path`. Checks the way there (see lib/core/run_root.ts), recovers what dead
 * writers left in the runs folder, and refuses an existing non-empty run unless `force`.
 *
 * @param path the run folder (`runs/NAME`)
 * @param opts `force` replaces an existing run; `root` is the runs folder the run must stay in
 *   (default: `./runs` or the project's `runs/`, whichever holds `path`)
 * @throws InputError before anything is written: a link on the way, a path outside the runs
 *   folder, a file in the way, an existing run without `force`, an unwritable runs folder
 */
export async function openRun(
  path: string,
  opts: { force: boolean; root?: string },
): Promise<RunDir> {
  const root = await ensureRunsRoot(opts.root ?? runsRootFor(path));
  await recoverDeadTemps(root);
  const target = await runTarget(path, { root });
  if (target.existing === "run" && !opts.force) throw new InputError(path, null, ALREADY);
  const temp = await createTemp(root, target.relative);
  const written = new Map<string, ArtifactDigest>();
  const inTemp = { root, dir: temp.dir, id: temp.id };
  const writers = new Map<string, JsonlWriter>();
  let created: string[] = [];
  let done = false;
  const writeFile = async (name: string, content: string | Uint8Array) => {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    if (name.startsWith("/") || name.split("/").some((part) => part === ".." || part === "")) {
      throw new InputError(join(path, name), null, "is not a file name inside the run");
    }
    // a file in a subfolder of the run (feedback/<student>/…): each folder made and checked
    const at = name.includes("/")
      ? {
        root,
        dir: join(temp.dir, dirname(name)),
        id: await makeFoldersGuarded(temp.dir, join(temp.dir, dirname(name))),
      }
      : inTemp;
    await writeNewFile(at, basename(name), bytes, join(path, name));
    written.set(name, { sha256: sha256Bytes(bytes), bytes: bytes.length });
  };
  const abort = async () => {
    if (done) return;
    done = true;
    await removeGuarded(root, temp.dir, { expect: temp.id }).catch(() => {});
    const oldWaits = await Deno.lstat(temp.old).then(() => true, () => false);
    const nameEmpty = await Deno.lstat(target.path).then(() => false, () => true);
    if (oldWaits && nameEmpty) await moveGuarded(root, temp.old, target.path).catch(() => {});
    else if (oldWaits) await removeGuarded(root, temp.old).catch(() => {});
    await removeEmptyParents(root, created);
    await temp.release().catch(() => {});
  };
  return {
    path,
    tmp: temp.dir,
    writeJson: (name, value) => writeFile(name, JSON.stringify(value, null, 2) + "\n"),
    writeText: writeFile,
    writeBytes: writeFile,
    async jsonl(name) {
      const shown = join(path, name);
      const file = await createNewFile(inTemp, name, shown);
      const writer = JsonlWriter.fromFile(file, shown);
      writers.set(name, writer);
      return writer;
    },
    artifacts() {
      const all: Record<string, ArtifactDigest> = {};
      for (const [name, w] of writers) all[name] = w.digest();
      for (const [name, d] of written) all[name] = d;
      return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    async commit() {
      try {
        const now = await runTarget(path, { root }); // the way is checked again, just before
        await temp.note(now.missingParents); // recorded first: a crash from here on is undone
        if (now.existing === "run") {
          if (!opts.force) {
            throw new InputError(path, null, "already exists: another command wrote it meanwhile");
          }
          await moveGuarded(root, now.path, temp.old); // the older run waits beside the new one
        }
        created = await createParents(now);
        try {
          await moveGuarded(root, temp.dir, now.path, { expect: temp.id });
        } catch (e) {
          if (
            e instanceof Deno.errors.AlreadyExists || /not empty|already exists$/i.test(String(e))
          ) {
            throw new InputError(path, null, "already exists: another command wrote it meanwhile");
          }
          throw fileError(path, e, "cannot be written");
        }
        done = true;
        await removeGuarded(root, temp.old).catch(() => {});
        await temp.release();
        return path;
      } catch (e) {
        await abort();
        throw e;
      }
    },
    abort,
  };
}

/**
 * A fresh run name `<kind>_<UTC timestamp>` under `runsDir`, with a `-2`, `-3`… suffix if that
 * name is taken, so repeated runs never overwrite each other. Writes nothing.
 *
 * @throws InputError when `runsDir` is not a folder (a file named `runs`, say)
 */
export async function uniqueRunPath(
  runsDir: string,
  kind: string,
  now = new Date(),
): Promise<string> {
  const info = await Deno.lstat(runsDir).catch(() => null);
  if (info !== null && !info.isDirectory) {
    throw new InputError(runsDir, null, "is not a folder: runs are written in a folder runs/");
  }
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  for (let i = 1; i < 10_000; i++) {
    const candidate = join(runsDir, i === 1 ? `${kind}_${stamp}` : `${kind}_${stamp}-${i}`);
    try {
      await Deno.lstat(candidate);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return candidate;
      throw fileError(candidate, e, "cannot be inspected");
    }
  }
  throw new InputError(
    runsDir,
    null,
    `holds 10,000 runs named ${kind}_${stamp}: name the run folder yourself`,
  );
}

/**
 * What `deno task clean` does: recovers every temp group of a dead writer in the runs folder
 * (restoring an older run a killed `--force` left waiting, removing temp folders) and says what
 * it did. Never touches a live writer's files, nor anything outside the runs folder.
 */
export async function cleanRuns(runsDir: string): Promise<Recovered[]> {
  const info = await Deno.lstat(runsDir).catch(() => null);
  if (info === null) return [];
  return recoverDeadTemps(await ensureRunsRoot(runsDir));
}
