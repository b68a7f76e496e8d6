/**
 * The grade of one handed-in notebook from its re-execution: every exercise, prediction and check
 * the committed notebook expects, with the verdict the sandbox's run gave it, and what was found
 * on the way. (Pure.)
 *
 * - The **reference** (lib/course/tools/grade_reference.ts) says which committed cell reports
 *   each item, and which cells' outputs change between two honest runs.
 * - An item's verdict is the one recorded, through the signed channel, while its check cell was
 *   running, exactly once. A verdict recorded from another cell (a student calling `lab.grade`
 *   in their own cell) is ignored and said; two from the check cell mean code beside the check
 *   recorded one: failed, forged.
 * - The outputs the student's copy claims are compared with the re-execution's
 *   (lib/course/tools/grade_claims.ts): any difference is `output does not match
 *   re-execution`; a claimed PASSED the re-run did not give makes the item forged. So does a
 *   changed, deleted or moved check cell (`teacher cell changed`; the committed cell ran).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { gradeNotebook } from "./grade_notebook.ts";
 * const program = { cells: [{ position: 1, role: "teacher" as const, committed: 2, submitted: 2, changed: false, source: "check" }], findings: [] };
 * const ref = { notebook: "M9", expected: [{ name: "c", kind: "check" as const }], itemCell: new Map([["c", 2]]), unstable: new Set<number>() };
 * const events = [{ seq: 0, cell: 1, t: 0, kind: "cell" },
 *   { seq: 1, cell: 1, t: 0, kind: "verdict", record: { name: "c", status: "passed", why: "fine" } },
 *   { seq: 2, cell: -1, t: 0, kind: "done" }];
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "markdown", source: "# M9", metadata: {} },
 *   { cell_type: "code", source: "check", metadata: {}, execution_count: null, outputs: [] }] };
 * const points = { default: { exercise: 2, prediction: 1, check: 0, drawing: 1, written: 1 }, notebooks: {}, source: "" };
 * const g = gradeNotebook({ student: "ada", notebook: "M9", file: "f" }, ref, nb,
 *   { program, trouble: null, events, stderr: "", rejected: 0, seconds: 1 }, points);
 * assertEquals([g.status, g.items[0].verdict, g.items[0].reason], ["graded", "passed", "fine"]);
 * ```
 * @module
 */
import { answerCells, markdownAnswer } from "./answers.ts";
import { firstLine, type Notebook, outputLines } from "./ipynb.ts";
import { parseCheckLine, type Status } from "../lines.ts";
import { type ChannelEvent, recordOf } from "./grade_channel.ts";
import { stopReason } from "./grade_sandbox.ts";
import type { Program } from "./grade_program.ts";
import { claimMismatches, shownText } from "./grade_claims.ts";
import type { Reference } from "./grade_reference.ts";
import { type PointsTable, weightOf } from "./points.ts";
import type {
  GradedItem,
  GradedNotebook,
  NotebookStatus,
  NotebookTrouble,
} from "../../present/grade_story.ts";

/** How the notebook's run went, as the grader saw it (lib/course/tools/grade_class.ts). */
export interface NotebookRun {
  program: Program;
  /** Set when the notebook could not be graded at all. */
  trouble: { status: NotebookTrouble; detail: string } | null;
  events: readonly ChannelEvent[];
  stderr: string;
  rejected: number;
  seconds: number;
}

