/**
 * M4's regression-test exercise: the student's test file is written into a fresh run folder
 * under `runs/` (never into the committed `tests/`), run with `deno test`, and the outcome read
 * from its exit code and summary line (this module writes files and starts a `deno` process).
 *
 * The exact command, which the notebook prints and a student can paste into a terminal:
 *
 *     deno test --no-config --allow-read runs/<run>/student_regression_test.ts
 *
 * `--no-config` because deno.json excludes `runs/` from `deno test` (it would answer "No test
 * modules found"); the file imports the library relatively (`../../lib/instrument/scorer.ts`), so it needs
 * no import map.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseDenoTestSummary } from "./student_suite.ts";
 * assertEquals(parseDenoTestSummary("ok | 2 passed | 0 failed (4ms)\n"), { ok: true, passed: 2, failed: 0 });
 * ```
 * @module
 */
import { dirname, join } from "node:path";
import { rootRelative } from "./lines.ts";
import { type Bundle, text } from "./display.ts";
import { PROJECT_ROOT, runsPath } from "../core/paths.ts";
import { provenance, uniqueRunPath } from "../core/run_dir.ts";
import { guardedFolder } from "../core/guarded_folder.ts";
import { runDeno } from "./deno_run.ts";

/** The file name of the student's test inside its run folder. */
export const STUDENT_TEST_FILE = "student_regression_test.ts";

/**
 * The header every student test file starts with: the scorer, the sabotaged copies and the
 * assertions, imported relatively from a run folder `runs/<run>/`.
 */
export const STUDENT_TEST_HEADER = [
  "// Written by the M4 notebook: the student's regression test for the scorer.",
  'import { score } from "../../lib/instrument/scorer.ts";',
  'import { assert, assertEquals } from "../../lib/core/testing.ts";',
  "",
].join("\n");

/** The summary line of `deno test`, read from its output. */
export interface DenoTestSummary {
  /** `ok` or `FAILED` as deno test printed it. */
  ok: boolean;
  passed: number;
  failed: number;
}

/**
 * Reads `deno test`'s summary line (`ok | 2 passed | 0 failed (4ms)` or
 * `FAILED | 1 passed | 1 failed …`, colours stripped), or null when there is none (the file
 * did not compile, or no test ran).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseDenoTestSummary } from "./student_suite.ts";
 * assertEquals(parseDenoTestSummary("\x1b[31mFAILED\x1b[0m | 1 passed | 1 failed (9ms)"), { ok: false, passed: 1, failed: 1 });
 * assertEquals(parseDenoTestSummary("error: No test modules found"), null);
 * ```
 */
export function parseDenoTestSummary(output: string): DenoTestSummary | null {
  // deno-lint-ignore no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  const m = /^(ok|FAILED) \| (\d+) passed(?: \([^)]*\))? \| (\d+) failed/m.exec(plain);
  return m === null ? null : { ok: m[1] === "ok", passed: Number(m[2]), failed: Number(m[3]) };
}

/** What running the student's test produced. */
export interface StudentTestRun {
  /** The test file, relative to the project root (`runs/<run>/student_regression_test.ts`). */
  file: string;
  /** The run folder holding it (absolute). */
  dir: string;
  /** The command, as a student would type it from the project root. */
  command: string;
  /** deno test's exit code. */
  code: number;
  /** Its output (stdout then stderr), colours off. */
  output: string;
  /** The parsed summary line, or null when there was none. */
  summary: DenoTestSummary | null;
}

/**
 * Writes `source` (after {@link STUDENT_TEST_HEADER}) to `<runDir>/student_regression_test.ts`,
 * runs `deno test --no-config --allow-read` on it from the project root, and records the
 * command, exit code and summary in `<runDir>/manifest.json` (kind `student-test`).
 *
 * @param runDir a fresh folder under `runs/` (created if missing)
 * @param source the student's `Deno.test(...)` calls
 * @param cwd the folder to run from (the project root)
 */
export async function runStudentTest(
  runDir: string,
  source: string,
  cwd: string,
): Promise<StudentTestRun> {
  const folder = await guardedFolder(runDir); // inside runs/, no link on the way
  const path = join(runDir, STUDENT_TEST_FILE);
  await folder.write(STUDENT_TEST_FILE, `${STUDENT_TEST_HEADER}${source.trim()}\n`);
  const file = rootRelative(path);
  const args = ["test", "--no-config", "--allow-read", file];
  const { code, output } = await runDeno(args, cwd);
  const result = {
    file,
    dir: dirname(path),
    command: `deno ${args.join(" ")}`,
    code,
    output,
    summary: parseDenoTestSummary(output),
  };
  await folder.write(
    "manifest.json",
    JSON.stringify(
      {
        kind: "student-test",
        command: result.command,
        file,
        exit_code: result.code,
        summary: result.summary,
        ...(await provenance(cwd)),
      },
      null,
      2,
    ) + "\n",
  );
  return result;
}

/**
 * Runs the student's test when one is written (see {@link runStudentTest}), in a fresh run
 * `runs/<kind>_<time>`; null, and nothing written, while `source` is blank.
 */
export async function runStudentTestIfWritten(
  source: string,
  kind: string,
  opts: { runsDir?: string; cwd?: string } = {},
): Promise<StudentTestRun | null> {
  if (source.trim() === "") return null;
  const dir = await uniqueRunPath(opts.runsDir ?? runsPath(), kind);
  return await runStudentTest(dir, source, opts.cwd ?? PROJECT_ROOT);
}

/**
 * What the notebook shows of a student test run: the command, its exit code and its output, or
 * that nothing was run yet.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { studentTestView } from "./student_suite.ts";
 * assertEquals(studentTestView(null)["text/plain"],
 *   "nothing to run yet: write your Deno.test(...) calls in myRegressionTest above");
 * ```
 */
export function studentTestView(run: StudentTestRun | null): Bundle {
  return run === null
    ? text("nothing to run yet: write your Deno.test(...) calls in myRegressionTest above")
    : text(`$ ${run.command}`, `exit code ${run.code}`, "", run.output.trim());
}
