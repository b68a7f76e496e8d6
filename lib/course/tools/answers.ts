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
 * export per answer binding; {@link withSolutions} puts each one's code into its answer cell, as
 * a student would have typed it over the stub (`deno task notebooks --with-solutions`), so the
 * executed notebook is graded and reviewed exactly like a student's.
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
 * assertEquals(withSolutions(nb, 'export const myGuess = "four";', "M9.ts").cells[0].source,
 *   'const myGuess = "four";\n');
 * ```
 * @module
 */
import { type Cell, cellSource, type Notebook } from "./ipynb.ts";
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

/** The names a solutions file imports from the course library (`import type { A } from "…/lib/mod.ts"`). */
function libraryImports(solutions: string): string[] {
  return [
    ...solutions.matchAll(
      /^import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["'][^"']*lib\/mod\.ts["']/gm,
    ),
  ]
    .flatMap((m) => m[1].split(","))
    .map((s) => s.trim().replace(/^type\s+/, ""))
    .filter((s) => s !== "");
}

/**
 * The declaration of `binding` in a solutions file, as a cell would hold it: from its
 * `export const|let|function` line to the next top-level doc comment or export, without
 * `export`, with every name the file imports from the course library qualified by the
 * notebook's namespace (`KataAnswer` → `rl.KataAnswer`). Null when the file declares no such
 * export.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { solutionOf } from "./answers.ts";
 * const file = 'import type { KataAnswer } from "../../lib/mod.ts";\n\n/** Doc. *\/\n' +
 *   'export const myKata: KataAnswer = {};\n\n/** Doc. *\/\nexport function f(): number {\n  return 1;\n}\n';
 * assertEquals(solutionOf(file, "myKata", "rl"), "const myKata: rl.KataAnswer = {};");
 * assertEquals(solutionOf(file, "f", "rl"), "function f(): number {\n  return 1;\n}");
 * ```
 */
export function solutionOf(solutions: string, binding: string, namespace: string): string | null {
  const lines = solutions.split("\n");
  const start = lines.findIndex((l) =>
    new RegExp(`^export\\s+(?:const|let|(?:async\\s+)?function)\\s+${binding}\\b`).test(l)
  );
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^(?:\/\*\*|export\s)/.test(lines[end])) end++;
  let text = lines.slice(start, end).join("\n").replace(/^export\s+/, "").trimEnd();
  for (const name of libraryImports(solutions)) {
    text = text.replace(new RegExp(`(?<![.\\w$])${name}\\b`, "g"), `${namespace}.${name}`);
  }
  return text;
}

/**
 * The notebook with every answer cell's declaration replaced by the teacher's (from the
 * solutions file's text, {@link solutionOf}); the stub's leading comment lines stay, so the cell
 * reads as a student's would after replacing only the code. Other cells, and the input, are
 * unchanged. An answer the file does not export, or a notebook without
 * `import * as <ns> from "../lib/mod.ts"` when the file needs one, is an Error naming `file`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { withSolutions } from "./answers.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "// Predict first.\nconst myGuess = \"\";", execution_count: null,
 *     outputs: [], metadata: { rl_course: { answer: "myGuess", check: "predict-guess" } } },
 * ] };
 * assertEquals(withSolutions(nb, 'export const myGuess = "four";\n', "M9.ts").cells[0].source,
 *   '// Predict first.\nconst myGuess = "four";\n');
 * ```
 */
export function withSolutions(nb: Notebook, solutions: string, file: string): Notebook {
  const ns = nb.cells.map((c) => cellSource(c))
    .map((src) => /import\s*\*\s*as\s+(\w+)\s+from\s*["']\.\.\/lib\/mod\.ts["']/.exec(src)?.[1])
    .find((n) => n !== undefined);
  if (ns === undefined && libraryImports(solutions).length > 0) {
    throw new Error(
      `${file} imports from lib/mod.ts, but the notebook has no namespace import of it`,
    );
  }
  return {
    ...nb,
    cells: nb.cells.map((cell) => {
      const a = cell.cell_type === "code" ? answerOf(cell) : null;
      if (a === null) return cell;
      const code = solutionOf(solutions, a.binding, ns ?? "rl");
      if (code === null) throw new Error(`${file} exports no ${a.binding}`);
      const src = cellSource(cell).split("\n");
      const first = src.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("//"));
      const comments = src.slice(0, first < 0 ? src.length : first);
      return { ...cell, source: `${[...comments, code].join("\n")}\n` };
    }),
  };
}
