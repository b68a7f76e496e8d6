/**
 * Grades a class: every handed-in notebook re-executed in the sandbox, `jobs` at a time, and
 * judged. This module runs `deno` (fmt, cache, info, the sandboxes) and writes under
 * `runs/.grading/`; the judging is lib/course/tools/grade_notebook.ts.
 *
 * In order:
 * 1. every program is rebuilt on its committed notebook (lib/course/tools/grade_program.ts), and
 *    every cell the student wrote must parse on its own, as the kernel runs cells one by one
 *    (one `deno fmt --check` over all of them): a cell that does not parse cannot swallow the
 *    cells after it, or the grader's markers;
 * 2. the prelude and the library are put in Deno's cache (the sandboxes run `--cached-only`);
 * 3. each committed notebook involved runs twice in the sandbox: its reference
 *    (grade_reference.ts), with at least {@link REFERENCE_TIMEOUT} seconds (the teacher's own code
 *    need not hurry); if it cannot run there, nothing is graded (an InputError);
 *    The deterministic computations those runs made (their RL runs, their pass@k samples:
 *    lib/course/host.ts's `memoized`) are kept, and given read-only to every submission's
 *    sandbox: a student's run whose inputs to them are the same, byte for byte, reads the
 *    result instead of repeating it (the same numbers, in a fraction of the time);
 * 4. every submission runs: its imports checked (`deno info`), then the sandbox, then judged.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { troubleOf } from "./grade_class.ts";
 * const run = { end: "timeout" as const, code: null, signal: "SIGKILL", events: [], rejected: 0, stderr: "",
 *   audit: [], seconds: 60, peakRssMb: 90 };
 * assertEquals(troubleOf(run, [], "cell 19 (while (true) {})", 60),
 *   { status: "timeout", detail: "still running after 60 s, in cell 19 (while (true) {})" });
 * ```
 * @module
 */
import { join } from "node:path";
import { InputError } from "../../core/errors.ts";
import { firstLine, type Notebook } from "./ipynb.ts";
import { expectedItems } from "./review_items.ts";
import { buildProgram, type Program, programModule } from "./grade_program.ts";
import {
  runSandbox,
  sandboxGrants,
  type SandboxLimits,
  type SandboxRun,
  stopReason,
} from "./grade_sandbox.ts";
import {
  acquireSlots,
  denoBinary,
  gradingDir,
  offeredMemo,
  prepareSlot,
  type Slot,
  writeMemo,
} from "./grade_slots.ts";
import { checkImports, denoTestBroker, parseErrors, violations } from "./grade_refusals.ts";
import { gradeNotebook, type NotebookRun } from "./grade_notebook.ts";
import { type Reference, referenceOf } from "./grade_reference.ts";
import type { PointsTable } from "./points.ts";
import type { Submission } from "./submissions.ts";
import type { GradedNotebook, NotebookTrouble } from "../../present/grade_story.ts";

/** The least wall clock a reference run gets, in seconds, whatever `--timeout` says. */
export const REFERENCE_TIMEOUT = 120;

/** How a class is graded. */
export interface GradeOptions {
  /** The project root (its `lib/`, `data/`, `deno.lock`, `runs/`). */
  project: string;
  /** The committed notebooks by name. */
  committed: ReadonlyMap<string, Notebook>;
  jobs: number;
  limits: SandboxLimits;
  points: PointsTable;
  /** Called after each notebook (reference runs are not counted). */
  progress?: (p: { done: number; total: number; seconds: number; last: GradedNotebook }) => void;
}

/** Why a run leaves its notebook ungraded, or null when it can be judged. */
export function troubleOf(
  run: SandboxRun,
  refused: readonly string[],
  runningCell: string,
  timeoutSeconds: number,
): { status: NotebookTrouble; detail: string } | null {
  if (refused.length > 0) {
    return { status: "sandbox violation", detail: `refused: ${refused.join(", ")}` };
  }
  if (run.end === "timeout") {
    return {
      status: "timeout",
      detail: `still running after ${timeoutSeconds} s, in ${runningCell}`,
    };
  }
  if (
    run.end === "memory" || run.signal === "SIGTRAP" || /heap limit|out of memory/i.test(run.stderr)
  ) {
    return {
      status: "memory limit",
      detail: `over the memory cap (${run.peakRssMb} MB resident), in ${runningCell}`,
    };
  }
  if (run.end === "output") {
    return {
      status: "sandbox violation",
      detail: `printed or wrote more than the output cap, in ${runningCell}`,
    };
  }
  if (!run.events.some((e) => e.kind === "open")) {
    return {
      status: "did not compile",
      detail: stopReason(run.stderr) || "the program did not start",
    };
  }
  return null;
}

function cellLabel(program: Program, position: number): string {
  const c = program.cells[position - 1];
  if (c === undefined) return "its imports";
  return `cell ${c.submitted ?? c.committed} (${
    firstLine({ cell_type: "code", source: c.source, metadata: {} }, 40)
  })`;
}

