/**
 * The reference of a committed notebook: the notebook as released, run twice in the grading
 * sandbox, says which cell reports each exercise, prediction and check (no pattern over the
 * cells' text: an item added to a notebook needs no code), proves that the sandbox can run it
 * (every exercise and prediction not attempted, every check passed, every cell reached) and
 * which cells' outputs may change between two honest runs: those that drew from `Math.random`
 * (M0.5 does on purpose; two runs can still happen to print the same), and those whose output
 * differed. Pure.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { referenceOf } from "./grade_reference.ts";
 * const program = { cells: [{ position: 1, role: "teacher" as const, committed: 3, submitted: 3, changed: false, source: "" }], findings: [] };
 * const verdict = { seq: 1, cell: 1, t: 0, kind: "verdict", record: { name: "c", status: "passed", why: "" } };
 * const run = { events: [verdict, { seq: 2, cell: -1, t: 0, kind: "done" }], stderr: "", problems: [] };
 * const ref = referenceOf("M9", [{ name: "c", kind: "check" }], program, [run, run]);
 * assertEquals(typeof ref === "string" ? ref : [...ref.itemCell], [["c", 3]]);
 * ```
 * @module
 */
import type { Expected } from "./review_items.ts";
import type { Program } from "./grade_program.ts";
import { normalizeOutput, shownText } from "./grade_claims.ts";
import { type ChannelEvent, recordOf } from "./grade_channel.ts";
import { stopReason } from "./grade_sandbox.ts";

/** What the committed notebook's runs in the sandbox established. */
export interface Reference {
  notebook: string;
  expected: readonly Expected[];
  /** Item → the committed cell that reports it. */
  itemCell: ReadonlyMap<string, number>;
  /** Committed cells whose output differs between two honest runs. */
  unstable: ReadonlySet<number>;
}

/**
 * The reference from two sandbox runs of the committed notebook's own program, or why the
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
    if (kind === "drawing" || kind === "written") continue; // Markdown: read, never run
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
  const drew = new Set(
    runs.flatMap((r) => r.events.filter((e) => e.kind === "random")).map((e) => e.cell),
  );
  const unstable = new Set<number>();
  for (const c of program.cells) {
    const x = normalizeOutput(a.get(c.position) ?? ""),
      y = normalizeOutput(b?.get(c.position) ?? x);
    if ((x !== y || drew.has(c.position)) && c.committed !== null) unstable.add(c.committed);
  }
  return { notebook, expected, itemCell, unstable };
}
