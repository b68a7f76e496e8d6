/**
 * The words of `deno task grade`: what a graded notebook is (the gradebook's records), the class
 * summary it prints, the feedback a student reads, and its progress line. Pure.
 *
 * Verdicts of an item: `passed`, `failed` (with the check's own reason), `not attempted` (the
 * stub's value came back: `TODO`, an empty answer), `not run` (its check cell never ran: an
 * earlier cell raised, or the program stopped), or the notebook's trouble when it could not be
 * graded at all: `sandbox violation`, `timeout`, `memory limit`, `did not compile`. An item is
 * **forged** when the student's copy claimed more than the re-execution gave (a `CHECK PASSED`
 * the re-run did not produce) or its check cell was changed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { itemCounts } from "./grade_story.ts";
 * const item = (verdict: "passed" | "failed", forged = false) => ({ item: "x", kind: "exercise" as const,
 *   verdict, points: 0, max: 2, reason: "", prediction: null, findings: [], forged });
 * const nb = { student: "ada", notebook: "M1", file: "a.ipynb", status: "graded" as const, detail: "",
 *   seconds: 1, items: [item("passed")], findings: [] };
 * assertEquals(itemCounts([nb, { ...nb, items: [item("failed", true)] }])[0].counts,
 *   { passed: 1, failed: 1, attempted: 0, "not attempted": 0, "not run": 0, forged: 1 });
 * ```
 * @module
 */
import { duration, progressLine } from "./progress.ts";

/** Why a notebook could not be graded at all. */
export type NotebookTrouble = "sandbox violation" | "timeout" | "memory limit" | "did not compile";

/** How a notebook's grading ended. */
export type NotebookStatus = "graded" | NotebookTrouble;

/** An item's verdict (see the module doc). */
export type ItemVerdict =
  | "passed"
  | "failed"
  | "attempted"
  | "not attempted"
  | "not run"
  | NotebookTrouble;

/** One exercise, prediction or check of one student's notebook. */
export interface GradedItem {
  item: string;
  kind: "exercise" | "prediction" | "check" | "drawing" | "written";
  verdict: ItemVerdict;
  points: number;
  max: number;
  /** The check's own words (or why the item was not graded). */
  reason: string;
  /**
   * What the student wrote, for the teacher to read: a prediction's text as the re-execution
   * recorded it, a drawing's or a written answer's Markdown as handed in; else null.
   */
  prediction: string | null;
  /** What was found about this item: forgery, a changed check cell, a verdict from elsewhere. */
  findings: string[];
  forged: boolean;
}

/** One student's notebook, graded. */
export interface GradedNotebook {
  student: string;
  notebook: string;
  /** The file handed in. */
  file: string;
  status: NotebookStatus;
  /** The trouble in words (the refused access, the cell that was running), or "". */
  detail: string;
  /** Time the re-execution took. */
  seconds: number;
  items: GradedItem[];
  /** Findings about the notebook as a whole: teacher cells changed, a tampered channel. */
  findings: string[];
}

const VERDICT_COUNTS = ["passed", "failed", "attempted", "not attempted", "not run"] as const;

/** Per item of every notebook, in order: how many students passed, failed, … and forged it. */
export function itemCounts(
  notebooks: readonly GradedNotebook[],
): { notebook: string; item: string; kind: string; counts: Record<string, number> }[] {
  const rows = new Map<
    string,
    { notebook: string; item: string; kind: string; counts: Record<string, number> }
  >();
  for (const nb of notebooks) {
    for (const it of nb.items) {
      const key = `${nb.notebook}\u0000${it.item}`;
      const row = rows.get(key) ??
        {
          notebook: nb.notebook,
          item: it.item,
          kind: it.kind,
          counts: {
            passed: 0,
            failed: 0,
            attempted: 0,
            "not attempted": 0,
            "not run": 0,
            forged: 0,
          },
        };
      const v = (VERDICT_COUNTS as readonly string[]).includes(it.verdict) ? it.verdict : "not run";
      row.counts[v]++;
      if (it.forged) row.counts.forged++;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

/** Each student's points over every notebook handed in. */
export function studentTotals(
  notebooks: readonly GradedNotebook[],
): { student: string; points: number; max: number }[] {
  const totals = new Map<string, { student: string; points: number; max: number }>();
  for (const nb of notebooks) {
    const t = totals.get(nb.student) ?? { student: nb.student, points: 0, max: 0 };
    for (const it of nb.items) [t.points, t.max] = [t.points + it.points, t.max + it.max];
    totals.set(nb.student, t);
  }
  return [...totals.values()];
}

function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r.map((cell, c) => c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])).join("  ")
      .trimEnd()
  );
}

