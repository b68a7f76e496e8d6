/**
 * The program the grader runs for one submitted notebook, rebuilt from the committed notebook
 * (as nbgrader's autograder puts the teacher's cells back before executing: its
 * `OverwriteCells` preprocessor), and the findings about the cells the teacher owns. (Pure.)
 *
 * - Teacher cells (every committed cell that is not an answer cell: Markdown, set-up, checks)
 *   run as committed. The student's copy of each is found by cell `id`, else by identical
 *   source; one with another source, one missing, or one out of the committed order is a
 *   finding `teacher cell changed` (edited, deleted, moved: a check moved above its exercise).
 * - Answer cells (`metadata.rl_course.answer`, lib/course/tools/answers.ts) run as the student
 *   wrote them: nothing is substituted. One whose metadata was lost is found by the binding it
 *   declares; one deleted is run as the committed stub (and said).
 * - Code cells the student added run too, after the teacher's or answer cell they follow.
 *
 * {@link programModule} writes the program as one module, cells in order, the way
 * `notebooks:check` does, each cell preceded by the grader's marker (lib/course/tools/
 * grade_prelude.ts, grade_channel.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { buildProgram } from "./grade_program.ts";
 * const cell = (id: string, source: string, answer?: string) => ({ id, cell_type: "code", source,
 *   metadata: answer ? { rl_course: { answer, check: "c" } } : {}, execution_count: null, outputs: [] });
 * const committed = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   cell("a", "const x = TODO;", "x"), cell("b", "check(x);") ] };
 * const mine = { ...committed, cells: [cell("a", "const x = 2;", "x"), cell("b", "pass();")] };
 * const p = buildProgram(committed, mine);
 * assertEquals(p.cells.map((c) => c.source), ["const x = 2;", "check(x);"]);
 * assertEquals(p.findings.map((f) => f.message), ["cell 2 (check(x);) was edited: the committed cell ran"]);
 * ```
 * @module
 */
import { answerOf } from "./answers.ts";
import { type Cell, cellSource, firstLine, type Notebook } from "./ipynb.ts";
import { cellNonce } from "./grade_channel.ts";
import { hmacSha256Hex } from "./hmac.ts";

/** Who wrote a program cell's code. */
export type CellRole = "teacher" | "answer" | "added";

/** One code cell of the program. */
export interface ProgramCell {
  /** 1-based position in the program: the number its marker carries. */
  position: number;
  role: CellRole;
  /** The committed cell it stands for (1-based), null for an added cell. */
  committed: number | null;
  /** The student's cell (1-based) it came from, null for a teacher cell they deleted. */
  submitted: number | null;
  /** True when the student's copy of a teacher cell is not the committed one. */
  changed: boolean;
  source: string;
}

/** A teacher cell the student's copy changed, deleted or moved (or an answer cell lost). */
export interface CellFinding {
  /** The committed cell (1-based). */
  cell: number;
  kind: "edited" | "deleted" | "moved" | "answer missing";
  message: string;
}

/** The program and what was found rebuilding it. */
export interface Program {
  cells: ProgramCell[];
  findings: CellFinding[];
}

const same = (a: Cell, b: Cell) =>
  a.cell_type === b.cell_type && cellSource(a).trimEnd() === cellSource(b).trimEnd();

function declares(source: string, binding: string): boolean {
  return new RegExp(`\\b(?:const|let|var|function\\*?|class)\\s+${binding}\\b`).test(source);
}

/** Which student cell stands for each committed cell (1-based both; 0: none). */
function match(committed: Notebook, submitted: Notebook): number[] {
  const used = new Set<number>();
  const take = (pred: (c: Cell) => boolean) => {
    const i = submitted.cells.findIndex((c, j) => !used.has(j) && pred(c));
    if (i >= 0) used.add(i);
    return i + 1;
  };
  const of: number[] = new Array(committed.cells.length).fill(0);
  committed.cells.forEach((c, k) => { // answers first: their metadata is the surest mark
    const a = c.cell_type === "code" ? answerOf(c) : null;
    if (a === null) return;
    of[k] = take((s) => s.cell_type === "code" && answerOf(s)?.binding === a.binding) ||
      (c.id === undefined ? 0 : take((s) => s.cell_type === "code" && s.id === c.id));
  });
  committed.cells.forEach((c, k) => { // teacher cells by id, then by identical source
    if (of[k] !== 0 || answerOf(c) !== null) return;
    of[k] = (c.id === undefined ? 0 : take((s) => s.id === c.id)) || take((s) => same(s, c));
  });
  committed.cells.forEach((c, k) => { // answers whose metadata was lost: by what they declare
    const a = c.cell_type === "code" ? answerOf(c) : null;
    if (a === null || of[k] !== 0) return;
    of[k] = take((s) => s.cell_type === "code" && declares(cellSource(s), a.binding));
  });
  return of;
}

