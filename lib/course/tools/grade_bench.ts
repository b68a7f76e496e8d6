/**
 * The grading benchmark (`deno task grade:bench`): a synthetic class
 * (lib/course/tools/synthetic_class.ts) written as a run, graded as `deno task grade` grades one,
 * timed, and every verdict held to what its variant must give. This module reads and writes
 * files and starts the sandboxes.
 *
 * What each variant must give: `correct`, every item passed; `wrong`, every exercise failed and
 * every prediction and check passed; `untouched`, every exercise and prediction not attempted
 * and every check passed; `forged`, as `wrong`, each exercise also forged.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { unexpected } from "./grade_bench.ts";
 * const item = { item: "x", kind: "exercise" as const, verdict: "failed" as const, points: 0, max: 2,
 *   reason: "", prediction: null, findings: [], forged: false };
 * assertEquals(unexpected("forged", [item]), ["exercise x: failed, forged false (want failed, forged)"]);
 * ```
 * @module
 */
import { join } from "node:path";
import { writeRun } from "../../core/write_run.ts";
import { serializeNotebook } from "./ipynb.ts";
import type { GradedItem } from "../../present/grade_story.ts";
import { courseNotebooks, findSubmissions } from "./submissions.ts";
import { syntheticClass, type Variant } from "./synthetic_class.ts";
import { type GradeRunOptions, runGrade } from "./grade_run.ts";

/** The items of a notebook whose verdict is not what `variant` must give (see the module doc). */
export function unexpected(variant: Variant, items: readonly GradedItem[]): string[] {
  return items.flatMap((it) => {
    const want = it.kind === "check" || variant === "correct" ||
        it.kind === "prediction" && variant !== "untouched"
      ? "passed"
      : variant === "untouched"
      ? "not attempted"
      : "failed";
    const forged = variant === "forged" && it.kind === "exercise";
    return it.verdict === want && it.forged === forged ? [] : [
      `${it.kind} ${it.item}: ${it.verdict}, forged ${it.forged} (want ${want}${
        forged ? ", forged" : ""
      })`,
    ];
  });
}

/** The benchmark's settings. */
export interface BenchOptions extends Omit<GradeRunOptions, "committed"> {
  students: number;
  seed: number;
}

/** Writes the class, grades it and checks the verdicts; the figures for the story. */
export async function runGradeBench(o: BenchOptions) {
  const committed = await courseNotebooks();
  const solutions = new Map(
    await Promise.all([...committed.keys()].map(async (name) => {
      const file = join(o.project, "notebooks", "solutions", `${name}.ts`);
      return [name, { text: await Deno.readTextFile(file), file }] as const;
    })),
  );
  const students = syntheticClass(committed, solutions, { students: o.students, seed: o.seed });
  const classPath = await writeRun(`${o.outdir}-class`, {
    header: { kind: "synthetic-class", command: o.command, args: o.args, seed: o.seed },
    settings: {
      students: o.students,
      variants: students.map((s) => `${s.student}/${s.notebook} ${s.variant}`),
    },
    files: students.map((s) => ({
      name: `${s.student}/${s.notebook}.ipynb`,
      content: serializeNotebook(s.nb),
    })),
  }, { force: o.force }).then((w) => w.path);
  const subs = await findSubmissions([classPath], [...committed.keys()]);
  const graded = await runGrade(subs, { ...o, committed });
  const variantOf = new Map(students.map((s) => [`${s.student}/${s.notebook}`, s.variant]));
  const wrong = graded.notebooks.flatMap((nb) =>
    unexpected(variantOf.get(`${nb.student}/${nb.notebook}`)!, nb.items).map((u) =>
      `${nb.student}/${nb.notebook} ${u}`
    )
  );
  const mix: Record<string, number> = {};
  for (const s of students) mix[s.variant] = (mix[s.variant] ?? 0) + 1;
  return { ...graded, classPath, notebooks: graded.notebooks, mix, unexpected: wrong };
}
