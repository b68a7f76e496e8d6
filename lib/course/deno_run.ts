/**
 * Runs this Deno (`Deno.execPath()`) as a subprocess, without colours, and returns its exit code
 * and everything it printed (standard output, then standard error): how `notebooks:check` type-
 * checks a notebook's module and how M4 runs a student's regression test.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runDeno } from "./deno_run.ts";
 * const r = await runDeno(["eval", "console.log(1 + 1)"], Deno.cwd());
 * assertEquals([r.code, r.output.trim()], [0, "2"]);
 * ```
 * @module
 */
import { notebookHost } from "./host.ts";

/** The outcome of one `deno …` run. */
export interface DenoRun {
  code: number;
  /** Standard output followed by standard error, decoded. */
  output: string;
}

/**
 * Runs `deno <args>` in `cwd` with `NO_COLOR=1` (needs `--allow-run`).
 *
 * @param args the arguments after `deno`
 * @param cwd the working directory
 */
export async function runDeno(args: readonly string[], cwd: string): Promise<DenoRun> {
  const host = notebookHost();
  if (host !== null) return await host.runDeno(args, cwd); // the grading sandbox starts nothing
  const r = await new Deno.Command(Deno.execPath(), {
    args: [...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, output: `${dec.decode(r.stdout)}${dec.decode(r.stderr)}` };
}
