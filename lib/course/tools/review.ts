/**
 * Teacher review of a student's executed notebook (reads the notebook, the runs it cites and the
 * sealed data list; writes nothing). `deno task review` prints {@link formatReport}, or
 * {@link reportJson} for a grading script.
 *
 * A notebook is **clean** when every item passed and nothing else is wrong:
 * 1. every runnable code cell ran, in order: execution counts are present and strictly
 *    increasing from top to bottom (what "Restart & Run All" produces), and no cell raised;
 * 2. every run it cites with a `run: runs/<name>` line exists and was measured on sealed data
 *    with the current scorer (lib/course/tools/review_runs.ts); `scratch run:` lines are only listed;
 * 3. every exercise, prediction and check the course expects (`metadata.rl_course.checks` of the
 *    committed copy, so deleting a cell does not hide it) reported `PASSED`; an exercise still
 *    holding its stub reports `NOT ATTEMPTED`, and so does an empty prediction; every drawing and
 *    written answer (a Markdown answer cell, lib/course/tools/answers.ts) is `attempted`: it is
 *    read, not graded, and its text is in the report for the teacher;
 * 4. every verdict line is the one the code wrote to the notebook's lab record when it ran, and
 *    no answer cell was edited after its check ran (lib/course/tools/review_items.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { executionOrderProblems } from "./review.ts";
 * const cell = (n: number) => ({ cell_type: "code", source: `x${n}`, metadata: {}, execution_count: n, outputs: [] });
 * assertEquals(executionOrderProblems({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(2), cell(1)] }),
 *   ["cell 2 (x1) ran out of order: execution count 1 after 2 (restart the kernel and run all cells)"]);
 * ```
 * @module
 */
import { join, normalize } from "node:path";
import { type Cell, firstLine, isRunnable, type Notebook, outputLines } from "./ipynb.ts";
import { LAB_KIND, type LabRecord } from "../lab.ts";
import { parseRunLine } from "../lines.ts";
import { manifestFindings, type RunContract } from "./review_runs.ts";
import { readRunManifest } from "../../core/manifest.ts";
import {
  editedAnswerProblems,
  type Expected,
  expectedItems,
  findChecks,
  handEditProblems,
  type Item,
  itemsOf,
  readLabRecords,
} from "./review_items.ts";

/** What the review compares against. */
export interface ReviewContext extends RunContract {
  /** The folder `runs/...` citations are resolved against (the project root). */
  projectRoot: string;
  /** The items the course expects (default: from the notebook's own metadata and cells). */
  expected?: readonly Expected[];
  /** The committed source of each answer cell, by binding (lib/course/tools/review_items.ts). */
  stubs?: ReadonlyMap<string, string>;
}

/** A `run:` (or `scratch run:`) line found in a cell's output. */
export interface Citation {
  cell: number;
  path: string;
  scratch: boolean;
}

/** One cited run, as the review found it. */
export interface RunFinding {
  path: string;
  scratch: boolean;
  /** What was verified, or why it was not. */
  status: string;
  ok: boolean;
}

/** The review's findings. */
export interface ReviewReport {
  /** Runnable code cells, and how many of them ran. */
  codeCells: number;
  ran: number;
  runs: RunFinding[];
  /** Every expected exercise, prediction and check, with its status. */
  items: Item[];
  /** Everything else that keeps the notebook from being clean, one line each. */
  problems: string[];
  /** True when every item passed and there is no problem. */
  clean: boolean;
}

function where(cell: Cell, index: number): string {
  return `cell ${index + 1} (${firstLine(cell)})`;
}

/** The `run:` and `scratch run:` lines of every output, in order. */
export function findCitations(nb: Notebook): Citation[] {
  return nb.cells.flatMap((cell, i) =>
    outputLines(cell).flatMap((line) => {
      const c = parseRunLine(line);
      return c === null ? [] : [{ cell: i + 1, ...c }];
    })
  );
}

/**
 * Problems with how the cells ran: a runnable cell with no execution count, counts that do not
 * strictly increase down the notebook, and error outputs.
 */
export function executionOrderProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  let last = 0;
  nb.cells.forEach((cell, i) => {
    if (!isRunnable(cell)) return;
    const n = cell.execution_count;
    if (n === null || n === undefined) {
      problems.push(`${where(cell, i)} did not run`);
    } else {
      if (n <= last) {
        problems.push(
          `${where(cell, i)} ran out of order: execution count ${n} after ${last} ` +
            "(restart the kernel and run all cells)",
        );
      }
      last = Math.max(last, n);
    }
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        problems.push(
          `${where(cell, i)} raised ${out.ename ?? "Error"}: ${out.evalue ?? ""}`.trim(),
        );
      }
    }
  });
  return problems;
}

/**
 * Reviews an executed notebook against the rules above.
 *
 * @param nb the student's executed notebook
 * @param ctx the project root, the sealed data list, the current scorer and the expected items
 * @returns the findings; `clean` when every item passed and `problems` is empty
 */
