/**
 * Teacher review of a student's executed notebook (reads the notebook, the runs it cites and the
 * sealed data list; writes nothing).
 *
 * A notebook is clean when:
 * 1. every runnable code cell ran, in order: execution counts are present and strictly
 *    increasing from top to bottom (what "Restart & Run All" produces; a cell re-run after
 *    editing breaks the order, so its output may not match the cells around it);
 * 2. no cell raised (no output of type `error`);
 * 3. every run it cites with a `run: runs/<name>` line exists, and its `manifest.json` was
 *    measured on sealed data with the current scorer: `dataset_fingerprint` is the SHA-256 that
 *    `data/SHA256SUMS` lists for a course file, and `scorer_version` / `scorer_fingerprint` (and
 *    `scorer_name`, when present) equal the current scorer's. A manifest with none of these
 *    fields (a Loop C run: no dataset, no scorer) only has to exist; one with some but not all of
 *    the dataset/scorer fields is a problem. `scratch run:` lines (the deliberate tamper
 *    experiment) are listed, not checked;
 * 4. every check printed `CHECK PASSED`, none `CHECK FAILED`, and every check the course expects
 *    (the `checks` list in the notebook's `metadata.rl_course`, taken from the committed copy of
 *    the notebook when there is one, so deleting a check cell does not hide it) reported.
 *
 * The `run:` and `CHECK` lines are written by lib/course/display.ts's `cite()` and `check()`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { findChecks } from "./review.ts";
 * const cell = { cell_type: "code", source: "", metadata: {}, execution_count: 1, outputs: [
 *   { output_type: "display_data", data: { "text/plain": "CHECK FAILED: kata: q3 is a parser bug" } },
 * ] };
 * assertEquals(findChecks({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] }),
 *   [{ cell: 1, name: "kata", ok: false, why: "q3 is a parser bug" }]);
 * ```
 * @module
 */
import { join, normalize } from "node:path";
import { InputError } from "../core/errors.ts";
import { type Cell, firstLine, isRunnable, type Notebook, outputLines } from "./ipynb.ts";
import { parseSums } from "../core/seal.ts";

/** The instrument a run must have been measured with (the current lib/instrument/scorer.ts). */
export interface RunScorer {
  scorer_name: string;
  scorer_version: string;
  scorer_fingerprint: string;
}

/** What the review compares against. */
export interface ReviewContext {
  /** The folder `runs/...` citations are resolved against (the project root). */
  projectRoot: string;
  /** The sealed data: path under `data/` → SHA-256, from `data/SHA256SUMS`. */
  sealed: ReadonlyMap<string, string>;
  /** The current scorer. */
  scorer: RunScorer;
  /** The check names the course expects (default: the notebook's own `metadata.rl_course.checks`). */
  expectedChecks?: readonly string[];
}

/** A `run:` (or `scratch run:`) line found in a cell's output. */
export interface Citation {
  cell: number;
  path: string;
  scratch: boolean;
}

/** A `CHECK PASSED` / `CHECK FAILED` line found in a cell's output. */
export interface CheckLine {
  cell: number;
  name: string;
  ok: boolean;
  why: string;
}

/** One cited run, as the review found it. */
export interface RunFinding {
  path: string;
  scratch: boolean;
  /** What was verified, or why it was not. */
  status: string;
  ok: boolean;
}

/** The review's findings. */
export interface ReviewReport {
  /** Runnable code cells, and how many of them ran. */
  codeCells: number;
  ran: number;
  runs: RunFinding[];
  checks: CheckLine[];
  /** Everything that keeps the notebook from being clean, one line each. */
  problems: string[];
}

const RUN_LINE = /^(scratch run|run): (runs\/\S+)$/;
const CHECK_LINE = /^CHECK (PASSED|FAILED): ([^:]+?)(?:: (.*))?$/;

function where(cell: Cell, index: number): string {
  return `cell ${index + 1} (${firstLine(cell)})`;
}

/** The `run:` and `scratch run:` lines of every output, in order. */
export function findCitations(nb: Notebook): Citation[] {
  const found: Citation[] = [];
  nb.cells.forEach((cell, i) => {
    for (const line of outputLines(cell)) {
      const m = RUN_LINE.exec(line.trim());
      if (m) {
        found.push({ cell: i + 1, path: m[2].replace(/\/$/, ""), scratch: m[1] === "scratch run" });
      }
    }
  });
  return found;
}

/** The `CHECK PASSED` / `CHECK FAILED` lines of every output, in order. */
export function findChecks(nb: Notebook): CheckLine[] {
  const found: CheckLine[] = [];
  nb.cells.forEach((cell, i) => {
    for (const line of outputLines(cell)) {
      const m = CHECK_LINE.exec(line.trim());
      if (m) found.push({ cell: i + 1, name: m[2], ok: m[1] === "PASSED", why: m[3] ?? "" });
    }
  });
  return found;
}

