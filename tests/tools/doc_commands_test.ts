/**
 * The docs' notebook commands, run (the rest of the docs' `deno task` lines run in
 * tests/docs/doc_commands_test.ts). Each line tests/docs/doc_lines.ts sends here is run in a
 * scratch copy of the project, with smaller flags stated here: one notebook
 * (`--only M1_reinforce_slow_motion`, the one TEACHING.md's review lines name) and a budget for a
 * busy machine (`--budget 300`); `path/to/` is the folder `deno task notebooks` writes. Order:
 * the notebooks as committed, then with the solutions, then the review lines (on the solutions
 * run, so CLEAN, exit 0), then the browser check and the grade lines (the executed folder holds
 * the solutions run: full marks; the committed folder: untouched). A `jq` line is skipped when
 * jq is missing.
 * Needs Jupyter and Chromium: `deno task test:tools`.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { docLines, howToRun } from "../docs/doc_lines.ts";
import { requireTools } from "./tools.ts";
import { haveJq, scratchProject, sh, shellEnv } from "../scratch_project.ts";

const ONLY = "--only M1_reinforce_slow_motion --budget 300";

/** The runnable form of a notebook line, and its place in the order above. */
function runnable(command: string): { order: number; command: string } {
  const c = command.replaceAll("path/to/", "runs/notebooks/");
  if (/^deno task notebooks --with-solutions/.test(c)) return { order: 1, command: `${c} ${ONLY}` };
  if (/^deno task notebooks(\s|$)/.test(c)) return { order: 0, command: `${c} ${ONLY}` };
  if (/^deno task review\s/.test(c)) return { order: 2, command: c };
  return { order: 3, command: c };
}

Deno.test({
  name: "the docs' notebook commands run: notebooks both ways, the review, the browser check",
  sanitizeResources: false,
  async fn() {
    await requireTools();
    const lines = [];
    for (const f of ["README.md", "notebooks/TEACHING.md", "notebooks/INTRODUCTION.md"]) {
      const doc = await Deno.readTextFile(join(PROJECT_ROOT, f));
      lines.push(...docLines(doc, f).filter((d) => howToRun(d)?.how === "tools"));
    }
    assert(lines.length >= 4, `only ${lines.length} notebook lines in the docs`);
    const jq = await haveJq();
    const entries = ["lib", "data", "deno.json", "deno.lock", "notebooks"];
    const dir = await scratchProject(entries, "doc-notebooks-");
    const env = shellEnv();
    try {
      const plan = lines.map((d) => ({ d, ...runnable(d.command) }))
        .sort((a, b) => a.order - b.order);
      for (const { d, command } of plan) {
        if (!jq && /\bjq\b/.test(command)) continue;
        const out = await sh(command, dir, env);
        assertEquals(
          out.code,
          d.exit,
          `${d.file}:${d.line}: \`${command}\` exited ${out.code}\n` + out.stdout.slice(-800) +
            out.stderr.slice(-400),
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
