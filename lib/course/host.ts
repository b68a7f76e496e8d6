/**
 * What hosts a notebook's code. In Jupyter's kernel (and in `deno run`, `deno test`) nothing is
 * installed and the course code behaves as it always has. In the grading sandbox
 * (lib/course/tools/grade_prelude.ts, imported before any cell) a {@link NotebookHost} is
 * installed once, and then:
 * - `show()` hands every bundle to {@link NotebookHost.display} (the grader compares what a cell
 *   showed with what the student's copy claims);
 * - every verdict a lab records also goes to {@link NotebookHost.verdict} (the grade comes from
 *   there, never from the text a cell printed);
 * - `chart()` returns the spec without laying it out or rasterising it (`chartsInert`);
 * - `runDeno()` asks the host (the sandbox may not start processes; the grader runs M4's
 *   `deno test` for it).
 *
 * Installing is allowed once per process, so code that runs later (a notebook's cells) cannot
 * replace the grader's host, and the host object is frozen.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { notebookHost } from "./host.ts";
 * assertEquals(notebookHost(), null); // no host outside the grading sandbox
 * ```
 * @module
 */

/** The grader's side of a notebook's run. */
export interface NotebookHost {
  /** Receives every bundle `show()` displays (and its metadata). */
  display(
    data: Readonly<Record<string, unknown>>,
    metadata: Readonly<Record<string, unknown>>,
  ): void;
  /** Receives a copy of every verdict a lab records (lib/course/lab.ts's `LabRecord`). */
  verdict(record: Readonly<Record<string, unknown>>): void;
  /** Runs `deno <args>` in `cwd` on the notebook's behalf (lib/course/deno_run.ts). */
  runDeno(args: readonly string[], cwd: string): Promise<{ code: number; output: string }>;
  /** When true, `chart()` skips the layout and the PNG: the text and the spec are enough. */
  chartsInert: boolean;
}

let installed: NotebookHost | null = null;

/**
 * Installs the host for the rest of the process (the grading sandbox's prelude does, before any
 * cell runs). A second call throws: whoever installed first keeps the host.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { installHost, notebookHost } from "./host.ts";
 * const host = {
 *   display: () => {},
 *   verdict: () => {},
 *   runDeno: () => Promise.resolve({ code: 0, output: "" }),
 *   chartsInert: true,
 * };
 * installHost(host);
 * let second = "";
 * try {
 *   installHost({ ...host, chartsInert: false });
 * } catch (e) {
 *   second = (e as Error).message;
 * }
 * assertEquals([second, notebookHost()?.chartsInert], ["a notebook host is installed already", true]);
 * ```
 */
export function installHost(host: NotebookHost): void {
  if (installed !== null) throw new Error("a notebook host is installed already");
  installed = Object.freeze({ ...host });
}

/** The installed host, or null (Jupyter's kernel, `deno run`, `deno test`). */
export function notebookHost(): NotebookHost | null {
  return installed;
}
