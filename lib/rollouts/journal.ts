/**
 * The rollouts journal: nothing lost, nothing twice. Every sample is appended to
 * `<parent>/.partial-<name>/journal.jsonl` the moment it arrives, so an interrupted run (a kill,
 * a crash, a server gone for good) continues where it stopped: the next run with the same
 * settings re-requests only the (id, sample) pairs the journal lacks. The run itself appears
 * under its name only when complete; then the journal is removed.
 *
 * Lines: a header `{"journal": "rollouts", "version": 1, "settings": {…}}` (a resume must match
 * it exactly), at most one `{"mode": …}` line (how requests are made, fixed once chosen so a
 * resumed run asks for the same draws), and one `{"id", "sample", "completion", "response"}` per
 * sample. A last line cut short by a kill is dropped (and cut off the file); a duplicate pair
 * keeps its first line. The journal file holds an exclusive lock while a run writes it, so two
 * runs can never interleave into one journal; the operating system releases the lock when its
 * holder dies, however it died.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { partialPathFor } from "./journal.ts";
 * assertEquals(partialPathFor("runs/ro1"), "runs/.partial-ro1");
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.ts";
import { type GuardedFolder, guardedFolder } from "../core/guarded_folder.ts";
import { guardPath, idOf, openNoFollow, sameId } from "../core/runs_guard.ts";

/** One journaled sample. */
export interface JournalEntry {
  id: string;
  sample: number;
  completion: string;
  response: Record<string, unknown>;
}

/** An interrupted run whose settings differ from this run's. */
export class JournalMismatch extends InputError {
  constructor(path: string, what: string) {
    super(
      path,
      null,
      `holds an interrupted run made with other settings (${what}): rerun with its settings to ` +
        "resume it, or force a fresh run to discard it",
    );
    this.name = "JournalMismatch";
  }
}

/** The hidden folder holding the journal of the run that will stand at `outdir`. */
export function partialPathFor(outdir: string): string {
  return join(dirname(outdir), `.partial-${basename(outdir)}`);
}

/** The key of an (id, sample) pair. */
export const pairKey = (id: string, sample: number): string => `${sample}\u0000${id}`;

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const [x, y] = [JSON.stringify(a[k]), JSON.stringify(b[k])];
    if (x !== y) return `${k}: ${x ?? "absent"} then, ${y ?? "absent"} now`;
  }
  return "none";
}

/** An open, locked journal. */
export class Journal {
  /** Samples journaled so far, by {@link pairKey}. */
  readonly entries = new Map<string, JournalEntry>();
  /** The request mode, once chosen. */
  mode: string | null = null;
  readonly dir: string;
  #file: Deno.FsFile;
  #folder: GuardedFolder;
  #chain: Promise<void> = Promise.resolve();
  #enc = new TextEncoder();

  private constructor(dir: string, file: Deno.FsFile, folder: GuardedFolder) {
    this.dir = dir;
    this.#file = file;
    this.#folder = folder;
  }

