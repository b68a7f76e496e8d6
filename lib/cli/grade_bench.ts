/**
 * `deno task grade:bench`: grades a synthetic class (every student × every notebook, a seeded
 * mix of correct, wrong, untouched and forged answers) and reports notebooks per minute
 * (lib/course/tools/grade_bench.ts).
 * @module
 */
import { PROJECT_ROOT } from "../core/paths.ts";
import { loadPoints } from "../course/tools/points.ts";
import { runGradeBench } from "../course/tools/grade_bench.ts";
import { limitsFor, SANDBOX_DEFAULTS as S } from "../course/tools/grade_sandbox.ts";
import { benchStory, gradeProgressLine } from "../present/grade_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";
import { stderrLines } from "./_framework/live.ts";

export const GRADE_BENCH = {
  name: "deno task grade:bench",
  summary: `Writes a synthetic class (a seeded mix of correct, wrong, untouched and forged notebooks
made from the committed ones and the solutions) to <outdir>-class, grades it as deno task grade does
into <outdir>, and reports notebooks per minute and every verdict its variant did not predict.`,
  flags: {
    students: flag.int("N", "students, each handing in every notebook", { default: 40, min: 1 }),
    seed: flag.int("N", "seed of the variants", { default: 0, min: 0 }),
    jobs: flag.int("N", "sandboxes at a time", { default: 2, min: 1 }),
    timeout: flag.int("S", "wall clock per notebook", { default: S.timeoutSeconds, min: 1 }),
    ...RUN_FLAGS,
  },
  epilogue: "Exit 0 when every verdict is the one its variant must give, 1 otherwise.",
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(GRADE_BENCH, async (f) => {
    const run = await prepareCommandRun(GRADE_BENCH, f, "grade_bench");
    const bar = stderrLines();
    const b = await runGradeBench({
      ...run,
      students: f.students,
      seed: f.seed,
      jobs: f.jobs,
      limits: limitsFor(f.timeout, S.rssMb),
      points: await loadPoints(`${PROJECT_ROOT}/notebooks/solutions/points.json`),
      project: PROJECT_ROOT,
      progress: (p) => bar.update(gradeProgressLine(p), p.done === p.total),
    });
    bar.done();
    const figures = { ...b, notebooks: b.notebooks.length, students: f.students, jobs: f.jobs };
    console.log([...benchStory(figures), runWrittenLine(b.path)].join("\n"));
    return b.unexpected.length === 0 ? 0 : 1;
  });
}
