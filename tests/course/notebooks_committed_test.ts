/**
 * The committed notebooks (`notebooks/*.ipynb`): the policy is that they carry no outputs, so the
 * repository never holds stale results (a fresh run goes to `runs/notebooks/`). Also pinned here,
 * because `deno check` and `deno lint` skip `.ipynb`: cells show output only through `show()`
 * (`console.log` output can be dropped by the kernel), import the library relatively, name the
 * Deno kernel, and list the checks the teacher review expects.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { cellSource, readNotebook } from "../../lib/course/ipynb.ts";
import {
  committedProblems,
  listNotebooks,
  NO_OUTPUT_MARKER,
  notebookName,
} from "../../lib/course/execute.ts";
import { expectedChecksOf } from "../../lib/course/review.ts";

const STRIP = "deno task notebooks:strip";
const paths = await listNotebooks();

Deno.test("the milestone notebooks are committed", () => {
  assert(paths.length > 0, "no notebooks/*.ipynb found");
});

for (const path of paths) {
  const name = notebookName(path);
  const nb = await readNotebook(path);
  const code = nb.cells.filter((c) => c.cell_type === "code");

  Deno.test(`${name}: committed without outputs or execution counts`, () => {
    const problems = committedProblems(nb);
    assert(
      problems.length === 0,
      `${name} is committed with outputs:\n  ${problems.join("\n  ")}\nclear them with: ${STRIP}`,
    );
  });

  Deno.test(`${name}: names the Deno kernel, so VS Code and JupyterLab pick it`, () => {
    assertEquals((nb.metadata.kernelspec as { name?: string } | undefined)?.name, "deno");
  });

  Deno.test(`${name}: cells show output through show(), never console.log`, () => {
    const offending = code.filter((c) => /console\.(log|info|table)\(/.test(cellSource(c)));
    assertEquals(offending.map(cellSource), []);
  });

  Deno.test(`${name}: every code cell shows something or is marked ${NO_OUTPUT_MARKER}`, () => {
    const silent = code.filter((c) => {
      const src = cellSource(c);
      return src.trim() !== "" && !src.includes(NO_OUTPUT_MARKER) && !/\bshow\(/.test(src);
    });
    assertEquals(silent.map(cellSource), []);
  });

  Deno.test(`${name}: imports the library relatively from ../lib/`, () => {
    const imports = code.flatMap((c) =>
      [...cellSource(c).matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1])
    );
    assertEquals(imports.filter((s) => !s.startsWith("../lib/")), []);
  });

  Deno.test(`${name}: lists the checks its cells report`, () => {
    const expected = expectedChecksOf(nb);
    const reported = code.flatMap((c) =>
      [...cellSource(c).matchAll(/check\(\s*"([^"]+)"/g)].map((m) => m[1])
    );
    assertEquals([...new Set(reported)].sort(), [...expected].sort());
  });
}
