/**
 * Where the code that made a run came from, and the header every run manifest opens with.
 *
 * The git commit and dirty flag are read from `.git` directly (lib/core/git.ts): no `git`
 * process runs, so a task needs no `--allow-run`, and no hook of the repository can run.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { runManifest } from "./provenance.ts";
 * const m = await runManifest({ kind: "kl", command: "deno task kl", args: [], seed: null }, { betas: [1] });
 * assertEquals(Object.keys(m), [
 *   "kind", "command", "args", "seed", "betas", "deno_version", "git_commit", "git_dirty", "created_at",
 * ]);
 * ```
 * @module
 */
import { gitState } from "./git.ts";

/** Where the code that made a run came from. */
export interface Provenance {
  deno_version: string;
  git_commit: string | null;
  git_dirty: boolean | null;
  created_at: string;
}

/**
 * The environment part of every manifest: Deno version, git commit and dirty flag (null when
 * there is no readable repository), and the time. The time is the only field that changes
 * between two identical runs.
 *
 * @param cwd where to look for the repository (default: the working directory)
 */
export async function provenance(cwd?: string): Promise<Provenance> {
  const git = await gitState(cwd);
  return {
    deno_version: Deno.version.deno,
    git_commit: git.commit,
    git_dirty: git.dirty,
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
 * KL sweep), in the same shape as the measurement manifests: top-level `kind`, `command`,
 * `args`, `seed`, then the run's own `fields`, then the {@link Provenance} fields at top level
 * (`deno_version`, `git_commit`, `git_dirty`, `created_at`), so one `jq '.git_commit'` reads
 * every manifest.
 *
 * @param header kind, command, arguments and seed
 * @param fields the run's own settings
 * @returns the manifest object, ready for `writeJson`
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