/** The class summary `deno task grade` prints (and writes as summary.md). */
export function classSummary(
  notebooks: readonly GradedNotebook[],
  o: { seconds: number; jobs: number },
): string[] {
  const students = studentTotals(notebooks);
  const trouble = notebooks.filter((nb) => nb.status !== "graded");
  const lines = [
    `grade: ${notebooks.length} notebooks of ${students.length} students re-executed in ` +
    `${o.seconds.toFixed(1)} s (${o.jobs} sandboxes at a time, ` +
    `${(notebooks.length / Math.max(o.seconds, 1e-9) * 60).toFixed(1)} notebooks per minute)`,
  ];
  const head = [
    "item",
    "kind",
    "passed",
    "failed",
    "attempted",
    "not attempted",
    "not run",
    "forged",
  ];
  const table = [head];
  let last = "";
  for (const r of itemCounts(notebooks)) {
    if (r.notebook !== last) table.push([r.notebook, ...head.slice(1).map(() => "")]);
    last = r.notebook;
    table.push([
      `  ${r.item}`,
      r.kind,
      ...head.slice(2).map((k) => String(r.counts[k])),
    ]);
  }
  lines.push("", ...aligned(table), "");
  lines.push(
    ...aligned([
      ["student", "points"],
      ...students.map((s) => [s.student, `${s.points} / ${s.max}`]),
    ]),
    "",
  );
  const slowest = [...notebooks].sort((a, b) => b.seconds - a.seconds)[0];
  if (slowest !== undefined) {
    lines.push(
      `slowest notebook: ${slowest.student}/${slowest.notebook} (${slowest.seconds.toFixed(1)} s)`,
    );
  }
  const changed =
    notebooks.filter((nb) => nb.findings.some((f) => f.startsWith("teacher cell changed"))).length;
  const forged = notebooks.filter((nb) => nb.items.some((it) => it.forged)).length;
  lines.push(
    `findings: ${forged} notebooks with a forged item, ${changed} with a teacher cell changed`,
  );
  for (const nb of trouble) lines.push(`${nb.status}: ${nb.student}/${nb.notebook}: ${nb.detail}`);
  lines.push(
    trouble.length === 0
      ? "every notebook was graded"
      : `${trouble.length} notebooks could not be graded`,
  );
  return lines;
}

/**
 * The progress line after each notebook: a bar, the notebook just graded, and the ETA.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradeProgressLine } from "./grade_story.ts";
 * const last = { student: "ada", notebook: "M1", status: "graded" as const, seconds: 4.2 };
 * assertEquals(gradeProgressLine({ done: 1, total: 4, seconds: 5, last }),
 *   "grade 1/4 | [#####...............] ada/M1 graded 4.2 s | ETA 15s");
 * ```
 */
export function gradeProgressLine(
  p: {
    done: number;
    total: number;
    seconds: number;
    last: Pick<GradedNotebook, "student" | "notebook" | "status" | "seconds">;
  },
): string {
  const width = 20, filled = Math.round(width * p.done / Math.max(p.total, 1));
  const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
  const last = `${p.last.student}/${p.last.notebook} ${p.last.status} ${
    notebookTime(p.last.seconds)
  }`;
  return progressLine("grade", p.done, p.total, p.seconds, `${bar} ${last}`);
}

/** How long a notebook took, for the progress line. */
export function notebookTime(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : duration(seconds);
}

/**
 * The benchmark's verdict: how many notebooks, how fast, how long the class took against the
 * 10-minute target, and whether every verdict was the one its variant must give.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { benchStory } from "./grade_story.ts";
 * assertEquals(benchStory({ notebooks: 320, students: 40, seconds: 480, jobs: 2, mix: { correct: 160 }, unexpected: [] })[0],
 *   "grade:bench: 320 notebooks (40 students × 8) re-executed in 480.0 s with 2 sandboxes: 40.0 notebooks per minute");
 * ```
 */
export function benchStory(
  b: {
    notebooks: number;
    students: number;
    seconds: number;
    jobs: number;
    mix: Record<string, number>;
    unexpected: readonly string[];
  },
): string[] {
  const perMinute = b.notebooks / Math.max(b.seconds, 1e-9) * 60;
  const lines = [
    `grade:bench: ${b.notebooks} notebooks (${b.students} students × ${
      Math.round(b.notebooks / b.students)
    }) re-executed ` +
    `in ${b.seconds.toFixed(1)} s with ${b.jobs} sandboxes: ${
      perMinute.toFixed(1)
    } notebooks per minute`,
    `the class took ${duration(b.seconds)} (target: under 10 min): ${
      b.seconds < 600 ? "met" : "missed"
    }`,
    `variants: ${Object.entries(b.mix).map(([v, n]) => `${n} ${v}`).join(", ")}`,
    b.unexpected.length === 0
      ? `every verdict is the one its variant must give (${b.notebooks} of ${b.notebooks} notebooks)`
      : `${b.unexpected.length} verdicts are not what their variant must give:`,
    ...b.unexpected.slice(0, 20).map((u) => `  ${u}`),
  ];
  return lines;
}
