/**
 * The form notebooks are committed in: no outputs, no execution counts, no execution timings, so
 * the repository never holds stale results (a fresh run goes to `runs/notebooks/`). Pure but for
 * {@link stripNotebooks}, which rewrites files.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { committedProblems, stripOutputs } from "./committed.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "1", metadata: {}, execution_count: 3, outputs: [] },
 * ] };
 * assertEquals(committedProblems(nb), ["cell 1 (1) has execution_count 3 (want null)"]);
 * assertEquals(committedProblems(stripOutputs(nb)), []);
 * ```
 * @module
 */
import { basename } from "node:path";
import { type Cell, firstLine, type Notebook, readNotebook, serializeNotebook } from "./ipynb.ts";

function where(cell: Cell, index: number): string {
  return `cell ${index + 1} (${firstLine(cell)})`;
}

/**
 * The problems of a committed notebook: code cells that carry outputs, an execution count or
 * execution timings.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { committedProblems } from "./committed.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "code", source: "1", metadata: {}, execution_count: 3, outputs: [] },
 * ] };
 * assertEquals(committedProblems(nb), ["cell 1 (1) has execution_count 3 (want null)"]);
 * ```
 */
export function committedProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const n = cell.outputs?.length ?? 0;
    if (n > 0) problems.push(`${where(cell, i)} has ${n} output${n === 1 ? "" : "s"} (want none)`);
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`${where(cell, i)} has execution_count ${cell.execution_count} (want null)`);
    }
    if (cell.metadata?.execution !== undefined) {
      problems.push(`${where(cell, i)} has execution timings in its metadata (want none)`);
    }
  });
  return problems;
}

/**
 * A copy of `nb` with every code cell's outputs emptied, execution count cleared and the
 * execution timings nbclient records in `metadata.execution` dropped (the form notebooks are
 * committed in). The input is not changed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { committedProblems, stripOutputs } from "./committed.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code",
 *   source: "1", metadata: {}, execution_count: 1, outputs: [{ output_type: "stream" }] }] };
 * assertEquals(committedProblems(stripOutputs(nb)), []);
 * assertEquals(nb.cells[0].execution_count, 1);
 * ```
 */
export function stripOutputs(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => {
      if (c.cell_type !== "code") return c;
      const { execution: _timings, ...metadata } = c.metadata ?? {};
      return { ...c, metadata, outputs: [], execution_count: null };
    }),
  };
}

/**
 * Rewrites each notebook file in the committed form when it is not in it already (this writes
 * the files) and returns one line per notebook saying what was done.
 */
export async function stripNotebooks(paths: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const path of paths) {
    const nb = await readNotebook(path);
    const n = committedProblems(nb).length;
    if (n > 0) await Deno.writeTextFile(path, serializeNotebook(stripOutputs(nb)));
    const name = basename(path).replace(/\.ipynb$/, "");
    lines.push(`strip: ${name} ${n === 0 ? "already clean" : `cleared (${n} problems fixed)`}`);
  }
  return lines;
}
