/**
 * The grading sandbox's slots: each a folder (`runs/.grading/slot-<k>/` of the working
 * directory, locked while a grader uses it) holding the sandbox's project root: a copy of the
 * project's `lib/` and `data/` (made when the slot is taken), `memo/` (results of the reference
 * runs' deterministic computations, lib/course/host.ts's `memoized`), and `runs/` and
 * `notebooks/`, emptied before each program. This module writes those folders.
 *
 * The course code computes its project root from its own URL, so `runsPath()`, `openLab()` and
 * `rootRelative()` land in the slot's `runs/` with no change. A copy, not a link: Deno checks a
 * path as written, so a link inside a writable folder would let a write reach through it (and
 * making links needs unscoped permissions). A slot keeps its path from one program to the next,
 * so Deno's cache of compiled modules (DENO_DIR) is reused.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { gradingDir } from "./grade_slots.ts";
 * assertEquals(gradingDir(), `${Deno.cwd()}/runs/.grading`);
 * ```
 * @module
 */
import { join, resolve } from "node:path";
import { rasterFiles } from "../../present/raster.ts";

/** A sandbox slot: its folder and the project root inside it. */
export interface Slot {
  dir: string;
  root: string;
  /** The project whose `lib/` and `data/` the slot copies. */
  project: string;
  /** Package files the course's code reads to draw a chart (resvg and its font), read-only. */
  drawing: string[];
  release(): void;
}

/** Copies the folder `from` to `to` (replacing it), files and folders only. */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.remove(to, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(join(from, e.name), join(to, e.name));
    else if (e.isFile) await Deno.copyFile(join(from, e.name), join(to, e.name));
  }
}

/** Where the slots live: `runs/.grading/` of the working directory (where tasks write). */
export function gradingDir(): string {
  return resolve("runs", ".grading");
}

/**
 * Takes `count` free slots under {@link gradingDir} (each locked until released) and copies the
 * project's `lib/` and `data/` into each.
 */
export async function acquireSlots(project: string, count: number): Promise<Slot[]> {
  const base = gradingDir();
  await Deno.mkdir(base, { recursive: true });
  const slots: Slot[] = [];
  for (let k = 1; slots.length < count; k++) {
    const lock = await Deno.open(join(base, `slot-${k}.lock`), {
      read: true,
      write: true,
      create: true,
    });
    if (!(await lock.tryLock(true))) {
      lock.close();
      continue;
    }
    const dir = join(base, `slot-${k}`);
    const drawing = await rasterFiles();
    const slot = { dir, root: join(dir, "root"), project, drawing, release: () => lock.close() };
    for (const part of ["lib", "data"]) await copyTree(join(project, part), join(slot.root, part));
    await Deno.remove(join(slot.root, "memo"), { recursive: true }).catch(() => {});
    await Deno.mkdir(join(slot.root, "memo"));
    slots.push(slot);
  }
  return slots;
}

/**
 * Puts the memo (computation key → result, from the reference runs) in the slot's `memo/`,
 * which its sandboxes may read and not write.
 */
export async function writeMemo(slot: Slot, memo: ReadonlyMap<string, string>): Promise<void> {
  for (const [key, value] of memo) {
    await Deno.writeTextFile(join(slot.root, "memo", `${key}.json`), value);
  }
}

/** The results a reference run offered for the memo (its `runs/.memo/`), by key. */
export async function offeredMemo(slot: Slot): Promise<Map<string, string>> {
  const offered = new Map<string, string>();
  const dir = join(slot.root, "runs", ".memo");
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && /^[\w-]+\.json$/.test(e.name)) {
        offered.set(e.name.replace(/\.json$/, ""), await Deno.readTextFile(join(dir, e.name)));
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e; // nothing offered
  }
  return offered;
}

/** Empties the slot for the next program; returns the path of the module written. */
export async function prepareSlot(slot: Slot, moduleText: string): Promise<string> {
  await Deno.remove(join(slot.dir, "audit.jsonl")).catch(() => {});
  for (const sub of ["runs", "notebooks"]) {
    await Deno.remove(join(slot.root, sub), { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    await Deno.mkdir(join(slot.root, sub));
  }
  const module = join(slot.root, "notebooks", "program.ts");
  await Deno.writeTextFile(module, moduleText);
  return module;
}

/**
 * The Deno to start: this one (`Deno.execPath()`) when the task may run it, else `deno` from
 * PATH (a task granted `--allow-run=deno` may run the one on PATH, which may be a link to this).
 */
export function denoBinary(): string {
  const self = Deno.permissions.querySync({ name: "run", command: Deno.execPath() });
  return self.state === "granted" ? Deno.execPath() : "deno";
}
