/**
 * The temporary side of a run being written.
 *
 * A run is written in `runs/.tmp-<pid>-<id>/`. Beside it, `runs/.tmp-<pid>-<id>.lock` holds the
 * owner's pid and the run's target, under an exclusive advisory lock that the operating system
 * releases when the owner dies, however it dies (`kill -9` included). While a run replaces an
 * older one (`--force`), the older one waits in `runs/.tmp-<pid>-<id>.old/`.
 *
 * What the next command does with the group of a writer that died is in run_recovery.ts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { createTemp } from "./run_temp.ts";
 * const root = await Deno.makeTempDir();
 * const temp = await createTemp(root, "demo");
 * assertEquals([...Deno.readDirSync(root)].length, 2); // the temp folder and its lock
 * await temp.release();
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { join } from "node:path";
import { fileError } from "./files.ts";
import { TEMP_PREFIX } from "./run_root.ts";
import { type FolderId, idOf } from "./runs_guard.ts";

/** A temp group owned by this process: its folder, and the held lock. */
export interface Temp {
  /** `.tmp-<pid>-<id>` */
  readonly name: string;
  /** Absolute path of the temp folder. */
  readonly dir: string;
  /** Absolute path of the older run while it waits during a replace. */
  readonly old: string;
  /** The temp folder's identity (device, inode): every write checks it is still this folder. */
  readonly id: FolderId;
  /** Records the parents created for the run (so a crash after creating them can undo it). */
  note(created: readonly string[]): Promise<void>;
  /** Unlocks and removes the lock file (the last step of a commit or an abort). */
  release(): Promise<void>;
}

/** The names of a temp group's parts: `.tmp-<pid>-<id>` with `.lock` or `.old`, or bare. */
export const GROUP = /^\.tmp-(\d+)-([0-9a-f]{12})(\.lock|\.old)?$/;

/** What a temp group's lock file records. */
export interface LockRecord {
  pid: number;
  target: string;
  created: string[];
}

/** Creates a temp group in `root` for a run whose path relative to `root` is `target`. */
export async function createTemp(root: string, target: string): Promise<Temp> {
  for (;;) {
    const id = crypto.randomUUID().replaceAll("-", "").slice(0, 12);
    const name = `${TEMP_PREFIX}${Deno.pid}-${id}`;
    const lockPath = join(root, `${name}.lock`);
    let file: Deno.FsFile;
    try {
      file = await Deno.open(lockPath, { read: true, write: true, createNew: true });
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) continue;
      throw fileError(root, e, "cannot be written");
    }
    if (!(await file.tryLock(true))) { // a cleaner took it in the instant before: start over
      file.close();
      continue;
    }
    const record: LockRecord = { pid: Deno.pid, target, created: [] };
    const write = async () => {
      const bytes = new TextEncoder().encode(JSON.stringify(record));
      await file.truncate(0);
      await file.seek(0, Deno.SeekMode.Start);
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
    };
    const dir = join(root, name);
    let folder: FolderId;
    try {
      await write();
      await Deno.mkdir(dir);
      folder = idOf(await Deno.lstat(dir));
    } catch (e) {
      file.close();
      await Deno.remove(lockPath).catch(() => {});
      throw fileError(root, e, "cannot be written");
    }
    return {
      name,
      dir,
      id: folder,
      old: join(root, `${name}.old`),
      async note(created) {
        record.created = [...created];
        await write().catch((e) => {
          throw fileError(lockPath, e, "cannot be written");
        });
      },
      async release() {
        try {
          await Deno.remove(lockPath);
        } finally {
          file.close(); // closing releases the lock
        }
      },
    };
  }
}
