/**
 * Executing the milestone notebooks headless and checking what they produced (this module runs
 * `jupyter nbconvert` and touches files; the checks themselves are pure).
 *
 * The rules, and why:
 * - An executed notebook passes when every runnable code cell ran, none raised, and every code
 *   cell has at least one output unless its source carries the marker `// no-output` (an import
 *   cell, say) or it is an answer cell (lib/course/answers.ts: a declaration, graded by the next
 *   cell). "No error" is not enough: on Deno's kernel a cell's output can arrive after the
 *   kernel reports idle and be dropped, so a silently empty cell is a failure.
 * - A committed notebook carries no outputs (lib/course/tools/committed.ts).
 * - Execution uses the kernelspec kept in the repo ({@link KERNEL_NAME} under
 *   {@link KERNEL_DIR}), selected through `JUPYTER_PATH`, so CI does not depend on a kernel the
 *   user installed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { executionProblems } from "./execute.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "// no-output\nimport '../../core/paths.ts';", metadata: {},
 *     execution_count: 1, outputs: [] },
 *   { cell_type: "code", source: "await show(1)", metadata: {}, execution_count: 2, outputs: [] },
 * ] };
 * assertEquals(executionProblems(nb).map((p) => `${p.cell} ${p.kind}`), ["2 no-output"]);
 * ```
 * @module
 */
import { basename, dirname, join } from "node:path";
import {
  type Cell,
  cellSource,
  firstLine,
  isRunnable,
  type Notebook,
  readNotebook,
  serializeNotebook,
} from "./ipynb.ts";
import { answerOf, SOLUTIONS_DIR, withSolutions } from "./answers.ts";
import { PROJECT_ROOT } from "../../core/paths.ts";
import { UsageError } from "../../core/errors.ts";

/** A code cell containing this comment is allowed to have no output. */
export const NO_OUTPUT_MARKER = "// no-output";

/** The kernelspec's name (its folder under `notebooks/.kernel/kernels/`). */
export const KERNEL_NAME = "deno-course";

/** The folder `JUPYTER_PATH` points at: it holds `kernels/<KERNEL_NAME>/kernel.json`. */
export const KERNEL_DIR = join(PROJECT_ROOT, "notebooks", ".kernel");

/** Where the committed notebooks live. */
export const NOTEBOOKS_DIR = join(PROJECT_ROOT, "notebooks");

/** What went wrong with one cell. */
export interface CellProblem {
  /** The cell's 1-based position in the notebook (markdown cells count). */
  cell: number;
  /** `error`: it raised; `no-output`: it showed nothing; `not-run`: it has no execution count. */
  kind: "error" | "no-output" | "not-run";
  /** One line for people, naming the cell by its first source line. */
  message: string;
}

function where(cell: Cell, index: number): string {
  return `cell ${index + 1} (${firstLine(cell)})`;
}

/**
 * The problems of an executed notebook: cells that raised, runnable cells that did not run, and
 * code cells without output that lack the {@link NO_OUTPUT_MARKER}. Empty list: it passed.
 */
export function executionProblems(nb: Notebook): CellProblem[] {
  const problems: CellProblem[] = [];
  nb.cells.forEach((cell, i) => {
    if (!isRunnable(cell)) return;
    const outputs = cell.outputs ?? [];
    for (const out of outputs.filter((o) => o.output_type === "error")) {
      problems.push({
        cell: i + 1,
        kind: "error",
        message: `${where(cell, i)} raised ${out.ename ?? "Error"}: ${out.evalue ?? ""}`.trim(),
      });
    }
    if (cell.execution_count === null || cell.execution_count === undefined) {
      problems.push({ cell: i + 1, kind: "not-run", message: `${where(cell, i)} did not run` });
    } else if (
      outputs.length === 0 && !cellSource(cell).includes(NO_OUTPUT_MARKER) &&
      answerOf(cell) === null
    ) {
      problems.push({
        cell: i + 1,
        kind: "no-output",
        message: `${where(cell, i)} has no output (show it with show(), or mark the cell ` +
          `${JSON.stringify(NO_OUTPUT_MARKER)} if it has none by design)`,
      });
    }
  });
  return problems;
}

/**
 * The committed notebooks (`notebooks/*.ipynb`), in course order: names are compared as a person
 * reads them (`localeCompare`), so `M0_orientation` comes before `M0.5_selection`, which byte
 * order would put first.
 */
export async function listNotebooks(dir = NOTEBOOKS_DIR): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb")) names.push(join(dir, e.name));
  }
  return names.sort((a, b) => a.localeCompare(b, "en"));
}

/**
 * The notebooks named by `only` (names with or without `.ipynb`), in course order; all of them
 * when `only` is empty. An unknown name is a {@link UsageError} listing the ones there are.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { selectNotebooks } from "./execute.ts";
 * assertEquals(selectNotebooks(["/n/M0_a.ipynb", "/n/M1_b.ipynb"], ["M1_b.ipynb"]), ["/n/M1_b.ipynb"]);
 * ```
 */
export function selectNotebooks(all: readonly string[], only: readonly string[]): string[] {
  const names = only.map((n) => n.replace(/\.ipynb$/, ""));
  const unknown = names.find((n) => !all.some((p) => notebookName(p) === n));
  if (unknown !== undefined) {
    throw new UsageError(
      `--only ${unknown}: no such notebook (have: ${all.map(notebookName).join(", ")})`,
    );
  }
  return names.length === 0 ? [...all] : all.filter((p) => names.includes(notebookName(p)));
}

