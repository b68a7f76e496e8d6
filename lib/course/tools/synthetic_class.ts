/**
 * A synthetic class for the grading benchmark (`deno task grade:bench`): every student hands in
 * every notebook, made from the committed notebook and the teacher's solutions, each one of four
 * variants drawn with a seeded generator. (Pure.)
 *
 * - `correct`: every answer is the solution, typed over its stub (the stub's comment kept);
 * - `wrong`: the predictions answered, every exercise answered wrongly ({@link wrongAnswer});
 * - `untouched`: the notebook as committed;
 * - `forged`: `wrong`, with every exercise's check cell showing `CHECK PASSED` as if run.
 *
 * Each answer cell opens with a comment naming the student, so no two programs are the same
 * (the grader re-runs every one; nothing is shared between students).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { wrongAnswer } from "./synthetic_class.ts";
 * assertEquals(wrongAnswer("function f(\n  xs: number[], // the input\n): number[] {\n  return rl.TODO;\n}", ""),
 *   "function f(\n  xs: number[], // the input\n): number[] {\n  return xs as never; // wrong on purpose\n}");
 * assertEquals(wrongAnswer("const g: string[] = [];", 'const g: string[] = ["ok", "ok"];'),
 *   'const g: string[] = ["ok", "ok"];\ng.splice(1); // wrong on purpose\n');
 * ```
 * @module
 */
import { makeRng } from "../../core/prng.ts";
import { answerCells, isMarkdownKind } from "./answers.ts";
import { withSolutions } from "./solutions.ts";
import { cellSource, type Notebook } from "./ipynb.ts";

/** What a synthetic student did with a notebook. */
export type Variant = "correct" | "wrong" | "untouched" | "forged";

/** The share of each variant (summing to 1). */
export const DEFAULT_MIX: Readonly<Record<Variant, number>> = {
  correct: 0.5,
  wrong: 0.2,
  untouched: 0.15,
  forged: 0.15,
};

/**
 * An answer gone wrong (see the module doc): `stub` is the committed cell, `solution` the same
 * cell with the teacher's answer typed in. A function returns its first argument; a list keeps
 * only its first entry and a record its first key (well formed, so the check fails in its own
 * words instead of the cell crashing); a test source holds a test that fails.
 */
export function wrongAnswer(stub: string, solution: string): string {
  const fn = /function\s+\w+\(\s*(\w+)/.exec(stub);
  if (fn !== null) {
    return stub.replace(/return\s+rl\.TODO;/, `return ${fn[1]} as never; // wrong on purpose`);
  }
  const binding = /(?:const|let)\s+(\w+)/.exec(stub)?.[1];
  if (/=\s*\[\];/.test(stub)) {
    return `${solution.trimEnd()}\n${binding}.splice(1); // wrong on purpose\n`;
  }
  if (/=\s*\{\};/.test(stub)) {
    return `${solution.trimEnd()}\nfor (const k of Object.keys(${binding}).slice(1)) {\n` +
      `  delete (${binding} as Record<string, unknown>)[k]; // wrong on purpose\n}\n`;
  }
  return stub.replace(
    /=\s*``;/,
    '= `Deno.test("wrong on purpose", () => { throw new Error("wrong"); });`;',
  );
}

/** One synthetic notebook handed in. */
export interface SyntheticSubmission {
  student: string;
  notebook: string;
  variant: Variant;
  nb: Notebook;
}

function variantOf(
  variant: Variant,
  committed: Notebook,
  solutions: { text: string; file: string },
): Notebook {
  if (variant === "untouched") return structuredClone(committed);
  const name = solutions.file.replace(/^.*\//, "").replace(/\.ts$/, "");
  const answered = withSolutions(committed, name, solutions.text);
  if (variant === "correct") return answered;
  const nb = structuredClone(committed);
  for (const a of answerCells(committed)) {
    const cell = nb.cells[a.cell - 1];
    const as = a.kind === "prediction" || isMarkdownKind(a.kind); // no right answer to miss
    cell.source = as ? cellSource(answered.cells[a.cell - 1]) : wrongAnswer(
      cellSource(committed.cells[a.cell - 1]),
      cellSource(answered.cells[a.cell - 1]),
    );
    if (variant === "forged" && a.kind === "exercise") {
      const check = nb.cells.findIndex((c, i) =>
        i !== a.cell - 1 && cellSource(c).includes(`"${a.check}"`)
      );
      nb.cells[check] = {
        ...nb.cells[check],
        execution_count: a.cell + 1,
        outputs: [{
          output_type: "display_data",
          metadata: {},
          data: { "text/plain": `CHECK PASSED: ${a.check}` },
        }],
      };
    }
  }
  return nb;
}

/**
 * The class: `students` students (`student-01`, …) × every notebook of `committed`, each variant
 * drawn with `seed` from `mix`.
 */
export function syntheticClass(
  committed: ReadonlyMap<string, Notebook>,
  solutions: ReadonlyMap<string, { text: string; file: string }>,
  o: { students: number; seed: number; mix?: Readonly<Record<Variant, number>> },
): SyntheticSubmission[] {
  const mix = o.mix ?? DEFAULT_MIX;
  const variants = Object.keys(mix) as Variant[];
  const rng = makeRng(o.seed);
  const width = String(o.students).length;
  const out: SyntheticSubmission[] = [];
  for (let s = 1; s <= o.students; s++) {
    const student = `student-${String(s).padStart(Math.max(2, width), "0")}`;
    for (const [name, nb] of committed) {
      const variant = variants[rng.categorical(variants.map((v) => mix[v]))];
      const handed = variantOf(variant, nb, solutions.get(name) ?? { text: "", file: name });
      for (const a of answerCells(handed)) {
        const cell = handed.cells[a.cell - 1];
        cell.source = `// handed in by ${student}\n${cellSource(cell)}`;
      }
      out.push({ student, notebook: name, variant, nb: handed });
    }
  }
  return out;
}
