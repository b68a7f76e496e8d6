/**
 * Handed-in notebooks made from the committed ones, for the grading tests: an answer typed over
 * the stub (the stub's comment left in place, as a student does), outputs forged by hand, a
 * teacher cell edited, deleted or moved; and one call that grades them as `deno task grade` does.
 */
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { answerCells } from "../../lib/course/tools/answers.ts";
import { solutionTexts } from "../../lib/course/tools/solutions.ts";
import {
  type Cell,
  cellSource,
  type Notebook,
  type Output,
  readNotebook,
} from "../../lib/course/tools/ipynb.ts";
import { gradeClass } from "../../lib/course/tools/grade_class.ts";
import { limitsFor } from "../../lib/course/tools/grade_sandbox.ts";
import { DEFAULT_POINTS } from "../../lib/course/tools/points.ts";
import { courseNotebooks, type Submission } from "../../lib/course/tools/submissions.ts";
import type { GradedNotebook } from "../../lib/present/grade_story.ts";

/** The committed notebook `name`. */
export async function committedNotebook(name: string): Promise<Notebook> {
  return await readNotebook(`${PROJECT_ROOT}/notebooks/${name}.ipynb`);
}

/** The 0-based index of the cell declaring `binding`'s answer, and of its check cell. */
export function cellsOf(nb: Notebook, binding: string): { answer: number; check: number } {
  const answer = answerCells(nb).find((a) => a.binding === binding)!.cell - 1;
  const name = answerCells(nb).find((a) => a.binding === binding)!.check;
  const check = nb.cells.findIndex((c) =>
    cellSource(c).includes(`"${name.replace(/^predict-/, "")}"`) && c !== nb.cells[answer]
  );
  return { answer, check };
}

/** A deep copy of `nb` with cell `i` changed by `edit`. */
export function withCell(nb: Notebook, i: number, edit: (c: Cell) => Cell): Notebook {
  const copy = structuredClone(nb);
  copy.cells[i] = edit(copy.cells[i]);
  return copy;
}

/** The stub's `return rl.TODO;` replaced by `body`, everything else (the comment) kept. */
export function typed(nb: Notebook, binding: string, body: string): Notebook {
  const { answer } = cellsOf(nb, binding);
  return withCell(
    nb,
    answer,
    (c) => ({ ...c, source: cellSource(c).replace("return rl.TODO;", body) }),
  );
}

/** The teacher's solution of `binding` typed over its stub, the stub's comment kept. */
export async function solved(nb: Notebook, name: string, binding: string): Promise<Notebook> {
  const file = await Deno.readTextFile(`${PROJECT_ROOT}/notebooks/solutions/${name}.ts`);
  const { answer } = cellsOf(nb, binding);
  return withCell(nb, answer, (c) => {
    const comment = cellSource(c).split("\n").filter((l) => l.startsWith("//"));
    return { ...c, source: [...comment, solutionTexts(file).get(binding)!.code].join("\n") };
  });
}

/** A display output carrying `text` (what a hand-edited output looks like). */
export function shown(text: string): Output {
  return { output_type: "display_data", data: { "text/plain": text }, metadata: {} };
}

/** A submission of `nb` by `student`. */
export function handIn(student: string, name: string, nb: Notebook): Submission {
  return { student, notebook: name, file: `${student}/${name}.ipynb`, nb };
}

/** Grades the submissions as `deno task grade` does (2 sandboxes, the default points). */
export async function grade(
  subs: readonly Submission[],
  o: { timeoutSeconds?: number; memoryMb?: number } = {},
): Promise<Map<string, GradedNotebook>> {
  const graded = await gradeClass(subs, {
    project: PROJECT_ROOT,
    committed: await courseNotebooks(),
    jobs: 2,
    limits: limitsFor(o.timeoutSeconds ?? 60, o.memoryMb ?? 1536),
    points: { default: { ...DEFAULT_POINTS }, notebooks: {}, source: "test" },
  });
  return new Map(graded.map((g) => [g.student, g]));
}