/**
 * Problems with how the cells ran: a runnable cell with no execution count, counts that do not
 * strictly increase down the notebook, and error outputs.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { executionOrderProblems } from "./review.ts";
 * const cell = (n: number) => ({ cell_type: "code", source: `x${n}`, metadata: {}, execution_count: n, outputs: [] });
 * assertEquals(executionOrderProblems({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(2), cell(1)] }),
 *   ["cell 2 (x1) ran out of order: execution count 1 after 2 (restart the kernel and run all cells)"]);
 * ```
 */
export function executionOrderProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  let last = 0;
  nb.cells.forEach((cell, i) => {
    if (!isRunnable(cell)) return;
    const n = cell.execution_count;
    if (n === null || n === undefined) {
      problems.push(`${where(cell, i)} did not run`);
    } else {
      if (n <= last) {
        problems.push(
          `${where(cell, i)} ran out of order: execution count ${n} after ${last} ` +
            "(restart the kernel and run all cells)",
        );
      }
      last = Math.max(last, n);
    }
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        problems.push(
          `${where(cell, i)} raised ${out.ename ?? "Error"}: ${out.evalue ?? ""}`.trim(),
        );
      }
    }
  });
  return problems;
}

/** Reads `data/SHA256SUMS` (lib/core/seal.ts's format) into path → hash; a missing list is an InputError. */
export async function loadSealed(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new InputError(path, null, "no such file (the sealed data list)");
    }
    throw new InputError(path, null, `cannot read: ${(e as Error).message}`);
  }
  return parseSums(text);
}

/**
 * The first sealed path that a string anywhere in `manifest` names (`data/datasets/dev.jsonl`,
 * an absolute path ending in it, …), preferring datasets; null when none does. Used only to
 * name the difference when a fingerprint does not match.
 */
function sealedPathNamedIn(manifest: unknown, sealed: ReadonlyMap<string, string>): string | null {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(manifest);
  const names = [...sealed.keys()].sort((a, b) =>
    Number(b.startsWith("datasets/")) - Number(a.startsWith("datasets/"))
  );
  return names.find((name) =>
    strings.some((s) => s === `data/${name}` || s.endsWith(`/data/${name}`))
  ) ?? null;
}

function short(hash: unknown): string {
  return typeof hash === "string" ? `${hash.slice(0, 12)}…` : JSON.stringify(hash);
}

/**
 * Holds one run's manifest to the contract (rule 3 above). Returns the problems (empty: fine)
 * and a one-line status for the report.
 */
