/**
 * What the next command does when a writer died: {@link recoverDeadTemps} (run by every
 * `openRun` before anything else, and by `deno task clean`) looks at every temp group
 * (run_temp.ts) whose lock it can take (or, without a lock file, whose pid is gone): an older run
 * still waiting while its name is empty is moved back (so at every instant the name holds the old
 * run, the new run, or a state this restores); then the temp folder, the waiting older run (once
 * the new one stands) and the lock are removed. A live writer's group is never touched, and
 * nothing a lock records is trusted: every path it names passes the one check (runs_guard.ts)
 * before anything is moved or removed there, and a lock or an older run that is a link is
 * removed as a link, never followed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { createTemp } from "./run_temp.ts";
 * import { recoverDeadTemps } from "./run_recovery.ts";
 * const root = await Deno.makeTempDir();
 * const temp = await createTemp(root, "demo");
 * assertEquals(await recoverDeadTemps(root), []); // its writer (this process) is alive: untouched
 * await temp.release();
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { join } from "node:path";
import { fileError } from "./files.ts";
import { moveGuarded, removeGuarded } from "./guarded_ops.ts";
import { removeEmptyParents, TEMP_PREFIX } from "./run_root.ts";
import { GROUP, type LockRecord } from "./run_temp.ts";
import { guardPath, lstatOrNull, openNoFollow } from "./runs_guard.ts";

/** What recovery did with one temp group of a dead writer. */
export interface Recovered {
  /** `.tmp-<pid>-<id>` */
  name: string;
  /** The run it was writing (relative to the runs folder), when known. */
  target: string | null;
  action: "restored" | "removed";
  /** Bytes freed (temp folder and any older run deleted). */
  bytes: number;
}

/** Whether a pid names a live process: true, false, or null when this system cannot tell. */
async function alive(pid: number): Promise<boolean | null> {
  if (pid === Deno.pid) return true;
  try {
    await Deno.stat(`/proc/${pid}`);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return (await Deno.stat("/proc/self").then(() => true, () => false)) ? false : null;
    }
    return null;
  }
}

/** A path relative to the runs folder that stays inside it (what a lock may name). */
function isSafeRelative(p: unknown): p is string {
  return typeof p === "string" && p.length > 0 && !p.startsWith("/") &&
    !p.split(/[\\/]/).some((part) => part === ".." || part === "" || part === ".");
}

const exists = async (path: string) => await lstatOrNull(path).catch(() => null) !== null;

/** Bytes under a folder (regular files, links not followed). */
async function sizeOf(path: string): Promise<number> {
  let total = 0;
  try {
    const info = await Deno.lstat(path);
    if (!info.isDirectory) return info.size;
    for await (const e of Deno.readDir(path)) total += await sizeOf(join(path, e.name));
  } catch {
    // vanished meanwhile: nothing to count
  }
  return total;
}

/**
 * Finds the temp groups in `root` whose writer is dead and recovers each (see the module doc).
 * Never touches a group whose lock is held, nor anything outside `root`.
 *
 * @returns what was done, one entry per group
 */
export async function recoverDeadTemps(root: string): Promise<Recovered[]> {
  const groups = new Map<string, { pid: number }>();
  try {
    for await (const e of Deno.readDir(root)) {
      const m = GROUP.exec(e.name);
      if (m) groups.set(`${TEMP_PREFIX}${m[1]}-${m[2]}`, { pid: Number(m[1]) });
    }
  } catch (e) {
    throw fileError(root, e, "cannot be read");
  }
  const out: Recovered[] = [];
  for (const [name, { pid }] of groups) {
    const r = await recoverGroup(root, name, pid);
    if (r !== null) out.push(r);
  }
  return out;
}

/**
 * Recovers one dead writer's group. Nothing in it is trusted: the lock is opened only if it is a
 * regular file (a link is removed as a link), and every path its record names (the run's target,
 * the parents it created) passes {@link guardPath} before anything is moved or removed there.
 */
async function recoverGroup(root: string, name: string, pid: number): Promise<Recovered | null> {
  const lockPath = join(root, `${name}.lock`),
    dir = join(root, name),
    old = join(root, `${name}.old`);
  // No writer makes a link: one at a group's name was planted, and goes (as a link, unfollowed)
  // whatever the state of the group's writer.
  let planted = 0;
  for (const p of [lockPath, dir, old]) {
    if ((await lstatOrNull(p).catch(() => null))?.isSymlink) {
      planted += await Deno.remove(p).then(() => 1, () => 0);
    }
  }
  const links: Recovered = { name, target: null, action: "removed", bytes: 0 };
  let lock: Deno.FsFile | null = null;
  let record: Partial<LockRecord> = {};
  try {
    lock = await openNoFollow(lockPath, { read: true, write: true });
  } catch {
    lock = null; // no lock file, or not a regular file (never opened through a link): the pid
  }
  try {
    if (lock !== null) {
      if (!(await lock.tryLock(true))) return planted > 0 ? links : null; // its writer is alive
      record = await readRecord(lock);
    } else if (await alive(pid) !== false) {
      return planted > 0 && !(await exists(dir)) && !(await exists(old)) ? links : null;
    }
    const target = isSafeRelative(record.target) && await isSafePath(root, record.target)
      ? record.target
      : null;
    let action: Recovered["action"] = "removed";
    let bytes = await sizeOf(dir);
    const oldInfo = await Deno.lstat(old).catch(() => null);
    if (oldInfo !== null && !oldInfo.isDirectory) {
      await Deno.remove(old).catch(() => {}); // a planted file: removed
    } else if (oldInfo !== null) {
      if (target !== null && !(await exists(join(root, target)))) {
        // The name was empty: the older run returns. Should that fail, it stays where it is.
        const back = await moveGuarded(root, old, join(root, target)).then(() => true, () => false);
        if (!back) return null;
        action = "restored";
      } else if (target !== null) {
        bytes += await sizeOf(old);
        await removeGuarded(root, old); // the new run stands: the older one goes
      }
    }
    await removeGuarded(root, dir).catch(() => {});
    if (action === "removed" && target !== null && Array.isArray(record.created)) {
      await removeEmptyParents(root, record.created.filter(isSafeRelative)); // each re-checked
    }
    await Deno.remove(lockPath).catch(() => {});
    return { name, target, action, bytes };
  } finally {
    lock?.close();
  }
}

/** The lock's record, read through the open lock (bounded: a record is a few hundred bytes). */
async function readRecord(lock: Deno.FsFile): Promise<Partial<LockRecord>> {
  try {
    await lock.seek(0, Deno.SeekMode.Start);
    const buf = new Uint8Array(64 * 1024);
    let n = 0;
    for (;;) {
      const k = await lock.read(buf.subarray(n));
      if (k === null || k === 0) break;
      n += k;
      if (n === buf.length) return {};
    }
    const v = JSON.parse(new TextDecoder().decode(buf.subarray(0, n)));
    return typeof v === "object" && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** A path a lock names passes the one check (no link on the way, inside the runs folder). */
async function isSafePath(root: string, rel: string): Promise<boolean> {
  return await guardPath(root, join(root, rel)).then(() => true, () => false);
}
