/**
 * What `deno task notebooks` does for each milestone notebook, as library calls: execute it
 * headless (lib/course/tools/execute.ts), check the execution, review the executed copy as a teacher
 * would (lib/course/tools/review.ts), and hold the review to what the run promises. Runs Jupyter and
 * writes under the output folder; returns lines for the CLI to print.
 *
 * What each run promises:
 * - as committed (no solutions): every exercise, prediction, drawing and written answer is
 *   reported `NOT ATTEMPTED` (the stubs really are stubs) and every other check passes, with no
 *   problem;
 * - `--with-solutions`: the review is CLEAN (every item passed, every drawing and written answer
 *   attempted).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { promiseProblems } from "./notebook_runs.ts";
 * const report = { codeCells: 1, ran: 1, runs: [], problems: [], clean: false, items: [
 *   { name: "reinforce-update", kind: "exercise" as const, status: "passed" as const, why: "", cell: 3 },
 * ] };
 * assertEquals(promiseProblems(report, false),
 *   ["exercise reinforce-update passed although the notebook is as committed: is its stub the solution?"]);
 * ```
 * @module
 */
import { executeNotebook, executionProblems, notebookName } from "./execute.ts";
import { readNotebook } from "./ipynb.ts";
import { reviewNotebook, type ReviewReport, verdictText } from "./review.ts";
import { expectedItems, stubsOf } from "./review_items.ts";
import { projectReviewContext } from "./review_runs.ts";

/** How to run the notebooks. */
export interface RunOptions {
  /** Where the executed `.ipynb` and `.html` go. */
  outDir: string;
  /** Per-cell timeout, seconds. */
  timeout: number;
  /** A notebook over this many seconds fails. */
  budget: number;
  /** Substitute the teacher's solutions (lib/course/answers.ts). */
  solutions: boolean;
}

/** One notebook's outcome. */
export interface NotebookOutcome {
  name: string;
  seconds: number;
  /** Everything wrong: execution, budget, and the review against the run's promise. */
  problems: string[];
  /** The review's verdict in words (`CLEAN`, `7 not attempted`), or null when it did not run. */
  review: string | null;
}

/** How a review falls short of what the run promises (see the module doc); empty: it keeps it. */
export function promiseProblems(report: ReviewReport, solutions: boolean): string[] {
  if (solutions) {
    return report.clean ? [] : [
      ...report.items.filter((it) => it.status !== "passed" && it.status !== "attempted").map((
        it,
      ) => `${it.kind} ${it.name} ${it.status} with the solutions${it.why ? `: ${it.why}` : ""}`),
      ...report.problems,
    ];
  }
  return [
    ...report.items.flatMap((it) => {
      if (it.kind === "check") {
        return it.status === "passed" ? [] : [`check ${it.name} ${it.status}: ${it.why}`];
      }
      return it.status === "not attempted" ? [] : [
        `${it.kind} ${it.name} ${it.status} although the notebook is as committed: ` +
        "is its stub the solution?",
      ];
    }),
    ...report.problems,
  ];
}

/** Executes, checks and reviews one notebook. */
export async function runNotebook(path: string, opts: RunOptions): Promise<NotebookOutcome> {
  const name = notebookName(path);
  const result = await executeNotebook({ path, ...opts });
  const problems: string[] = [];
  if (result.failure !== null) problems.push(result.failure);
  let review: string | null = null;
  if (result.executed !== null) {
    const executed = await readNotebook(result.executed);
    problems.push(...executionProblems(executed).map((p) => p.message));
    const committed = await readNotebook(path);
    const report = await reviewNotebook(executed, {
      ...(await projectReviewContext()),
      expected: expectedItems(committed),
      stubs: stubsOf(committed),
    });
    review = verdictText(report);
    for (const p of promiseProblems(report, opts.solutions)) {
      if (!problems.includes(p)) problems.push(p);
    }
  }
  if (result.seconds > opts.budget) {
    problems.push(
      `execution took ${result.seconds.toFixed(1)} s, over the ${opts.budget} s budget`,
    );
  }
  return { name, seconds: result.seconds, problems, review };
}

/** The line of one notebook: name, time, ok/FAIL, the review's verdict; then its problems. */
export function outcomeLines(o: NotebookOutcome, width: number): string[] {
  const verdict = o.problems.length === 0 ? "ok  " : "FAIL";
  const review = o.review === null ? "" : `  review: ${o.review}`;
  return [
    `${o.name.padEnd(width)}  ${o.seconds.toFixed(1).padStart(5)} s  ${verdict}${review}`,
    ...o.problems.map((p) => `    ${p.replaceAll("\n", "\n    ")}`),
  ];
}

/**
 * The closing lines of `deno task notebooks`: how many passed, and the `Next:` line (review one
 * executed notebook, then open the HTML exports in a browser).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { notebooksEnd } from "./notebook_runs.ts";
 * assertEquals(notebooksEnd(["M0_orientation"], 0), [
 *   "notebooks: 1 passed, 0 failed",
 *   "Next: deno task review runs/notebooks/M0_orientation.ipynb, then deno task notebooks:browser",
 * ]);
 * ```
 */
export function notebooksEnd(names: readonly string[], failed: number): string[] {
  const first = names[0] ?? "M0_orientation";
  return [
    `notebooks: ${names.length - failed} passed, ${failed} failed`,
    `Next: deno task review runs/notebooks/${first}.ipynb, then deno task notebooks:browser`,
  ];
}

/** What to do when `jupyter nbconvert` is missing. */
export const JUPYTER_INSTALL = `jupyter nbconvert was not found. Install it:
  Debian/Ubuntu:  sudo apt-get install -y jupyter-nbconvert python3-nbclient
  elsewhere:      python3 -m pip install nbconvert nbclient
(The Deno kernel needs no installation: the tasks use notebooks/.kernel.)`;
