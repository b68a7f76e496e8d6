/**
 * The docs' notebook commands, run (the rest of the docs' `deno task` lines run in
 * tests/docs/doc_commands_test.ts). Each line tests/docs/doc_lines.ts sends here is run in a
 * scratch copy of the project, with smaller flags stated here: one notebook
 * (`--only M1_reinforce_slow_motion`, the one TEACHING.md's review lines name) and a budget for a
 * busy machine (`--budget 300`); `path/to/` is the folder `deno task notebooks` writes. Order:
 * the notebooks as committed, then with the solutions, then the review lines (on the solutions
 * run, so CLEAN, exit 0), then the browser check. A `jq` line is skipped when jq is missing.
 * Needs Jupyter and Chromium: `deno task test:tools`.
 */
import { dirname, join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { docLines, howToRun } from "../docs/doc_lines.ts";
import { requireTools } from "./tools.ts";

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
    const haveJq = await new Deno.Command("jq", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output().then((o) => o.success, () => false);
    const dir = await Deno.makeTempDir({ prefix: "doc-notebooks-" });
    const env = {
      PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? ""}`,
      NO_COLOR: "1",
      DENO_NO_UPDATE_CHECK: "1",
      HOME: Deno.env.get("HOME") ?? "/tmp",
    };
    try {
      for (const entry of ["lib", "data", "deno.json", "deno.lock", "notebooks"]) {
        await new Deno.Command("cp", { args: ["-r", join(PROJECT_ROOT, entry), dir] }).output();
      }
      await Deno.mkdir(join(dir, "runs"), { recursive: true });
      const plan = lines.map((d) => ({ d, ...runnable(d.command) }))
        .sort((a, b) => a.order - b.order);
      for (const { d, command } of plan) {
        if (!haveJq && /\bjq\b/.test(command)) continue;
        const out = await new Deno.Command("bash", {
          args: ["-c", command],
          cwd: dir,
          env,
          stdout: "piped",
          stderr: "piped",
        }).output();
        assertEquals(
          out.code,
          d.exit,
          `${d.file}:${d.line}: \`${command}\` exited ${out.code}\n` +
            new TextDecoder().decode(out.stdout).slice(-800) +
            new TextDecoder().decode(out.stderr).slice(-400),
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