export async function reviewNotebook(nb: Notebook, ctx: ReviewContext): Promise<ReviewReport> {
  const problems = executionOrderProblems(nb);
  const runnable = nb.cells.filter(isRunnable);
  const ran = runnable.filter((c) => c.execution_count !== null && c.execution_count !== undefined);

  const runs: RunFinding[] = [];
  const labs: { path: string; records: Map<string, LabRecord> | string }[] = [];
  const seen = new Set<string>();
  for (const c of findCitations(nb)) {
    if (seen.has(`${c.scratch}:${c.path}`)) continue;
    seen.add(`${c.scratch}:${c.path}`);
    const norm = normalize(c.path);
    if (!norm.startsWith("runs/") || norm.split("/").includes("..")) {
      problems.push(`cell ${c.cell} cites ${c.path}, which is not under runs/`);
      runs.push({ path: c.path, scratch: c.scratch, status: "not under runs/", ok: false });
      continue;
    }
    const read = await readRunManifest(join(ctx.projectRoot, norm));
    if (!read.ok) {
      if (!c.scratch) {
        problems.push(`cell ${c.cell} cites ${c.path}, whose manifest.json ${read.problem}`);
      }
      runs.push({ path: c.path, scratch: c.scratch, status: read.problem, ok: false });
      continue;
    }
    const manifest = read.value;
    if (c.scratch) {
      runs.push({
        path: c.path,
        scratch: true,
        status: "exists (scratch: not held to the contract)",
        ok: true,
      });
      continue;
    }
    if (manifest.kind === LAB_KIND) {
      labs.push({ path: c.path, records: await readLabRecords(join(ctx.projectRoot, norm)) });
    }
    const found = manifestFindings(c.path, manifest, ctx);
    problems.push(...found.problems);
    runs.push({
      path: c.path,
      scratch: false,
      status: found.status,
      ok: found.problems.length === 0,
    });
  }

  const reported = findChecks(nb);
  const items = itemsOf(reported, ctx.expected ?? expectedItems(nb), nb);
  for (const it of items.filter((it) => it.status === "not reported")) {
    problems.push(`${it.kind} ${it.name} never reported (was its cell deleted or not run?)`);
  }
  const lab = labs.at(-1);
  let records: Map<string, LabRecord> | null = null;
  if (reported.length > 0 && lab === undefined) {
    problems.push(
      "no lab record is cited (the setup cell's `run: runs/…_checks_…` line): the verdicts " +
        "cannot be verified",
    );
  } else if (lab !== undefined && typeof lab.records === "string") {
    problems.push(`the lab record ${lab.path} ${lab.records}`);
  } else if (lab !== undefined && typeof lab.records !== "string") {
    records = lab.records;
    problems.push(...handEditProblems(reported, records, lab.path));
  }
  problems.push(...editedAnswerProblems(nb, reported, records, ctx.stubs));
  const clean = problems.length === 0 &&
    items.every((it) => it.status === "passed" || it.status === "attempted");
  return { codeCells: runnable.length, ran: ran.length, runs, items, problems, clean };
}

/** What the review is not: the teacher's grade re-runs the notebook. */
export const GRADE_NOTE = "this review reads the outputs saved on this machine; a teacher's " +
  "grade comes from `deno task grade`, which runs the notebook again in a sandbox";

/** The verdict in words: `CLEAN`, or the counts that keep the notebook from it. */
export function verdictText(report: ReviewReport): string {
  if (report.clean) return "CLEAN";
  const count = (s: string) => report.items.filter((it) => it.status === s).length;
  const parts = [
    [count("not attempted"), "not attempted"],
    [count("failed"), "failed"],
    [report.problems.length, report.problems.length === 1 ? "problem" : "problems"],
  ].filter(([n]) => n !== 0).map(([n, what]) => `${n} ${what}`);
  return parts.join(", ");
}

/**
 * The report as text: what ran, the runs, every exercise, prediction and check with its status
 * (`passed`, `FAILED` with the reason, `NOT ATTEMPTED`), every drawing and written answer
 * (`attempted`, with its text indented below, or `NOT ATTEMPTED`), the problems, and a verdict
 * line (`verdict: CLEAN`, or e.g. `verdict: 4 not attempted, 1 failed`).
 */
export function formatReport(path: string, report: ReviewReport): string {
  const lines = [`review: ${path}`, `note:   ${GRADE_NOTE}`];
  lines.push(`cells:  ${report.ran} of ${report.codeCells} code cells ran`);
  const cited = report.runs.filter((r) => !r.scratch).length;
  const scratch = report.runs.length - cited;
  lines.push(`runs:   ${cited} cited${scratch > 0 ? `, ${scratch} scratch` : ""}`);
  for (const r of report.runs) lines.push(`  ${r.scratch ? "scratch " : ""}${r.path}: ${r.status}`);
  for (const kind of ["exercise", "prediction", "check", "drawing", "written"] as const) {
    const of = report.items.filter((it) => it.kind === kind);
    if (of.length === 0) continue;
    const free = kind === "drawing" || kind === "written";
    const done = of.filter((it) => it.status === (free ? "attempted" : "passed")).length;
    const heading = kind === "written" ? "written answers" : `${kind}s`;
    lines.push(`${heading}: ${done} of ${of.length} ${free ? "attempted" : "passed"}`);
    for (const it of of) {
      const word = it.status === "passed" || it.status === "attempted"
        ? it.status
        : it.status.toUpperCase();
      lines.push(`  ${word.padEnd(13)} ${it.name}${it.why ? `: ${it.why}` : ""}`);
      for (const line of (it.answer ?? "").split("\n").filter((l) => l !== "")) {
        lines.push(`      | ${line}`);
      }
    }
  }
  if (report.problems.length > 0) {
    lines.push(`problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  - ${p}`);
  }
  lines.push(`verdict: ${verdictText(report)}`);
  return lines.join("\n");
}

/** The report as one JSON value for a grading script (same content as {@link formatReport}). */
export function reportJson(path: string, report: ReviewReport): Record<string, unknown> {
  return {
    notebook: path,
    note: GRADE_NOTE,
    clean: report.clean,
    verdict: verdictText(report),
    cells: { code: report.codeCells, ran: report.ran },
    runs: report.runs,
    items: report.items,
    problems: report.problems,
  };
}
