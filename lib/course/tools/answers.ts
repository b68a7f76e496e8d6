/**
 * Where a notebook's answers live. (Pure: reads notebooks, touches no file.)
 *
 * An **answer cell** holds one student answer and nothing else. Its cell metadata names the
 * answer and the item that reports it: `{"rl_course": {"answer": "myUpdate", "check":
 * "reinforce-update"}}`. Four kinds, told apart by the item's name:
 * - an **exercise** (a code cell): a stub function returning `TODO`, or an empty `""`, `[]` or
 *   `{}`, graded by the next cell against a contract;
 * - a **prediction** (`predict-…`, a code cell): an empty string, recorded by the next cell;
 * - a **drawing** (`draw-…`, a Markdown cell): a diagram, as a Mermaid block, ASCII art or an
 *   image pasted into the cell (a cell attachment);
 * - a **written** answer (`write-…`, a Markdown cell): prose, such as a memo's decision.
 *
 * Drawings and written answers are not graded by code: the review reports them attempted or not
 * attempted ({@link markdownAnswer}) and hands their text to the teacher. As committed, such a
 * cell holds only lines starting with {@link PLACEHOLDER_MARK}, which say what to put there.
 *
 * The cells after an answer cell use the library's reference implementation, so an untouched
 * notebook runs top to bottom. The teacher's answers live in `notebooks/solutions/<notebook>.ts`
 * (lib/course/tools/solutions.ts puts them in place).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { answerCells } from "./answers.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "const myGuess = \"\";", execution_count: null, outputs: [],
 *     metadata: { rl_course: { answer: "myGuess", check: "predict-guess" } } },
 *   { cell_type: "markdown", source: "✎ Your diagram here.",
 *     metadata: { rl_course: { answer: "myLoop", check: "draw-loop" } } },
 * ] };
 * assertEquals(answerCells(nb).map((a) => a.kind), ["prediction", "drawing"]);
 * ```
 * @module
 */
import { type Cell, cellSource, type Notebook } from "./ipynb.ts";
import { PREDICT_PREFIX } from "../lab.ts";

/** Prefix of a drawing's item name (`draw-rl-map`). */
export const DRAW_PREFIX = "draw-";

/** Prefix of a written answer's item name (`write-memo-decision`). */
export const WRITE_PREFIX = "write-";

/** A Markdown answer cell's line starting with this is an instruction, not an answer. */
export const PLACEHOLDER_MARK = "✎";

/** What an answer cell holds. */
export type AnswerKind = "exercise" | "prediction" | "drawing" | "written";

/** One answer cell of a notebook. */
export interface AnswerCell {
  /** The cell's 1-based position (markdown cells count). */
  cell: number;
  /** The answer's name: the identifier a code cell declares (`myUpdate`), its solution's export. */
  binding: string;
  /** The item that reports it (`reinforce-update`, `predict-step-1`, `draw-rl-map`). */
  check: string;
  kind: AnswerKind;
}

/** The folder of the solutions, relative to the notebooks. */
export const SOLUTIONS_DIR = "solutions";

/** The kind of answer an item name stands for. */
export function answerKind(check: string): AnswerKind {
  if (check.startsWith(PREDICT_PREFIX)) return "prediction";
  if (check.startsWith(DRAW_PREFIX)) return "drawing";
  if (check.startsWith(WRITE_PREFIX)) return "written";
  return "exercise";
}

/** True for the kinds held in a Markdown cell and reported attempted or not. */
export function isMarkdownKind(kind: string): boolean {
  return kind === "drawing" || kind === "written";
}

/** The `rl_course` metadata of a cell, when it marks an answer cell. */
export function answerOf(cell: Cell): { binding: string; check: string } | null {
  const course = cell.metadata?.rl_course as { answer?: unknown; check?: unknown } | undefined;
  return typeof course?.answer === "string" && typeof course?.check === "string"
    ? { binding: course.answer, check: course.check }
    : null;
}

/**
 * The answer cells of a notebook, in order: code cells for exercises and predictions, Markdown
 * cells for drawings and written answers (a cell of the other type is not an answer cell).
 */
export function answerCells(nb: Notebook): AnswerCell[] {
  return nb.cells.flatMap((cell, i) => {
    const a = answerOf(cell);
    if (a === null) return [];
    const kind = answerKind(a.check);
    const wanted = isMarkdownKind(kind) ? "markdown" : "code";
    return cell.cell_type === wanted ? [{ cell: i + 1, ...a, kind }] : [];
  });
}

/**
 * A Markdown answer as the teacher reads it: its text without the placeholder lines, the names
 * of the images attached to the cell, and whether anything is there (`attempted`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { markdownAnswer } from "./answers.ts";
 * const cell = (source: string, attachments?: Record<string, unknown>) =>
 *   ({ cell_type: "markdown", source, metadata: {}, ...(attachments ? { attachments } : {}) });
 * assertEquals(markdownAnswer(cell("✎ Your diagram here.\n")).attempted, false);
 * assertEquals(markdownAnswer(cell("✎ Your diagram here.\nA --> B")).text, "A --> B");
 * assertEquals(markdownAnswer(cell("![map](attachment:map.png)", { "map.png": {} })).images, ["map.png"]);
 * ```
 */
export function markdownAnswer(cell: Cell): { attempted: boolean; text: string; images: string[] } {
  const text = cellSource(cell).split("\n")
    .filter((line) => !line.trim().startsWith(PLACEHOLDER_MARK))
    .join("\n").trim();
  const attachments = cell.attachments;
  const images = attachments !== null && typeof attachments === "object"
    ? Object.keys(attachments as Record<string, unknown>)
    : [];
  return { attempted: text !== "" || images.length > 0, text, images };
}
