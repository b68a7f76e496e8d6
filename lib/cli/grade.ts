/**
 * `deno task grade SUBMISSION…`: re-executes every handed-in notebook in a sandbox and grades it
 * (lib/course/tools/grade_run.ts); prints the class summary, progress on stderr.
 * @module
 */
import { PROJECT_ROOT } from "../core/paths.ts";
import { loadPoints } from "../course/tools/points.ts";
import { courseNotebooks, findSubmissions } from "../course/tools/submissions.ts";
import { type Expectation, expectProblems, runGrade } from "../course/tools/grade_run.ts";
import { limitsFor, SANDBOX_DEFAULTS as S } from "../course/tools/grade_sandbox.ts";
import { gradeProgressLine } from "../present/grade_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, runWrittenLine } from "./_framework/run_target.ts";
import { stderrLines } from "./_framework/live.ts";

export const GRADE = {
  name: "deno task grade",
  summary: `Grades handed-in notebooks by running them again, never by trusting their outputs: each
is rebuilt on the committed notebook (teacher cells restored) and run in a deno sandbox (read lib/,
data/ and its own runs/, write only that, nothing else) with a timeout and a memory cap; writes
gradebook.csv, gradebook.json and feedback/<student>/<notebook>.md. Layouts: CLASS/<student>/
<notebook>.ipynb, CLASS/<student>__<notebook>.ipynb, DIR/<notebook>.ipynb (student = DIR), or files.`,
  flags: {
    out: flag.str("runs/NAME", "the grade run (default runs/grade_<UTC time>)"),
    force: flag.bool("replace an existing --out"),
    json: flag.bool("print the gradebook as JSON instead of the summary"),
    timeout: flag.int("S", "wall clock per notebook", { default: S.timeoutSeconds, min: 1 }),
    memory: flag.int("MB", "resident memory cap per notebook", { default: S.rssMb, min: 256 }),
    jobs: flag.int("N", "sandboxes at a time", { default: 2, min: 1 }),
    expect: flag.str("full|untouched", "exit 1 unless every item passed, or is as committed (CI)", {
      choices: ["full", "untouched"],
    }),
  },
  positionals: { arg: "SUBMISSION…", help: "notebooks or folders of them" },
  epilogue:
    "Exit 0 when every notebook was graded (whatever the grades), 1 when one could not be " +
    "(sandbox violation, timeout, memory, does not compile) or --expect fails, 2 for unusable input.",
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(GRADE, async (f, positionals) => {
    const committed = await courseNotebooks();
    const subs = await findSubmissions(positionals, [...committed.keys()]);
    const points = await loadPoints(`${PROJECT_ROOT}/notebooks/solutions/points.json`);
    const run = await prepareCommandRun(GRADE, { outdir: f.out, force: f.force }, "grade");
    const bar = stderrLines();
    const out = await runGrade(subs, {
      ...run,
      committed,
      points,
      limits: limitsFor(f.timeout, f.memory),
      jobs: f.jobs,
      project: PROJECT_ROOT,
      progress: (p) => bar.update(gradeProgressLine(p), p.done === p.total),
    });
    bar.done();
    if (f.json) console.log(JSON.stringify({ run: out.path, notebooks: out.notebooks }, null, 2));
    else console.log([...out.summary, runWrittenLine(out.path)].join("\n"));
    const unmet = f.expect === undefined
      ? []
      : expectProblems(out.notebooks, f.expect as Expectation);
    for (const p of unmet) console.error(`expected ${f.expect}: ${p}`);
    return out.notebooks.some((nb) => nb.status !== "graded") || unmet.length > 0 ? 1 : 0;
  });
}
