/**
 * Where a command's run goes, in one place for every command: the `--outdir`/`--force` flags,
 * the seed flag, the run folder picked and checked before any work, and the one line that says
 * where the run went (`run written to runs/NAME`, relative, everywhere).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { runPathFor, runWrittenLine } from "./run_target.ts";
 * assertEquals(await runPathFor("runs/mine", "eval"), "runs/mine");
 * assertEquals(runWrittenLine(`${Deno.cwd()}/runs/x`), "run written to runs/x");
 * ```
 * @module
 */
import { relative } from "node:path";
import { uniqueRunPath } from "../../core/run_dir.ts";
import { checkRunTarget } from "../../core/write_run.ts";
import { type Command, flag, type FlagTable } from "./command.ts";

/** The two flags of every command that writes a run; spread them into a table. */
export const RUN_FLAGS = {
  outdir: flag.str("runs/NAME", "the run folder (default runs/<kind>_<UTC time>)"),
  force: flag.bool("replace an existing non-empty --outdir"),
} as const satisfies FlagTable;

/** The seed flag of every command with randomness. */
export const SEED_FLAG = {
  seed: flag.int("N", "random seed", { default: 0, min: 0, max: 0xffffffff }),
} as const satisfies FlagTable;

/** Where a command's run goes and what its manifest records: the experiment's run options. */
export interface PreparedRun {
  /** The run folder, checked: writable by this task, and free (or `--force`). */
  outdir: string;
  force: boolean;
  /** The command as a user types it (`deno task eval`). */
  command: string;
  /** The arguments as given. */
  args: string[];
}

/**
 * The shared run preparation every command that writes a run calls first: the folder from
 * `--outdir` or a fresh `runs/<kind>_<UTC time>`, refused before any work when the task may not
 * write there or when it holds a run and `--force` is off; with the command and its arguments
 * for the manifest. Spread it into the experiment's options.
 */
export async function prepareCommandRun(
  cmd: Command,
  flags: { outdir?: string; force: boolean },
  kind: string,
  opts: { argv?: readonly string[]; resumable?: boolean } = {},
): Promise<PreparedRun> {
  const argv = opts.argv ?? Deno.args;
  const outdir = opts.resumable // a resumable run checks its own folder (a finished run may stand)
    ? await runPathFor(flags.outdir, kind)
    : await prepareRun(flags.outdir, kind, flags.force);
  return { outdir, force: flags.force, command: cmd.name, args: [...argv] };
}

/**
 * The folder a command's run goes to, checked before any work: `--outdir` as given or a fresh
 * `runs/<kind>_<UTC time>`, refused (an `InputError`) when the task may not write there or when
 * it already holds a run and `force` is off.
 */
export async function prepareRun(
  outdir: string | undefined,
  kind: string,
  force: boolean,
): Promise<string> {
  const path = await runPathFor(outdir, kind);
  await checkRunTarget(path, force);
  return path;
}

/**
 * The folder a command's run goes to: `--outdir` as given, or a fresh `runs/<kind>_<UTC time>`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { runPathFor } from "./run_target.ts";
 * assertEquals(await runPathFor("runs/mine", "eval"), "runs/mine");
 * ```
 */
export async function runPathFor(outdir: string | undefined, kind: string): Promise<string> {
  return outdir ?? await uniqueRunPath("runs", kind);
}

/**
 * The one line that says where a run went, in one path style everywhere: relative to the
 * working directory (`runs/NAME`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { runWrittenLine } from "./run_target.ts";
 * assertEquals(runWrittenLine(`${Deno.cwd()}/runs/x`), "run written to runs/x");
 * ```
 */
export function runWrittenLine(path: string): string {
  return `run written to ${shownPath(path)}`;
}

/**
 * A path as the course shows it: relative to the working directory (`runs/NAME`), or `.`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { shownPath } from "./run_target.ts";
 * assertEquals(shownPath(`${Deno.cwd()}/runs/x/`), "runs/x");
 * ```
 */
export function shownPath(path: string): string {
  return relative(Deno.cwd(), path).replace(/\/+$/, "") || ".";
}
