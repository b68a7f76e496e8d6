/**
 * Run directories: where every command writes its results, atomically.
 *
 * A run is written into a hidden temporary folder beside its final name (`runs/.tmp-NAME-…`) and
 * renamed into place only when every file is complete, so nothing half-written ever stands under
 * the run's name. An existing non-empty run is never replaced unless the caller forces it.
 *
 * Every run holds `manifest.json` (what was measured, with what, under which conditions), its
 * results, `summary.json` for scripts and `summary.md` for people.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { openRun } from "./run_dir.ts";
 * const root = await Deno.makeTempDir();
 * const run = await openRun(`${root}/demo`, { force: false });
 * await run.writeJson("summary.json", { n: 1 });
 * const dir = await run.commit();
 * assertEquals(JSON.parse(await Deno.readTextFile(`${dir}/summary.json`)), { n: 1 });
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.ts";
import { JsonlWriter } from "./jsonl.ts";

/** A run being written: files go to a temporary folder until `commit()`. */
export interface RunDir {
  /** The final path of the run (where it will stand after `commit()`). */
  readonly path: string;
  /** The temporary folder being written. */
  readonly tmp: string;
  /** Writes `name` as pretty JSON (2-space indent, trailing newline). */
  writeJson(name: string, value: unknown): Promise<void>;
  /** Writes `name` as text. */
  writeText(name: string, text: string): Promise<void>;
  /** Opens a streaming JSONL writer for `name`. */
  jsonl(name: string): Promise<JsonlWriter>;
  /** Moves the finished run into place and returns its final path. */
  commit(): Promise<string>;
  /** Removes the temporary folder (on any failure): nothing is left behind. */
  abort(): Promise<void>;
}

async function isNonEmptyDir(path: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(path)) return true;
    return false;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    if (e instanceof Deno.errors.NotADirectory) return true;
    throw e;
  }
}

/**
 * Checks that `path` may receive a run (absent, empty, or `force`), without writing anything.
 * Throws an {@link InputError} naming the folder otherwise.
 */
export async function assertRunSlotFree(path: string, force: boolean): Promise<void> {
  if (!force && await isNonEmptyDir(path)) {
    throw new InputError(
      path,
      null,
      "already holds a run; choose another --outdir or pass --force to replace it",
    );
  }
}

/**
 * Opens a run at `path` (its parent folders are created). Refuses an existing non-empty `path`
 * unless `force`.
 */
export async function openRun(path: string, opts: { force: boolean }): Promise<RunDir> {
  await assertRunSlotFree(path, opts.force);
  const parent = dirname(path);
  let tmp: string;
  try {
    await Deno.mkdir(parent, { recursive: true });
    tmp = await Deno.makeTempDir({ dir: parent, prefix: `.tmp-${basename(path)}-` });
  } catch (e) {
    const denied = e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
    throw new InputError(
      path,
      null,
      denied
        ? "cannot be written: the tasks may only write under runs/ (choose --outdir runs/NAME)"
        : `cannot be created: ${(e as Error).message}`,
    );
  }
  return {
    path,
    tmp,
    writeJson: (name, value) =>
      Deno.writeTextFile(join(tmp, name), JSON.stringify(value, null, 2) + "\n"),
    writeText: (name, text) => Deno.writeTextFile(join(tmp, name), text),
    jsonl: (name) => JsonlWriter.create(join(tmp, name)),
    async commit() {
      let trash: string | null = null;
      if (await isNonEmptyDir(path)) {
        if (!opts.force) {
          await Deno.remove(tmp, { recursive: true });
          throw new InputError(
            path,
            null,
            "was created by someone else while this run was written",
          );
        }
        trash = `${tmp}-old`;
        await Deno.rename(path, trash);
      } else {
        await Deno.remove(path).catch(() => {}); // an empty folder may stand in the way
      }
      await Deno.rename(tmp, path);
      if (trash !== null) await Deno.remove(trash, { recursive: true });
      return path;
    },
    abort: () => Deno.remove(tmp, { recursive: true }).catch(() => {}),
  };
}

/**
 * A fresh run name `<kind>_<UTC timestamp>` under `runsDir`, with a `-2`, `-3`… suffix if that
 * name is taken, so repeated runs never overwrite each other.
 */
export async function uniqueRunPath(
  runsDir: string,
  kind: string,
  now = new Date(),
): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  let candidate = join(runsDir, `${kind}_${stamp}`);
  for (let i = 2; await isNonEmptyDir(candidate) || await exists(candidate); i++) {
    candidate = join(runsDir, `${kind}_${stamp}-${i}`);
  }
  return candidate;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Where the code that made a run came from. */
export interface Provenance {
  deno_version: string;
  git_commit: string | null;
  git_dirty: boolean | null;
  created_at: string;
}

/**
 * The environment part of every manifest: Deno version, git commit and dirty flag (null when git
 * is unavailable or not permitted), and the time. The time is the only field that changes
 * between two identical runs.
 */
export async function provenance(cwd?: string): Promise<Provenance> {
  const git = async (...args: string[]): Promise<string | null> => {
    try {
      const out = await new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "null" })
        .output();
      return out.success ? new TextDecoder().decode(out.stdout) : null;
    } catch {
      return null;
    }
  };
  const commit = await git("rev-parse", "HEAD");
  const status = commit === null
    ? null
    : await git("status", "--porcelain", "--untracked-files=no");
  return {
    deno_version: Deno.version.deno,
    git_commit: commit === null ? null : commit.trim(),
    git_dirty: status === null ? null : status.trim().length > 0,
    created_at: new Date().toISOString(),
  };
}

/** The fields that open every run manifest: what made the run, and with which seed. */
export interface RunHeader {
  /** The kind of run (`bandit`, `testbed`, `mdp`, `kl`, …). */
  kind: string;
  /** The command that made it, e.g. `deno task bandit`. */
  command: string;
  /** Its arguments, as given. */
  args: string[];
  /** The seed of its randomness, or null when it has none. */
  seed: number | null;
}

/**
 * The manifest of a run that is not a measurement (learners such as the bandit, the MDP and the
 * KL sweep), in the same shape as `lib/core/manifest.ts`'s measurement manifests: top-level `kind`,
 * `command`, `args`, `seed`, then the run's own `fields`, then the {@link Provenance} fields
 * spread at top level (`deno_version`, `git_commit`, `git_dirty`, `created_at`), so one
 * `jq '.git_commit'` reads every manifest.
 *
 * @param header kind, command, arguments and seed
 * @param fields the run's own settings
 * @returns the manifest object, ready for `writeJson`
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { runManifest } from "./run_dir.ts";
 * const m = await runManifest({ kind: "kl", command: "deno task kl", args: [], seed: null }, { betas: [1] });
 * assertEquals(Object.keys(m), [
 *   "kind", "command", "args", "seed", "betas", "deno_version", "git_commit", "git_dirty", "created_at",
 * ]);
 * ```
 */
export async function runManifest<F extends Record<string, unknown>>(
  header: RunHeader,
  fields: F,
): Promise<RunHeader & F & Provenance> {
  return {
    kind: header.kind,
    command: header.command,
    args: header.args,
    seed: header.seed,
    ...fields,
    ...(await provenance()),
  };
}
