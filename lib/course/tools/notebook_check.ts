/**
 * Notebook code checked like library code (`deno task notebooks:check`): each notebook's code
 * cells become one module (lib/course/tools/notebook_module.ts) written to a scratch folder, then
 * - `deno check` type-checks all of them with the project's config (a stale import, a renamed
 *   export, a wrong type fails here, where the kernel would have made it `undefined`);
 * - `deno lint` lints them (an unused import, a `let` never reassigned). In an answer cell
 *   (lib/course/answers.ts) `no-unused-vars` is not reported: a stub need not use its
 *   parameters;
 * - formatting: each notebook is formatted as a copy in the scratch folder and must come back
 *   byte for byte (deno formats `.ipynb` code and Markdown cells; `deno fmt --check` itself
 *   cannot be used on notebooks: Deno 2.9's notebook formatter reports every notebook as changed
 *   even when its output is identical), and the solutions pass `deno fmt --check`.
 * Every finding names the notebook, the cell and the line in it. This module writes the modules
 * and starts `deno`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { parseCheckOutput } from "./notebook_check.ts";
 * const out = "TS2305 [ERROR]: Module has no exported member 'nope'.\nimport { nope } from \"x\";\n" +
 *   "    at file:///r/M5.ts:3:10\n";
 * assertEquals(parseCheckOutput(out), [{ file: "/r/M5.ts", line: 3, message: "TS2305: Module has no exported member 'nope'." }]);
 * ```
 * @module
 */
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { answerOf } from "./answers.ts";
import { notebookName } from "./execute.ts";
import { firstLine, readNotebook } from "./ipynb.ts";
import { type NotebookModule, notebookModule } from "./notebook_module.ts";
import { runDeno } from "../deno_run.ts";
import { guardedFolder } from "../../core/guarded_folder.ts";

/** One problem, located. */
export interface Finding {
  /** `check`, `lint` or `fmt`. */
  tool: string;
  /** Where: `M5_red_team cell 2 line 3 (import {…})`, or a file path. */
  where: string;
  message: string;
}

/** A diagnostic from `deno check`'s text output: the file, the line, and the message. */
export interface RawDiagnostic {
  file: string;
  line: number;
  message: string;
}

/** Reads `deno check`'s output (colours off): one entry per `TSxxxx [ERROR]` block. */
export function parseCheckOutput(output: string): RawDiagnostic[] {
  const found: RawDiagnostic[] = [];
  let message: string | null = null;
  for (const line of output.split("\n")) {
    const head = /^(TS\d+) \[ERROR\]: (.*)$/.exec(line);
    if (head) {
      // "on type 'typeof import("file:///…/lib/mod.ts", …)'" says no more than "in lib/mod.ts".
      const text = head[2].replace(
        /on type 'typeof import\("file:\/\/\S*?\/(lib\/[^"]+)".*$/,
        "in $1",
      );
      message = `${head[1]}: ${text}`;
      continue;
    }
    const at = /^\s+at (file:\/\/\S+):(\d+):\d+$/.exec(line);
    if (at && message !== null) {
      found.push({ file: fileURLToPath(at[1]), line: Number(at[2]), message });
      message = null;
    }
  }
  return found;
}

async function deno(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const r = await runDeno(args, cwd);
  return { code: r.code, out: r.output };
}

/** The project's `fmt` options (deno.json) as `deno fmt` flags, for files outside its scope. */
export function fmtFlags(config: { fmt?: Record<string, unknown> }): string[] {
  const f = config.fmt ?? {};
  const flags: string[] = [];
  if (typeof f.lineWidth === "number") flags.push(`--line-width=${f.lineWidth}`);
  if (typeof f.indentWidth === "number") flags.push(`--indent-width=${f.indentWidth}`);
  if (typeof f.proseWrap === "string") flags.push(`--prose-wrap=${f.proseWrap}`);
  if (typeof f.useTabs === "boolean") flags.push(`--use-tabs=${f.useTabs}`);
  if (typeof f.singleQuote === "boolean") flags.push(`--single-quote=${f.singleQuote}`);
  if (typeof f.semiColons === "boolean") flags.push(`--no-semicolons=${!f.semiColons}`);
  return flags;
}