/** A notebook's name without folder and `.ipynb` (`M0_orientation`). */
export function notebookName(path: string): string {
  return basename(path).replace(/\.ipynb$/, "");
}

/** The command that executes notebooks (`jupyter` on PATH unless told otherwise). */
export interface Jupyter {
  /** The executable (default `jupyter`). */
  command: string;
}

/**
 * The version of `jupyter nbconvert`, or null when Jupyter or nbconvert is missing (the caller
 * then says how to install it).
 */
export async function nbconvertVersion(
  jupyter: Jupyter = { command: "jupyter" },
): Promise<string | null> {
  try {
    const out = await new Deno.Command(jupyter.command, {
      args: ["nbconvert", "--version"],
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** How one notebook is executed. */
export interface ExecuteOptions {
  /** The notebook to execute. */
  path: string;
  /** Where the executed `.ipynb` and `.html` go. */
  outDir: string;
  /** Per-cell timeout in seconds (nbclient's `ExecutePreprocessor.timeout`). */
  timeout: number;
  /** Replace every answer cell by the teacher's solution first (lib/course/answers.ts). */
  solutions?: boolean;
  jupyter?: Jupyter;
}

/** What executing one notebook produced. */
export interface ExecuteResult {
  /** Wall time of the execution (kernel start to last cell), in seconds. */
  seconds: number;
  /** The executed notebook, or null when nbconvert failed before writing it. */
  executed: string | null;
  /** The HTML rendering, or null when it could not be made. */
  html: string | null;
  /** When nbconvert itself failed (a timeout, a dead kernel): the last lines it printed. */
  failure: string | null;
}

async function removeIfPresent(path: string): Promise<void> {
  await Deno.remove(path).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
}

function tail(bytes: Uint8Array, lines = 12): string {
  const text = new TextDecoder().decode(bytes).trimEnd().split("\n");
  return text.filter((l) => !l.includes('"deno jupyter" is unstable')).slice(-lines).join("\n");
}

/**
 * `PATH` with the folder of the running `deno` first, so the kernelspec's `deno` is the same
 * Deno that runs this task, even when it came from `npx -y deno@2` and is not on `PATH`.
 * Empty when `PATH` may not be read (the task grants `--allow-env=PATH`).
 */
export function kernelPath(): { PATH?: string } {
  try {
    const path = Deno.env.get("PATH") ?? "";
    return { PATH: [dirname(Deno.execPath()), path].filter((p) => p !== "").join(":") };
  } catch {
    return {};
  }
}

/**
 * Executes one notebook with `jupyter nbconvert --execute` on the repo's kernelspec into
 * `outDir/<name>.ipynb`, then renders that to `outDir/<name>.html` (without executing again).
 * The notebook is handed to nbconvert on stdin, with nbconvert started in the notebook's own
 * folder, so the kernel runs there (relative imports such as `../lib/mod.ts` resolve) even when
 * the cells were changed first (`solutions`). Cell errors do not stop execution
 * (`--allow-errors`): they are found afterwards by {@link executionProblems}, which names the
 * cell. Old outputs of the same name are removed first so a failed run never leaves a stale
 * notebook to be checked.
 */
export async function executeNotebook(opts: ExecuteOptions): Promise<ExecuteResult> {
  const name = notebookName(opts.path);
  const outDir = opts.outDir.startsWith("/") ? opts.outDir : join(Deno.cwd(), opts.outDir);
  const executed = join(outDir, `${name}.ipynb`);
  const html = join(outDir, `${name}.html`);
  await Deno.mkdir(outDir, { recursive: true });
  await removeIfPresent(executed);
  await removeIfPresent(html);
  const source = await readNotebook(opts.path);
  const solutions = join(dirname(opts.path), SOLUTIONS_DIR, `${name}.ts`);
  const input = opts.solutions
    ? withSolutions(source, await Deno.readTextFile(solutions), solutions)
    : source;
  const command = opts.jupyter?.command ?? "jupyter";
  const env = { JUPYTER_PATH: KERNEL_DIR, ...kernelPath() };
  const started = performance.now();
  const child = new Deno.Command(command, {
    args: [
      "nbconvert",
      "--stdin",
      "--to",
      "notebook",
      "--execute",
      "--allow-errors",
      `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
      `--ExecutePreprocessor.timeout=${opts.timeout}`,
      // After a cell's reply nbclient waits `iopub_timeout` (default 4 s) for the cell's last
      // outputs and then, by default, silently moves on without them: on a busy machine a chart
      // could vanish. Wait as long as a cell may run, and make a real timeout an error.
      `--ExecutePreprocessor.iopub_timeout=${opts.timeout}`,
      "--ExecutePreprocessor.raise_on_iopub_timeout=True",
      "--output-dir",
      outDir,
      "--output",
      name,
    ],
    cwd: dirname(opts.path.startsWith("/") ? opts.path : join(Deno.cwd(), opts.path)),
    env,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(serializeNotebook(input)));
  await writer.close();
  const run = await child.output();
  const seconds = (performance.now() - started) / 1000;
  if (!run.success) return { seconds, executed: null, html: null, failure: tail(run.stderr) };
  const render = await new Deno.Command(command, {
    args: ["nbconvert", "--to", "html", "--output-dir", outDir, "--output", name, executed],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    seconds,
    executed,
    html: render.success ? html : null,
    failure: render.success ? null : `HTML rendering failed:\n${tail(render.stderr)}`,
  };
}
