/**
 * The grade run: finds the submissions, grades the class (lib/course/tools/grade_class.ts) and
 * writes the run through the one run writer (`writeRun`): this module reads and writes files.
 *
 * `runs/<grade run>/`:
 * - `gradebook.csv`: one row per student × notebook × item (student, notebook, item, kind,
 *   verdict, points, max, reason, findings), then one `total` row per student;
 * - `gradebook.json`: the same notebooks with their status, time and findings, the totals and
 *   the points table used;
 * - `feedback/<student>/<notebook>.md`: what passed, what failed and why in the check's own
 *   words, what was not attempted, each prediction's text, each forgery or sandbox finding;
 * - `summary.md`: the class summary the command prints;
 * - `manifest.json`: the command, its arguments, the limits, the files handed in with their
 *   SHA-256.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { gradebookRows } from "./grade_run.ts";
 * const nb = { student: "ada", notebook: "M1", file: "a.ipynb", status: "graded" as const, detail: "",
 *   seconds: 1, findings: [], items: [{ item: "reinforce-update", kind: "exercise" as const,
 *   verdict: "passed" as const, points: 2, max: 2, reason: "ok", prediction: null, findings: [], forged: false }] };
 * assertEquals(gradebookRows([nb]).map((r) => `${r.student} ${r.item} ${r.verdict} ${r.points}`),
 *   ["ada reinforce-update passed 2", "ada total  2"]);
 * ```
 * @module
 */
import { sha256Bytes } from "../../core/hash.ts";
import { csvFile, jsonFile, type RunFile, writeRun } from "../../core/write_run.ts";
import { classSummary, type GradedNotebook, studentTotals } from "../../present/grade_story.ts";
import { feedbackMarkdown } from "../../present/grade_feedback.ts";
import { gradeClass, type GradeOptions } from "./grade_class.ts";
import type { Submission } from "./submissions.ts";

/** The gradebook's columns, in order. */
export const GRADEBOOK_COLUMNS = [
  "student",
  "notebook",
  "item",
  "kind",
  "verdict",
  "points",
  "max",
  "reason",
  "findings",
] as const;

/** The gradebook's rows: every item of every notebook, then a total per student. */
export function gradebookRows(
  notebooks: readonly GradedNotebook[],
): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = notebooks.flatMap((nb) =>
    nb.items.map((it) => ({
      student: nb.student,
      notebook: nb.notebook,
      item: it.item,
      kind: it.kind,
      verdict: it.verdict,
      points: it.points,
      max: it.max,
      reason: it.reason,
      findings: [...it.findings, ...(it.forged ? ["forged"] : [])].join("; "),
    }))
  );
  for (const t of studentTotals(notebooks)) {
    rows.push({
      student: t.student,
      notebook: "",
      item: "total",
      kind: "",
      verdict: "",
      points: t.points,
      max: t.max,
      reason: "",
      findings: "",
    });
  }
  return rows;
}

/** A student's name as a folder name (anything but letters, digits, `.`, `_`, `-` becomes `_`). */
export function folderName(student: string): string {
  const safe = student.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return safe === "" ? "_" : safe;
}

/** Where the run goes and what the manifest records. */
export interface GradeRunOptions extends Omit<GradeOptions, "progress"> {
  outdir: string;
  force: boolean;
  command: string;
  args: string[];
  progress?: GradeOptions["progress"];
}

/** Grades `subs` and writes the run; returns its path, the notebooks graded and the summary. */
export async function runGrade(
  subs: readonly Submission[],
  o: GradeRunOptions,
): Promise<{ path: string; notebooks: GradedNotebook[]; summary: string[]; seconds: number }> {
  const started = performance.now();
  const notebooks = await gradeClass(subs, o);
  const seconds = (performance.now() - started) / 1000;
  const summary = classSummary(notebooks, { seconds, jobs: o.jobs });
  const files: RunFile[] = [
    csvFile("gradebook.csv", gradebookRows(notebooks), GRADEBOOK_COLUMNS),
    jsonFile("gradebook.json", { notebooks, students: studentTotals(notebooks), points: o.points }),
    ...notebooks.map((nb) => ({
      name: `feedback/${folderName(nb.student)}/${nb.notebook}.md`,
      content: feedbackMarkdown(nb),
    })),
    { name: "summary.md", content: `${summary.join("\n")}\n` },
  ];
  const handedIn = await Promise.all(subs.map(async (s) => ({
    student: s.student,
    notebook: s.notebook,
    file: s.file,
    sha256: sha256Bytes(await Deno.readFile(s.file)),
  })));
  const written = await writeRun(o.outdir, {
    header: { kind: "grade", command: o.command, args: o.args, seed: null },
    settings: {
      jobs: o.jobs,
      limits: o.limits,
      points: o.points.source,
      submissions: handedIn,
      seconds: Number(seconds.toFixed(1)),
    },
    files,
  }, { force: o.force });
  return { path: written.path, notebooks, summary, seconds };
}

/** What CI may require of a grade (`--expect`). */
export type Expectation = "full" | "untouched";

/**
 * What keeps a grade from the expectation: `full` (every item passed, nothing found: the
 * solutions), `untouched` (every exercise and prediction not attempted, every check passed,
 * nothing found: the notebooks as committed). Empty: it holds.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { expectProblems } from "./grade_run.ts";
 * const item = { item: "x", kind: "exercise" as const, verdict: "not attempted" as const, points: 0,
 *   max: 2, reason: "", prediction: null, findings: [], forged: false };
 * const nb = { student: "s", notebook: "M1", file: "f", status: "graded" as const, detail: "",
 *   seconds: 1, items: [item], findings: [] };
 * assertEquals([expectProblems([nb], "untouched"), expectProblems([nb], "full")],
 *   [[], ["s/M1: exercise x is not attempted, not passed"]]);
 * ```
 */
export function expectProblems(
  notebooks: readonly GradedNotebook[],
  expect: Expectation,
): string[] {
  return notebooks.flatMap((nb) => {
    const who = `${nb.student}/${nb.notebook}`;
    const out = nb.findings.map((f) => `${who}: ${f}`);
    if (nb.status !== "graded") out.push(`${who}: ${nb.status}: ${nb.detail}`);
    for (const it of nb.items) {
      const markdown = it.kind === "drawing" || it.kind === "written";
      const want = expect === "untouched" && it.kind !== "check"
        ? "not attempted"
        : markdown
        ? "attempted"
        : "passed";
      if (it.verdict !== want) {
        out.push(`${who}: ${it.kind} ${it.item} is ${it.verdict}, not ${want}`);
      }
      out.push(...it.findings.map((f) => `${who}: ${it.item}: ${f}`));
    }
    return out;
  });
}