async function fmtFindings(opts: CheckOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  const config = JSON.parse(await Deno.readTextFile(join(opts.root, "deno.json")));
  const dir = await guardedFolder(join(opts.scratch, "fmt")); // deno fmt rewrites it: checked
  const copies = await Promise.all(opts.notebooks.map(async (path) => {
    await dir.write(basename(path), await Deno.readFile(path));
    return { path, copy: join(dir.path, basename(path)) };
  }));
  const formatted = await deno([
    "fmt",
    "--no-config",
    ...fmtFlags(config),
    ...copies.map((c) => c.copy),
  ], opts.root);
  await dir.check();
  if (formatted.code !== 0) {
    findings.push({
      tool: "fmt",
      where: "deno fmt",
      message: formatted.out.trim().split("\n").slice(-2).join(" "),
    });
  }
  for (const { path, copy } of copies) {
    if (await Deno.readTextFile(path) !== await Deno.readTextFile(copy)) {
      findings.push({
        tool: "fmt",
        where: relative(opts.root, path),
        message: "not formatted: run `deno fmt` on it",
      });
    }
  }
  if (opts.files.length > 0) {
    const checked = await deno(["fmt", "--check", ...opts.files], opts.root);
    for (const m of checked.out.matchAll(/^from (\S+):$/gm)) {
      findings.push({
        tool: "fmt",
        where: relative(opts.root, m[1]),
        message: "not formatted: run `deno fmt` on it",
      });
    }
  }
  return findings;
}

/** What to check, and where. */
export interface CheckOptions {
  /** The project root (holds `deno.json`). */
  root: string;
  /** The committed notebooks. */
  notebooks: readonly string[];
  /** Extra TypeScript files checked and formatted as they are (the solutions). */
  files: readonly string[];
  /** The scratch folder the modules are written to. */
  scratch: string;
  /** The folder the notebooks' relative imports are written for (default: each one's own). */
  importsFrom?: string;
}

/**
 * Type-checks, lints and format-checks the notebooks (see the module doc); an empty list means
 * all clean.
 */
export async function checkNotebooks(opts: CheckOptions): Promise<Finding[]> {
  const scratch = await guardedFolder(opts.scratch);
  const modules = new Map<
    string,
    { name: string; mod: NotebookModule; answerCells: Set<number> }
  >();
  const describe = new Map<string, (line: number) => string>();
  for (const path of opts.notebooks) {
    const nb = await readNotebook(path);
    const name = notebookName(path);
    const file = join(opts.scratch, `${name}.ts`);
    const mod = notebookModule(nb, {
      from: opts.importsFrom ?? join(path, ".."),
      to: opts.scratch,
    });
    await scratch.write(`${name}.ts`, mod.text);
    const answerCells = new Set(nb.cells.flatMap((c, i) => answerOf(c) === null ? [] : [i + 1]));
    modules.set(file, { name, mod, answerCells });
    describe.set(file, (line) => {
      const o = mod.origin(line);
      return o === null
        ? `${name} (module line ${line})`
        : `${name} cell ${o.cell} line ${o.line} (${firstLine(nb.cells[o.cell - 1], 40)})`;
    });
  }
  const findings: Finding[] = [];
  const whereOf = (file: string, line: number) =>
    describe.get(file)?.(line) ?? `${file.replace(`${opts.root}/`, "")}:${line}`;

  const files = [...modules.keys(), ...opts.files];
  const checked = await deno([
    "check",
    "--quiet",
    "--config",
    join(opts.root, "deno.json"),
    ...files,
  ], opts.root);
  const diagnostics = parseCheckOutput(checked.out);
  for (const d of diagnostics) {
    findings.push({ tool: "check", where: whereOf(d.file, d.line), message: d.message });
  }
  if (checked.code !== 0 && diagnostics.length === 0) {
    findings.push({
      tool: "check",
      where: "deno check",
      message: checked.out.trim().split("\n").slice(-3).join(" "),
    });
  }

  const linted = await deno(["lint", "--no-config", "--json", ...files], opts.root);
  const report = JSON.parse(linted.out.slice(linted.out.indexOf("{"))) as {
    diagnostics: {
      filename: string;
      range: { start: { line: number } };
      code: string;
      message: string;
    }[];
  };
  for (const d of report.diagnostics) {
    const file = fileURLToPath(d.filename);
    const m = modules.get(file);
    const origin = m?.mod.origin(d.range.start.line);
    if (d.code === "no-unused-vars" && origin && m?.answerCells.has(origin.cell)) continue;
    findings.push({
      tool: "lint",
      where: whereOf(file, d.range.start.line),
      message: `${d.code}: ${d.message}`,
    });
  }

  findings.push(...await fmtFindings(opts));
  return findings;
}
