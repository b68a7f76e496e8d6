/**
 * `deno task review <executed notebook>`: the teacher's review of a student's executed notebook
 * (lib/course/tools/review.ts): every exercise, prediction and check with its status, the runs it
 * cites, and whatever keeps it from CLEAN.
 * @module
 */
import { basename, join } from "node:path";
import { UsageError } from "../core/errors.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { readNotebook } from "../course/tools/ipynb.ts";
import { formatReport, reportJson, reviewNotebook } from "../course/tools/review.ts";
import { expectedItems, stubsOf } from "../course/tools/review_items.ts";
import { projectReviewContext } from "../course/tools/review_runs.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const REVIEW = {
  name: "deno task review",
  summary: `Reviews an executed notebook: every code cell ran, in order, without errors; the runs it
cites exist and were measured on the sealed data with the current scorer; every exercise,
prediction and check the course expects (from the committed notebooks/<same name>) reported
PASSED, not FAILED or NOT ATTEMPTED; every verdict line is the one its code wrote to the
notebook's lab record (no output edited by hand); no answer cell was edited after it ran.
For the student's machine: a teacher's grade comes from \`deno task grade\`.`,
  flags: { json: flag.bool("print the report as one JSON object") },
  positionals: { arg: "NOTEBOOK.ipynb", help: "the executed notebook" },
  epilogue: "Exit 0 when CLEAN, 1 with the report of what is not, 2 when the file is unreadable.",
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(REVIEW, async (flags, positionals) => {
    if (positionals.length !== 1) throw new UsageError("expected exactly one notebook");
    const path = positionals[0];
    const nb = await readNotebook(path);
    const committed = await readNotebook(join(PROJECT_ROOT, "notebooks", basename(path)))
      .catch(() => null); // a notebook the course does not ship is held to its own metadata
    const report = await reviewNotebook(nb, {
      ...(await projectReviewContext()),
      expected: expectedItems(committed ?? nb),
      stubs: committed === null ? new Map() : stubsOf(committed),
    });
    console.log(
      flags.json ? JSON.stringify(reportJson(path, report), null, 2) : formatReport(path, report),
    );
    return report.clean ? 0 : 1;
  });
}