/** Rebuilds the program of `submitted` on the cells of `committed` (see the module doc). */
export function buildProgram(committed: Notebook, submitted: Notebook): Program {
  const of = match(committed, submitted);
  const findings: CellFinding[] = [];
  const label = (k: number) => `cell ${k + 1} (${firstLine(committed.cells[k], 40)})`;
  let latest = 0, latestCell = -1;
  committed.cells.forEach((c, k) => {
    // a drawing's or written answer's Markdown cell is the student's: never run, graded by what
    // it holds (lib/course/tools/grade_notebook.ts), so no finding about it here
    if (c.cell_type !== "code" && answerOf(c) !== null) return;
    const s = of[k];
    const answer = c.cell_type === "code" ? answerOf(c) : null;
    if (s === 0) {
      findings.push(
        answer === null
          ? {
            cell: k + 1,
            kind: "deleted",
            message: `${label(k)} was deleted: the committed cell ran`,
          }
          : {
            cell: k + 1,
            kind: "answer missing",
            message: `the answer cell for ${answer.binding} is missing: the committed stub ran`,
          },
      );
      return;
    }
    if (answer === null && !same(submitted.cells[s - 1], c)) {
      findings.push({
        cell: k + 1,
        kind: "edited",
        message: `${label(k)} was edited: the committed cell ran`,
      });
    }
    if (s < latest) {
      findings.push({
        cell: k + 1,
        kind: "moved",
        message: `${label(k)} was moved above ${label(latestCell)}: the committed order ran`,
      });
    } else [latest, latestCell] = [s, k];
  });
  // Added code cells follow the last matched cell above them in the student's notebook.
  const anchorOf = new Map(of.map((s, k) => [s, k + 1] as const).filter(([s]) => s !== 0));
  const added = new Map<number, number[]>(); // committed cell (0: top) → added student cells
  let anchor = 0;
  submitted.cells.forEach((c, j) => {
    const k = anchorOf.get(j + 1);
    if (k !== undefined) anchor = k;
    else if (c.cell_type === "code" && cellSource(c).trim() !== "") {
      added.set(anchor, [...(added.get(anchor) ?? []), j + 1]);
    }
  });
  const cells: ProgramCell[] = [];
  const push = (cell: Omit<ProgramCell, "position">) => {
    if (cell.source.trim() !== "") cells.push({ position: cells.length + 1, ...cell });
  };
  const pushAdded = (k: number) => {
    for (const j of added.get(k) ?? []) {
      push({
        role: "added",
        committed: null,
        submitted: j,
        changed: false,
        source: cellSource(submitted.cells[j - 1]),
      });
    }
  };
  pushAdded(0);
  committed.cells.forEach((c, k) => {
    if (c.cell_type === "code") {
      const s = of[k] === 0 ? null : of[k];
      const answer = answerOf(c) !== null;
      push({
        role: answer ? "answer" : "teacher",
        committed: k + 1,
        submitted: s,
        changed: !answer && s !== null && !same(submitted.cells[s - 1], c),
        source: answer && s !== null ? cellSource(submitted.cells[s - 1]) : cellSource(c),
      });
    }
    pushAdded(k + 1);
  });
  return { cells, findings };
}

/** Where the rebuilt module imports the prelude from (it sits in `<root>/notebooks/`). */
export const PRELUDE_IMPORT = "../lib/course/tools/grade_prelude.ts";

/**
 * The program as one module: the prelude's import, `open(key)`, each cell's marker (with its
 * nonce) and code, and `done`. Each marker line starts with `;` so no cell's last statement can
 * run into it.
 */
export function programModule(program: Program, key: string): string {
  const lines = [
    `import * as __grade from ${JSON.stringify(PRELUDE_IMPORT)};`,
    `__grade.open(${JSON.stringify(key)});`,
  ];
  for (const c of program.cells) {
    lines.push(`;__grade.cell(${c.position}, "${cellNonce(key, c.position)}");`);
    lines.push(c.source.replace(/\n$/, ""));
  }
  lines.push(`;__grade.done("${hmacSha256Hex(key, "done")}");`);
  return `${lines.join("\n")}\n`;
}
