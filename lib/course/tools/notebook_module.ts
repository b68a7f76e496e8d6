/**
 * A notebook's code as one TypeScript module, the way its kernel sees it: the code cells
 * concatenated in order (top-level `await` is allowed in a module, as in the kernel), each
 * preceded by a `// cell N` line, with a map from every module line back to its cell and line.
 * `deno check` and `deno lint` read the module; their findings are reported in cells. Pure.
 *
 * Relative imports are rewritten for the module's folder (`../lib/mod.ts` written for
 * `notebooks/` becomes `../../lib/mod.ts` from `runs/notebooks_check/`) on the same line, so the
 * map stays exact.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { notebookModule } from "./notebook_module.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
 *   { cell_type: "markdown", source: "# M9", metadata: {} },
 *   { cell_type: "code", source: 'import { show } from "../lib/mod.ts";', metadata: {}, execution_count: null, outputs: [] },
 * ] };
 * const m = notebookModule(nb, { from: "/p/notebooks", to: "/p/runs/check" });
 * assertEquals(m.text, '// cell 2\nimport { show } from "../../lib/mod.ts";\n');
 * assertEquals(m.origin(2), { cell: 2, line: 1 });
 * ```
 * @module
 */
import { relative, resolve } from "node:path";
import { cellSource, type Notebook } from "./ipynb.ts";

/** Where a module line came from: the 1-based cell and the 1-based line inside it. */
export interface Origin {
  cell: number;
  line: number;
}

/** A notebook as one module. */
export interface NotebookModule {
  /** The module's source. */
  text: string;
  /** The cell and line of a 1-based module line, or null for a `// cell N` header line. */
  origin(moduleLine: number): Origin | null;
}

const RELATIVE_IMPORT = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']+)\2/g;

/**
 * Rewrites the relative import specifiers of one line of code, written for folder `from`, so they
 * resolve the same from folder `to`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { rebaseImports } from "./notebook_module.ts";
 * assertEquals(rebaseImports('import { x } from "./solutions/M1.ts";', "/p/notebooks", "/p/runs/c"),
 *   'import { x } from "../../notebooks/solutions/M1.ts";');
 * ```
 */
export function rebaseImports(line: string, from: string, to: string): string {
  return line.replace(RELATIVE_IMPORT, (_all, head: string, quote: string, spec: string) => {
    let moved = relative(to, resolve(from, spec));
    if (!moved.startsWith(".")) moved = `./${moved}`;
    return `${head}${quote}${moved}${quote}`;
  });
}

/**
 * The notebook's code cells as one module (see the module doc). Blank code cells are skipped.
 *
 * @param nb the notebook
 * @param dirs `from`: the folder the notebook's imports are written for (its own); `to`: the
 *   folder the module will be written to
 */
export function notebookModule(nb: Notebook, dirs: { from: string; to: string }): NotebookModule {
  const lines: string[] = [];
  const origins: (Origin | null)[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = cellSource(cell);
    if (source.trim() === "") return;
    lines.push(`// cell ${i + 1}`);
    origins.push(null);
    source.replace(/\n$/, "").split("\n").forEach((line, j) => {
      lines.push(rebaseImports(line, dirs.from, dirs.to));
      origins.push({ cell: i + 1, line: j + 1 });
    });
  });
  return {
    text: lines.length === 0 ? "" : `${lines.join("\n")}\n`,
    origin: (n) => origins[n - 1] ?? null,
  };
}

/**
 * The import specifiers and imported names of every code cell (`import { a, b as c } from "x"`
 * gives `a` and `b` under `x`; type-only names are kept, marked). What the import test holds
 * against the library's exports.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { namedImports } from "./notebook_module.ts";
 * const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code",
 *   source: 'import { a, type B, c as d } from "../lib/mod.ts";', metadata: {}, outputs: [] }] };
 * assertEquals(namedImports(nb), [{ cell: 1, specifier: "../lib/mod.ts",
 *   names: [{ name: "a", type: false }, { name: "B", type: true }, { name: "c", type: false }] }]);
 * ```
 */
export function namedImports(
  nb: Notebook,
): { cell: number; specifier: string; names: { name: string; type: boolean }[] }[] {
  return nb.cells.flatMap((cell, i) => {
    if (cell.cell_type !== "code") return [];
    const found = [
      ...cellSource(cell).matchAll(/import\s*(type\s+)?\{([^}]*)\}\s*from\s*(["'])([^"']+)\3/g),
    ];
    return found.map((m) => ({
      cell: i + 1,
      specifier: m[4],
      names: m[2].split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => {
        const type = m[1] !== undefined || s.startsWith("type ");
        return { name: s.replace(/^type\s+/, "").split(/\s+as\s+/)[0].trim(), type };
      }),
    }));
  });
}