export function manifestFindings(
  runPath: string,
  manifest: Record<string, unknown>,
  ctx: Pick<ReviewContext, "sealed" | "scorer">,
): { problems: string[]; status: string } {
  const fields = ["dataset_fingerprint", "scorer_version", "scorer_fingerprint"] as const;
  const present = fields.filter((f) => manifest[f] !== undefined);
  const kind = typeof manifest.kind === "string" ? manifest.kind : "run";
  if (present.length === 0) {
    return { problems: [], status: `exists (${kind}: no dataset, no scorer)` };
  }
  const problems: string[] = [];
  for (const f of fields.filter((f) => manifest[f] === undefined)) {
    problems.push(`${runPath}: manifest has no ${f}`);
  }
  const fp = manifest.dataset_fingerprint;
  let dataset = "";
  if (fp !== undefined) {
    const match = [...ctx.sealed].find(([, hash]) => hash === fp);
    const named = sealedPathNamedIn(manifest, ctx.sealed);
    if (match) dataset = match[0];
    else if (named !== null) {
      problems.push(
        `${runPath}: dataset_fingerprint ${short(fp)} differs from the sealed ${named} ` +
          `(${short(ctx.sealed.get(named))} in data/SHA256SUMS): the run measured changed data`,
      );
    } else {
      problems.push(
        `${runPath}: dataset_fingerprint ${short(fp)} matches no file in data/SHA256SUMS ` +
          "(the run measured data that is not the sealed course data)",
      );
    }
  }
  const want: [string, string][] = [
    ["scorer_version", ctx.scorer.scorer_version],
    ["scorer_fingerprint", ctx.scorer.scorer_fingerprint],
    ["scorer_name", ctx.scorer.scorer_name],
  ];
  for (const [field, expected] of want) {
    const got = manifest[field];
    if (got === undefined) continue;
    if (got !== expected) {
      const show = field === "scorer_fingerprint" ? short : (v: unknown) => JSON.stringify(v);
      problems.push(
        `${runPath}: ${field} ${show(got)} differs from the current scorer's ${show(expected)}`,
      );
    }
  }
  const status = problems.length === 0
    ? `ok (${kind}: sealed ${dataset}, scorer ${ctx.scorer.scorer_name} ${ctx.scorer.scorer_version})`
    : `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return { problems, status };
}

async function readManifest(path: string): Promise<Record<string, unknown> | string> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    return e instanceof Deno.errors.NotFound
      ? "does not exist"
      : `cannot be read (${(e as Error).message})`;
  }
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
    return "manifest.json is not a JSON object";
  } catch {
    return "manifest.json is not valid JSON";
  }
}

/** The check names the course expects, from a notebook's `metadata.rl_course.checks`. */
export function expectedChecksOf(nb: Notebook): string[] {
  const course = nb.metadata.rl_course as { checks?: unknown } | undefined;
  return Array.isArray(course?.checks) ? course.checks.filter((c) => typeof c === "string") : [];
}

/**
 * Reviews an executed notebook against the rules above.
 *
 * @param nb the student's executed notebook
 * @param ctx the project root, the sealed data list, the current scorer and the expected checks
 * @returns the findings; `problems` is empty when the notebook is clean
 */
export async function reviewNotebook(nb: Notebook, ctx: ReviewContext): Promise<ReviewReport> {
  const problems = executionOrderProblems(nb);
  const runnable = nb.cells.filter(isRunnable);
  const ran = runnable.filter((c) => c.execution_count !== null && c.execution_count !== undefined);

  const runs: RunFinding[] = [];
  const seen = new Set<string>();
  for (const c of findCitations(nb)) {
    if (seen.has(`${c.scratch}:${c.path}`)) continue;
    seen.add(`${c.scratch}:${c.path}`);
    const norm = normalize(c.path);
    if (!norm.startsWith("runs/") || norm.split("/").includes("..")) {
      problems.push(`cell ${c.cell} cites ${c.path}, which is not under runs/`);
      runs.push({ path: c.path, scratch: c.scratch, status: "not under runs/", ok: false });
      continue;
    }
    const manifest = await readManifest(join(ctx.projectRoot, norm, "manifest.json"));
    if (typeof manifest === "string") {
      const what = `cell ${c.cell} cites ${c.path}, whose manifest.json ${manifest}`;
      if (!c.scratch) problems.push(what);
      runs.push({ path: c.path, scratch: c.scratch, status: manifest, ok: false });
      continue;
    }
    if (c.scratch) {
      runs.push({
        path: c.path,
        scratch: true,
        status: "exists (scratch: not held to the contract)",
        ok: true,
      });
      continue;
    }
    const found = manifestFindings(c.path, manifest, ctx);
    problems.push(...found.problems);
    runs.push({
      path: c.path,
      scratch: false,
      status: found.status,
      ok: found.problems.length === 0,
    });
  }

  const checks = findChecks(nb);
  for (const c of checks.filter((c) => !c.ok)) {
    problems.push(`check ${c.name} failed (cell ${c.cell}): ${c.why}`);
  }
  for (const name of ctx.expectedChecks ?? expectedChecksOf(nb)) {
    if (!checks.some((c) => c.name === name)) {
      problems.push(`check ${name} never reported (was its cell deleted or not run?)`);
    }
  }
  return { codeCells: runnable.length, ran: ran.length, runs, checks, problems };
}

/**
 * The report as text: what was verified, then the problems (if any) and a verdict line
 * (`verdict: CLEAN` or `verdict: N problem(s)`).
 */
export function formatReport(path: string, report: ReviewReport): string {
  const lines = [`review: ${path}`];
  lines.push(`cells:  ${report.ran} of ${report.codeCells} code cells ran`);
  const cited = report.runs.filter((r) => !r.scratch).length;
  lines.push(
    `runs:   ${cited} cited${
      report.runs.length > cited ? `, ${report.runs.length - cited} scratch` : ""
    }`,
  );
  for (const r of report.runs) lines.push(`  ${r.scratch ? "scratch " : ""}${r.path}: ${r.status}`);
  const passed = report.checks.filter((c) => c.ok).length;
  lines.push(`checks: ${passed} passed, ${report.checks.length - passed} failed`);
  for (const c of report.checks) {
    lines.push(`  ${c.ok ? "PASSED" : "FAILED"} ${c.name}${c.why ? `: ${c.why}` : ""}`);
  }
  if (report.problems.length > 0) {
    lines.push(`problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  - ${p}`);
  }
  const n = report.problems.length;
  lines.push(`verdict: ${n === 0 ? "CLEAN" : `${n} problem${n === 1 ? "" : "s"}`}`);
  return lines.join("\n");
}