/** Runs one program in a slot: imports checked, sandbox, what kept it from being judged. */
async function execute(
  slot: Slot,
  program: Program,
  limits: SandboxLimits,
  unparsed: string | null,
): Promise<NotebookRun> {
  const none = { program, events: [], stderr: "", rejected: 0, seconds: 0 };
  if (unparsed !== null) {
    return { ...none, trouble: { status: "did not compile", detail: unparsed } };
  }
  const key = crypto.randomUUID() + crypto.randomUUID();
  const module = await prepareSlot(slot, programModule(program, key));
  // Only code the student wrote can import something new; an import needs the keyword `import`
  // or `export` (a keyword cannot be spelled with escapes), so without one there is nothing to ask.
  const typed = program.cells.filter((c) => c.role !== "teacher").map((c) => c.source).join("\n");
  const imports = /\b(?:import|export)\b/.test(typed) ? await checkImports(slot, module) : [];
  if (imports.length > 0) {
    const detail =
      `imports ${imports.join(", ")}: only node:, locked npm: and the course's lib/ may be ` +
      "imported (an import is read before any permission is checked)";
    return { ...none, trouble: { status: "sandbox violation", detail } };
  }
  const run = await runSandbox(slot, module, key, limits, denoTestBroker);
  const refused = violations(run, sandboxGrants(slot), join(slot.root, "runs"));
  const running = run.events.filter((e) => e.kind === "cell").at(-1)?.cell ?? 0;
  const trouble = troubleOf(run, refused, cellLabel(program, running), limits.timeoutSeconds);
  return {
    program,
    trouble,
    events: run.events,
    stderr: run.stderr,
    rejected: run.rejected,
    seconds: run.seconds,
  };
}

/** Runs `tasks` on the slots, one task per free slot. */
async function pool<T>(
  slots: readonly Slot[],
  tasks: ((slot: Slot) => Promise<T>)[],
): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(slots.map(async (slot) => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i](slot);
    }
  }));
  return out;
}

/** Grades every submission (see the module doc), in the order given. */
export async function gradeClass(
  subs: readonly Submission[],
  o: GradeOptions,
): Promise<GradedNotebook[]> {
  const programs = subs.map((s) => buildProgram(o.committed.get(s.notebook)!, s.nb));
  const student = programs.flatMap((p, i) =>
    p.cells.filter((c) => c.role !== "teacher").map((c) => ({ i, c }))
  );
  const errors = await parseErrors(
    join(gradingDir(), `parse-${Deno.pid}`),
    student.map((s) => s.c.source),
  );
  const unparsed = new Map<number, string>();
  errors.forEach((msg, k) => {
    const { i, c } = student[k];
    if (!unparsed.has(i)) unparsed.set(i, `cell ${c.submitted} does not parse on its own: ${msg}`);
  });
  const cache = await new Deno.Command(denoBinary(), {
    args: [
      "cache",
      "--no-config",
      `--lock=${join(o.project, "deno.lock")}`,
      "--frozen",
      join(o.project, "lib", "mod.ts"),
      join(o.project, "lib", "course", "tools", "grade_prelude.ts"),
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!cache.success) {
    throw new InputError(
      "deno.lock",
      null,
      `cannot cache the library: ${new TextDecoder().decode(cache.stderr).trim().split("\n")[0]}`,
    );
  }
  const slots = await acquireSlots(o.project, Math.max(1, Math.min(o.jobs, subs.length)));
  try {
    const referenceLimits = {
      ...o.limits,
      timeoutSeconds: Math.max(o.limits.timeoutSeconds, REFERENCE_TIMEOUT),
    };
    const names = [...new Set(subs.map((s) => s.notebook))];
    const own = names.map((n) => buildProgram(o.committed.get(n)!, o.committed.get(n)!));
    const memo = new Map<string, string>();
    const refRuns = await pool(
      slots,
      names.flatMap((_, k) =>
        [0, 1].map(() => async (slot: Slot) => {
          const run = await execute(slot, own[k], referenceLimits, null);
          for (const [key, value] of await offeredMemo(slot)) memo.set(key, value);
          return run;
        })
      ),
    );
    const refs = new Map<string, Reference>();
    names.forEach((name, k) => {
      const runs = refRuns.slice(2 * k, 2 * k + 2).map((r) => ({
        events: r.events,
        stderr: r.stderr,
        problems: r.trouble === null ? [] : [`${r.trouble.status}: ${r.trouble.detail}`],
      }));
      const ref = referenceOf(name, expectedItems(o.committed.get(name)!), own[k], runs);
      if (typeof ref === "string") {
        throw new InputError(
          `notebooks/${name}.ipynb`,
          null,
          `cannot be graded in the sandbox as committed: ${ref}`,
        );
      }
      refs.set(name, ref);
    });
    for (const slot of slots) await writeMemo(slot, memo);
    const started = performance.now();
    let done = 0;
    return await pool(
      slots,
      subs.map((s, i) => async (slot: Slot) => {
        const run = await execute(slot, programs[i], o.limits, unparsed.get(i) ?? null);
        const who = { student: s.student, notebook: s.notebook, file: s.file };
        const graded = gradeNotebook(who, refs.get(s.notebook)!, s.nb, run, o.points);
        o.progress?.({
          done: ++done,
          total: subs.length,
          seconds: (performance.now() - started) / 1000,
          last: graded,
        });
        return graded;
      }),
    );
  } finally {
    for (const slot of slots) slot.release();
  }
}