  /**
   * Opens (creating) the journal in `dir` for a run with `settings`, waiting up to `lockWaitMs`
   * for another holder to let go of it.
   *
   * @throws InputError when another run holds it, or a line is malformed; JournalMismatch when it
   *   was made with other settings
   */
  static async open(
    dir: string,
    settings: Record<string, unknown>,
    lockWaitMs: number,
  ): Promise<Journal> {
    const path = join(dir, "journal.jsonl");
    let file: Deno.FsFile, folder: GuardedFolder;
    try {
      folder = await guardedFolder(dir); // no link on the way, the folder itself real
      file = await openJournalFile(folder, path);
    } catch (e) {
      const denied = e instanceof Deno.errors.NotCapable ||
        e instanceof Deno.errors.PermissionDenied ||
        (e instanceof InputError && / permission denied$/.test(e.message));
      if (e instanceof InputError && !denied) throw e;
      throw new InputError(
        dir,
        null,
        denied
          ? "cannot be written: runs are written under runs/ only"
          : `cannot be created: ${(e as Error).message}`,
      );
    }
    const deadline = Date.now() + lockWaitMs;
    while (!await file.tryLock(true)) {
      if (Date.now() > deadline) {
        file.close();
        throw new InputError(dir, null, "another rollouts run is writing this journal");
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const j = new Journal(dir, file, folder);
    try {
      await j.#load(path, settings);
    } catch (e) {
      file.close(); // unlocks: a refused journal is not held
      throw e;
    }
    return j;
  }

  async #load(path: string, settings: Record<string, unknown>): Promise<void> {
    const text = await readWhole(this.#file); // through the checked file, never the path again
    const whole = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    if (whole.length < text.length) {
      await this.#file.truncate(new TextEncoder().encode(whole).length);
    }
    const lines = whole.split("\n").slice(0, -1);
    if (lines.length === 0) {
      await this.#write([{ journal: "rollouts", version: 1, settings }]);
      return;
    }
    lines.forEach((line, i) => {
      let v: Record<string, unknown>;
      try {
        v = JSON.parse(line);
      } catch {
        throw new InputError(path, i + 1, "malformed journal line");
      }
      if (i === 0) {
        const before = (v.settings ?? {}) as Record<string, unknown>;
        if (v.journal !== "rollouts" || JSON.stringify(before) !== JSON.stringify(settings)) {
          throw new JournalMismatch(this.dir, firstDifference(before, settings));
        }
      } else if (typeof v.mode === "string") this.mode ??= v.mode;
      else if (typeof v.id === "string" && typeof v.sample === "number") {
        const key = pairKey(v.id, v.sample);
        if (!this.entries.has(key)) this.entries.set(key, v as unknown as JournalEntry);
      } else throw new InputError(path, i + 1, "malformed journal line");
    });
  }

  #write(records: unknown[]): Promise<void> {
    const bytes = this.#enc.encode(records.map((r) => JSON.stringify(r) + "\n").join(""));
    const file = this.#file;
    this.#chain = this.#chain.then(async () => {
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
    });
    return this.#chain;
  }

  /** Records the request mode (once). */
  setMode(mode: string): Promise<void> {
    this.mode = mode;
    return this.#write([{ mode }]);
  }

  /** Appends samples in one write; pairs already journaled are skipped. */
  append(entries: readonly JournalEntry[]): Promise<void> {
    const fresh = entries.filter((e) => !this.entries.has(pairKey(e.id, e.sample)));
    for (const e of fresh) this.entries.set(pairKey(e.id, e.sample), e);
    return fresh.length === 0 ? this.#chain : this.#write(fresh);
  }

  /** Waits for every write, then closes (and unlocks) the journal. */
  async close(): Promise<void> {
    await this.#chain.catch(() => {});
    this.#file.close();
  }

  /** Closes the journal and removes its folder (the run is committed). */
  async discard(): Promise<void> {
    await this.close();
    await this.#folder.remove();
  }
}

/**
 * The journal file in its checked folder: created with O_EXCL, or an existing regular file opened
 * without following a link; then the folder must still be the one checked and hold that file.
 */
async function openJournalFile(folder: GuardedFolder, path: string): Promise<Deno.FsFile> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true, append: true, createNew: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    file = await openNoFollow(path, { read: true, append: true });
  }
  const mine = idOf(await file.stat());
  const here = await guardPath(folder.root, path).then((g) => g.info, () => null);
  const held = await folder.check().then(() => true, () => false);
  if (here === null || !sameId(idOf(here), mine) || !held) {
    file.close();
    throw new InputError(folder.path, null, "was replaced while the journal was opened");
  }
  return file;
}

/** The whole content of an open file, as text. */
async function readWhole(file: Deno.FsFile): Promise<string> {
  await file.seek(0, Deno.SeekMode.Start);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (;;) {
    const buf = new Uint8Array(1 << 16);
    const n = await file.read(buf);
    if (n === null || n === 0) break;
    parts.push(buf.subarray(0, n));
  }
  return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
}
