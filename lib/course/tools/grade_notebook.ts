/**
 * The grade of one handed-in notebook from its re-execution: every exercise, prediction and check
 * the committed notebook expects, with the verdict the sandbox's run gave it, and what was found
 * on the way. (Pure.)
 *
 * - The **reference** ({@link referenceOf}): the committed notebook, run twice in the sandbox,
 *   says which cell reports each item (no pattern over the cells' text: an item added to a
 *   notebook needs no code), proves the sandbox can run the notebook (every exercise and
 *   prediction not attempted, every check passed) and which cells' outputs change between two
 *   honest runs.
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
 * import { stopReason } from "./grade_notebook.ts";
 * assertEquals(stopReason("error: Uncaught (in promise) TypeError: x is not a function\n    at f"),
 *   "TypeError: x is not a function");
 * ```
 * @module
 */
import { firstLine, type Notebook } from "./ipynb.ts";
import type { Expected } from "./review_items.ts";
import type { Status } from "../lines.ts";
import type { ChannelEvent } from "./grade_channel.ts";
import type { Program } from "./grade_program.ts";
import { claimMismatches, normalizeOutput, shownText } from "./grade_claims.ts";
import { type PointsTable, weightOf } from "./points.ts";
import type {
  GradedItem,
  GradedNotebook,
  NotebookStatus,
  NotebookTrouble,
} from "../../present/grade_story.ts";

/** What the committed notebook's runs in the sandbox established. */
export interface Reference {
  notebook: string;
  expected: readonly Expected[];
  /** Item → the committed cell that reports it. */
  itemCell: ReadonlyMap<string, number>;
  /** Committed cells whose output differs between two honest runs. */
  unstable: ReadonlySet<number>;
}

/** One recorded verdict, as the channel carried it. */
interface Recorded {
  name: string;
  status: Status;
  why: string;
  prediction?: string;
}

const recordOf = (e: ChannelEvent) => e.record as Recorded;

/** The first uncaught error on standard error, as `Name: message`, or "". */
export function stopReason(stderr: string): string {
  const m = /error: (?:Uncaught (?:\(in promise\) )?)?(.*)/.exec(stderr);
  return m === null ? "" : m[1].trim();
}

/**
 * The reference of a committed notebook from two sandbox runs of its own program, or why the
 * sandbox cannot grade it (the grader stops: nothing would be graded fairly).
 */
export function referenceOf(
  notebook: string,
  expected: readonly Expected[],
  program: Program,
  runs: readonly { events: readonly ChannelEvent[]; stderr: string; problems: readonly string[] }[],
): Reference | string {
  const itemCell = new Map<string, number>();
  const committedAt = new Map(program.cells.map((c) => [c.position, c.committed ?? 0]));
  for (const run of runs) {
    if (run.problems.length > 0) return run.problems.join("; ");
    if (!run.events.some((e) => e.kind === "done")) {
      return `it stopped before its last cell: ${stopReason(run.stderr) || "no error printed"}`;
    }
  }
  for (const { name, kind } of expected) {
    const seen = runs[0].events.filter((e) => e.kind === "verdict" && recordOf(e).name === name);
    if (seen.length !== 1) return `${kind} ${name} was reported ${seen.length} times, not once`;
    const want = kind === "check" ? "passed" : "not attempted";
    if (recordOf(seen[0]).status !== want) {
      return `${kind} ${name} is ${recordOf(seen[0]).status} as committed (want ${want}): ${
        recordOf(seen[0]).why
      }`;
    }
    itemCell.set(name, committedAt.get(seen[0].cell) ?? 0);
  }
  const [a, b] = runs.map((r) => shownText(r.events, null));
  const unstable = new Set<number>();
  for (const c of program.cells) {
    const x = normalizeOutput(a.get(c.position) ?? ""),
      y = normalizeOutput(b?.get(c.position) ?? x);
    if (x !== y && c.committed !== null) unstable.add(c.committed);
  }
  return { notebook, expected, itemCell, unstable };
}

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

function clip(text: string): string {
  const line = text.replace(/\n/g, " | ");
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
