/**
 * How an experiment's run is written, whoever asks (a CLI or a notebook), with a default for
 * everything: where the run goes (`outdir`, or a fresh `runs/<name>_<UTC time>`), whether to
 * replace an existing run, what the manifest records as the command and its arguments, and
 * whether to draw charts. A notebook names its run and nothing else:
 * `runEval({ dataset, completions, name: "M6_eval_frozen" })`.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "./testing.ts";
 * import { runFolder, runWriting } from "./run_options.ts";
 * assertEquals(await runFolder({ outdir: "runs/mine" }, "eval"), "runs/mine");
 * assert(/\/runs\/M0_eval_\d{8}T\d{6}Z$/.test(await runFolder({ name: "M0_eval" }, "eval")));
 * assertEquals(runWriting({}, "runEval()"), { command: "runEval()", args: [], force: false, plot: false });
 * ```
 * @module
 */
import { runsPath } from "./paths.ts";
import { uniqueRunPath } from "./run_dir.ts";

/** How a run is written and what its manifest says made it; every field has a default. */
export interface RunOptions {
  /** The run folder (default: a fresh `runs/<name>_<UTC time>` in the project's `runs/`). */
  outdir?: string;
  /** The run's name when `outdir` is not given (default: the experiment's kind). */
  name?: string;
  /** Replace an existing non-empty run folder (default false: refuse it). */
  force?: boolean;
  /**
   * What made the run, recorded as the manifest's `command` (default: the library call, e.g.
   * `runEval()`); the CLIs record `deno task eval`.
   */
  command?: string;
  /** The arguments recorded in the manifest, as given (default none). */
  args?: string[];
  /** Also write the run's charts as SVG (default false). */
  plot?: boolean;
}

/** {@link RunOptions} with every default filled in, but the folder. */
export interface RunWriting {
  command: string;
  args: string[];
  force: boolean;
  plot: boolean;
}

/**
 * The folder a run goes to: `outdir` as given, or a fresh `runs/<name>_<UTC time>` (name
 * defaulting to `kind`) in the project's `runs/`. Writes nothing.
 */
export async function runFolder(o: RunOptions, kind: string): Promise<string> {
  return o.outdir ?? await uniqueRunPath(runsPath(), o.name ?? kind);
}

/** The command, arguments, force and plot of `o`, with their defaults (`call` names the call). */
export function runWriting(o: RunOptions, call: string): RunWriting {
  return {
    command: o.command ?? call,
    args: o.args ?? [],
    force: o.force ?? false,
    plot: o.plot ?? false,
  };
}