/** Grades one notebook (see the module doc). */
export function gradeNotebook(
  who: { student: string; notebook: string; file: string },
  ref: Reference,
  submitted: Notebook,
  run: NotebookRun,
  points: PointsTable,
): GradedNotebook {
  const { program, events } = run;
  const findings = program.findings.map((f) => `teacher cell changed: ${f.message}`);
  const forgedMarkers = events.filter((e) => e.kind === "forged-marker");
  if (forgedMarkers.length > 0 || run.rejected > 0) {
    findings.push(
      `forgery attempt: the notebook's code imitated the grader's channel (${forgedMarkers.length} ` +
        `false cell markers, ${run.rejected} forged lines); they were ignored`,
    );
  }
  const positionOf = new Map(
    program.cells.flatMap((c) => c.committed === null ? [] : [[c.committed, c.position] as const]),
  );
  const started = new Set(events.filter((e) => e.kind === "cell").map((e) => e.cell));
  const finished = events.some((e) => e.kind === "done");
  const lastCell = events.filter((e) => e.kind === "cell").at(-1)?.cell ?? 0;
  const reason = stopReason(run.stderr);
  const stoppedOn = !finished && reason !== "" && lastCell > 0
    ? { cell: lastCell, error: reason }
    : null;
  const label = (position: number) => {
    const c = program.cells[position - 1];
    const n = c.submitted ?? c.committed;
    return `cell ${n} (${firstLine({ cell_type: "code", source: c.source, metadata: {} }, 40)})`;
  };
  const stopped = finished
    ? ""
    : `the program stopped in ${lastCell > 0 ? label(lastCell) : "its imports"}${
      reason ? `: ${reason}` : " (Deno.exit() or a crash)"
    }`;
  const rerunStatus = new Map<string, Status>();
  for (const e of events) {
    if (e.kind === "verdict") rerunStatus.set(recordOf(e).name, recordOf(e).status);
  }
  const mismatches = run.trouble === null
    ? claimMismatches(program, submitted, shownText(events, stoppedOn), rerunStatus, ref.unstable)
    : [];
  for (const m of mismatches) {
    findings.push(
      `${label(m.position)}: output does not match re-execution (claims "${clip(m.claimed)}", ` +
        `the re-execution showed "${clip(m.rerun)}")`,
    );
  }
  const items: GradedItem[] = ref.expected.map(({ name, kind }) => {
    const max = weightOf(points, ref.notebook, name, kind);
    const item: GradedItem = {
      item: name,
      kind,
      verdict: "not run",
      points: 0,
      max,
      reason: "",
      prediction: null,
      findings: [],
      forged: false,
    };
    if (run.trouble !== null && (kind === "drawing" || kind === "written")) {
      return { ...item, verdict: run.trouble.status, reason: run.trouble.detail };
    }
    if (kind === "drawing" || kind === "written") return markdownItem(item, submitted);
    const cell = ref.itemCell.get(name) ?? 0;
    const position = positionOf.get(cell) ?? 0;
    for (
      const f of program.findings.filter((f) => f.cell === cell && f.kind !== "answer missing")
    ) {
      item.findings.push(`teacher cell changed: ${f.message}`);
      item.forged = true;
    }
    if (run.trouble !== null) {
      return { ...item, verdict: run.trouble.status, reason: run.trouble.detail };
    }
    const all = events.filter((e) => e.kind === "verdict" && recordOf(e).name === name);
    const own = all.filter((e) => e.cell === position);
    for (const e of all.filter((e) => e.cell !== position)) {
      item.findings.push(
        `a verdict was also recorded from ${
          label(e.cell)
        }; ignored: only the check's own cell counts`,
      );
    }
    const m = mismatches.find((m) => m.position === position);
    if (m !== undefined) {
      item.findings.push(`${label(position)}: output does not match re-execution`);
      if (m.overclaimed.includes(name)) item.forged = true;
    }
    if (own.length === 0) {
      item.reason = started.has(position)
        ? `its check (${label(position)}) raised before reporting${reason ? `: ${reason}` : ""}`
        : `its check (${label(position)}) never ran: ${stopped}`;
      return item;
    }
    if (own.length > 1) {
      item.findings.push(
        `reported ${own.length} times from its check cell: code running beside the check recorded a verdict`,
      );
      return {
        ...item,
        verdict: "failed",
        reason: "more than one verdict from its check cell",
        forged: true,
      };
    }
    const rec = recordOf(own[0]);
    // The claim against the verdict itself (not against what the re-run displayed, which code
    // beside the check could imitate): a PASSED the re-execution did not record is forged.
    const claimed = claimedStatus(submitted, program.cells[position - 1]?.submitted ?? null, name);
    if (claimed !== null && claimed !== rec.status) {
      if (m === undefined) {
        item.findings.push(`${label(position)}: output does not match re-execution`);
      }
      item.findings.push(`the notebook claims ${claimed}, the re-execution recorded ${rec.status}`);
      if (claimed === "passed") item.forged = true;
    }
    return {
      ...item,
      verdict: rec.status,
      reason: rec.why,
      points: rec.status === "passed" ? max : 0,
      prediction: kind === "prediction" && typeof rec.prediction === "string"
        ? rec.prediction
        : null,
    };
  });
  const status: NotebookStatus = run.trouble?.status ?? "graded";
  return {
    ...who,
    status,
    detail: run.trouble?.detail ?? stopped,
    seconds: run.seconds,
    items,
    findings,
  };
}

/**
 * A drawing or written answer (a Markdown cell): attempted when anything but its placeholder
 * lines is there (the review's rule, lib/course/tools/answers.ts `markdownAnswer`), its text
 * handed to the teacher; nothing of it runs, so nothing of it can be forged or failed.
 */
function markdownItem(item: GradedItem, submitted: Notebook): GradedItem {
  const a = answerCells(submitted).find((a) => a.check === item.item);
  if (a === undefined) {
    return { ...item, verdict: "not attempted", reason: "its answer cell was deleted" };
  }
  const { attempted, text, images } = markdownAnswer(submitted.cells[a.cell - 1]);
  const shown = [text, ...images.map((name) => `(attached image: ${name})`)]
    .filter((s) => s !== "").join("\n");
  return {
    ...item,
    verdict: attempted ? "attempted" : "not attempted",
    points: attempted ? item.max : 0,
    reason: attempted ? "read by the teacher" : "",
    prediction: attempted ? shown : null,
  };
}

/** The status the handed-in cell's outputs claim for `name` (its last verdict line), or null. */
function claimedStatus(submitted: Notebook, cell: number | null, name: string): Status | null {
  if (cell === null) return null;
  const lines = outputLines(submitted.cells[cell - 1]).map(parseCheckLine);
  return lines.filter((v) => v !== null && v.name === name).at(-1)?.status ?? null;
}

function clip(text: string): string {
  const line = text.replace(/\n/g, " | ");
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
