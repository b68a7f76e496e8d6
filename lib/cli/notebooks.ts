/**
 * `deno task notebooks`: executes every milestone notebook headless through Jupyter, checks the
 * execution and reviews each executed copy (lib/course/tools/notebook_runs.ts).
 * `deno task notebooks:strip`: rewrites the committed notebooks without outputs.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { runsPath } from "../core/paths.ts";
import { stripNotebooks } from "../course/tools/committed.ts";
import {
  findNotebooks,
  KERNEL_NAME,
  nbconvertVersion,
  notebookName,
  selectNotebooks,
  skippedLines,
} from "../course/tools/execute.ts";
import { JUPYTER_INSTALL, notebooksEnd, outcomeLines } from "../course/tools/notebook_runs.ts";
import { runNotebook } from "../course/tools/notebook_runs.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const NOTEBOOKS = {
  name: "deno task notebooks",
  summary:
    `Executes notebooks/*.ipynb headless (nbconvert, kernel ${KERNEL_NAME} in notebooks/.kernel)
into runs/notebooks/ (.ipynb, .html) and checks each: no cell raised, every code cell shows output
(but "// no-output" and answer cells), it ran within --budget, and its review keeps the promise of
the run: as committed, every exercise and prediction NOT ATTEMPTED and every check passed; with
--with-solutions (notebooks/solutions/<notebook>.ts in each answer cell), CLEAN.`,
  flags: {
    only: flag.list("NAME", "execute only this notebook (repeatable)"),
    "with-solutions": flag.bool("substitute the teacher's solutions"),
    timeout: flag.int("S", "per-cell timeout in seconds", { default: 60, min: 1 }),
    budget: flag.int("S", "fail a slower notebook", { default: 30, min: 1 }),
    strip: flag.bool("rewrite notebooks/*.ipynb without outputs, then exit"),
  },
  epilogue: "Exit 0 when every notebook passes, 1 when one fails, 2 when Jupyter is missing.",
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(NOTEBOOKS, async (flags) => {
    const found = await findNotebooks();
    const paths = selectNotebooks(found.course, flags.only);
    for (const line of skippedLines(found.skipped)) console.log(line);
    if (flags.strip) {
      for (const line of await stripNotebooks(paths)) console.log(line);
      return 0;
    }
    const version = await nbconvertVersion();
    if (version === null) throw new InputError(null, null, JUPYTER_INSTALL);
    const { timeout, budget, "with-solutions": solutions } = flags;
    const outDir = runsPath("notebooks");
    console.log(
      `notebooks: ${paths.length} to execute${solutions ? " with the solutions" : ""}, ` +
        `nbconvert ${version}, budget ${budget} s each → runs/notebooks/`,
    );
    const width = Math.max(...paths.map((p) => notebookName(p).length));
    let failed = 0;
    for (const path of paths) {
      const o = await runNotebook(path, { outDir, timeout, budget, solutions });
      for (const line of outcomeLines(o, width)) console.log(line);
      if (o.problems.length > 0) failed++;
    }
    for (const line of notebooksEnd(paths.map(notebookName), failed)) console.log(line);
    return failed === 0 ? 0 : 1;
  });
}
