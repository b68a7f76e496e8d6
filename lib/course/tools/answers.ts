/**
 * Where a notebook's exercises and predictions live, and how the teacher's solutions replace
 * them. (Pure: reads and returns notebooks, touches no file.)
 *
 * An **answer cell** holds one student answer and nothing else: a stub function returning `TODO`,
 * an empty `""`, `[]` or `{}`. Its cell metadata names the binding it declares and the check that
 * grades it: `{"rl_course": {"answer": "myUpdate", "check": "reinforce-update"}}` (a prediction's
 * check name starts with `predict-`). The cells after it use the library's reference
 * implementation, so an untouched notebook runs top to bottom.
 *
 * The solutions live outside the student notebooks, in `notebooks/solutions/<notebook>.ts`, one
 * export per answer binding; {@link withSolutions} replaces every answer cell by an import of
 * its binding from there (`deno task notebooks --with-solutions`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { answerCells, withSolutions } from "./answers.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "const myGuess = \"\";", execution_count: null, outputs: [],
 *     metadata: { rl_course: { answer: "myGuess", check: "predict-guess" } } },
 * ] };
 * assertEquals(answerCells(nb), [{ cell: 1, binding: "myGuess", check: "predict-guess", kind: "prediction" }]);
 * assertEquals(withSolutions(nb, "M9").cells[0].source,
 *   'import { myGuess } from "./solutions/M9.ts";');
 * ```
 * @module
 */
import type { Cell, Notebook } from "./ipynb.ts";
import { PREDICT_PREFIX } from "../lab.ts";

/** One answer cell of a notebook. */
export interface AnswerCell {
  /** The cell's 1-based position (markdown cells count). */
  cell: number;
  /** The identifier the cell declares (`myUpdate`). */
  binding: string;
  /** The check that grades it (`reinforce-update`, `predict-step-1`). */
  check: string;
  kind: "exercise" | "prediction";
}

/** The folder of the solutions, relative to the notebooks. */
export const SOLUTIONS_DIR = "solutions";

/** The `rl_course` metadata of a cell, when it marks an answer cell. */
export function answerOf(cell: Cell): { binding: string; check: string } | null {
  const course = cell.metadata?.rl_course as { answer?: unknown; check?: unknown } | undefined;
  return typeof course?.answer === "string" && typeof course?.check === "string"
    ? { binding: course.answer, check: course.check }
    : null;
}

/** The answer cells of a notebook, in order. */
export function answerCells(nb: Notebook): AnswerCell[] {
  return nb.cells.flatMap((cell, i) => {
    const a = cell.cell_type === "code" ? answerOf(cell) : null;
    return a === null ? [] : [{
      cell: i + 1,
      ...a,
      kind: a.check.startsWith(PREDICT_PREFIX) ? "prediction" as const : "exercise" as const,
    }];
  });
}

/**
 * The notebook with every answer cell replaced by an import of its binding from
 * `./solutions/<name>.ts` (resolved from the notebooks folder, where the kernel runs). Other
 * cells, and the input, are unchanged.
 */
export function withSolutions(nb: Notebook, name: string): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((cell) => {
      const a = cell.cell_type === "code" ? answerOf(cell) : null;
      if (a === null) return cell;
      return {
        ...cell,
        source: `import { ${a.binding} } from "./${SOLUTIONS_DIR}/${name}.ts";`,
      };
    }),
  };
}
