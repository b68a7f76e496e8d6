/**
 * `deno task notebooks:check`: the notebooks' code checked like library code
 * (lib/course/tools/notebook_check.ts): type-checked, linted and format-checked, each finding named by
 * notebook, cell and line.
 * @module
 */
import { join } from "node:path";
import { PROJECT_ROOT, runsPath } from "../core/paths.ts";
import { listNotebooks, notebookName, selectNotebooks } from "../course/tools/execute.ts";
import { checkNotebooks } from "../course/tools/notebook_check.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const NOTEBOOKS_CHECK = {
  name: "deno task notebooks:check",
  summary: `Type-checks each notebook's code cells as one module (cells in order, top-level await
allowed; the modules are written to runs/notebooks_check/) with \`deno check\`, lints them with
\`deno lint\`, and checks the notebooks and notebooks/solutions/*.ts with \`deno fmt --check\`.`,
  flags: {
    only: flag.list("NAME", "check only this notebook (repeatable)"),
  },
  epilogue: "Exit 0 when everything is clean, 1 with the findings (notebook, cell, line).",
} as const satisfies Command;

async function solutions(): Promise<string[]> {
  const dir = join(PROJECT_ROOT, "notebooks", "solutions");
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name.endsWith(".ts")) files.push(join(dir, e.name));
  }
  return files.sort();
}

if (import.meta.main) {
  await runCommand(NOTEBOOKS_CHECK, async (flags) => {
    const notebooks = selectNotebooks(await listNotebooks(), flags.only);
    const files = flags.only.length === 0 ? await solutions() : [];
    console.log(`notebooks:check: ${notebooks.length} notebooks, ${files.length} solution files`);
    const findings = await checkNotebooks({
      root: PROJECT_ROOT,
      notebooks,
      files,
      scratch: runsPath("notebooks_check"),
    });
    for (const f of findings) console.log(`${f.tool.padEnd(5)} ${f.where}: ${f.message}`);
    const bad = new Set(findings.map((f) => f.where.split(" ")[0]));
    console.log(
      `notebooks:check: ${findings.length === 0 ? "clean" : `${findings.length} findings`} ` +
        `(${
          notebooks.map(notebookName).filter((n) => !bad.has(n)).length
        } of ${notebooks.length} notebooks clean)`,
    );
    return findings.length === 0 ? 0 : 1;
  });
}
