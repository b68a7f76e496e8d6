/**
 * `deno task review <executed notebook>`: the teacher's check of a student's executed notebook
 * (see lib/course/review.ts for the rules). Exit 0 clean, 1 with the list of problems, 2 unreadable.
 * @module
 */
import { basename, join } from "node:path";
import { readNotebook } from "../course/ipynb.ts";
import { dataPath, PROJECT_ROOT } from "../core/paths.ts";
import { expectedChecksOf, formatReport, loadSealed, reviewNotebook } from "../course/review.ts";
import { SCORER_NAME, SCORER_VERSION, scorerFingerprint } from "../instrument/scorer.ts";
import { UsageError } from "../core/errors.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `usage: deno task review <executed notebook .ipynb>

Checks a student's executed notebook: every code cell ran, in order, without errors; the runs it
cites (\`run: runs/<name>\` lines) exist and were measured on the sealed data (data/SHA256SUMS)
with the current scorer; every exercise check printed CHECK PASSED. Runs are resolved against
the project root; the checks the course expects come from the committed notebooks/<same name>.

Exit 0 when clean, 1 with the list of problems, 2 when the file cannot be read.`;

/** The committed notebook of the same name, if there is one: the teacher's list of checks. */
async function committedChecks(path: string): Promise<string[] | undefined> {
  try {
    return expectedChecksOf(await readNotebook(join(PROJECT_ROOT, "notebooks", basename(path))));
  } catch {
    return undefined;
  }
}

await runCli(USAGE, async () => {
  const { positionals } = parseFlags(Deno.args, {}, { positionals: true });
  if (positionals.length !== 1) throw new UsageError("expected exactly one notebook");
  const path = positionals[0];
  const nb = await readNotebook(path);
  const report = await reviewNotebook(nb, {
    projectRoot: PROJECT_ROOT,
    sealed: await loadSealed(dataPath("SHA256SUMS")),
    scorer: {
      scorer_name: SCORER_NAME,
      scorer_version: SCORER_VERSION,
      scorer_fingerprint: scorerFingerprint(),
    },
    expectedChecks: await committedChecks(path),
  });
  console.log(formatReport(path, report));
  return report.problems.length === 0 ? 0 : 1;
});
