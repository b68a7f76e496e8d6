/**
 * The pure parts of headless execution (lib/course/tools/execute.ts, lib/course/tools/notebook_runs.ts): the
 * kernel's PATH and the promise `deno task notebooks` holds each run to. Running Jupyter itself
 * is tests/tools/jupyter_test.ts (`deno task test:tools`).
 */
import { dirname } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { findNotebooks, kernelPath, skippedLines } from "../../lib/course/tools/execute.ts";
import { promiseProblems } from "../../lib/course/tools/notebook_runs.ts";

Deno.test("kernelPath() puts the running deno's folder first on PATH, so the kernelspec finds it", () => {
  const { PATH } = kernelPath();
  assert(PATH !== undefined && PATH.split(":")[0] === dirname(Deno.execPath()), PATH);
});

Deno.test("promiseProblems() holds a committed run to NOT ATTEMPTED and a solutions run to CLEAN", () => {
  const item = (kind: "exercise" | "check", status: "passed" | "not attempted") => ({
    name: kind,
    kind,
    status,
    why: "",
    cell: 1,
  });
  const base = { codeCells: 1, ran: 1, runs: [], problems: [], clean: false };
  const committed = {
    ...base,
    items: [item("exercise", "not attempted"), item("check", "passed")],
  };
  assertEquals(promiseProblems(committed, false), []);
  assertEquals(promiseProblems(committed, true), [
    "exercise exercise not attempted with the solutions",
  ]);
  assertEquals(
    promiseProblems({ ...base, clean: true, items: [item("exercise", "passed")] }, true),
    [],
  );
});

Deno.test("promiseProblems() holds a drawing to not attempted as committed and attempted with the solutions", () => {
  const drawing = (status: "attempted" | "not attempted") => ({
    name: "draw-loop",
    kind: "drawing" as const,
    status,
    why: "",
    cell: 2,
  });
  const base = { codeCells: 1, ran: 1, runs: [], problems: [] };
  assertEquals(
    promiseProblems({ ...base, clean: false, items: [drawing("not attempted")] }, false),
    [],
  );
  assertEquals(
    promiseProblems({ ...base, clean: false, items: [drawing("attempted")] }, false),
    ["drawing draw-loop attempted although the notebook is as committed: is its stub the solution?"],
  );
  assertEquals(
    promiseProblems({ ...base, clean: true, items: [drawing("attempted")] }, true),
    [],
  );
});

Deno.test("findNotebooks() keeps the course's notebooks and skips, with the reason, any other .ipynb", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const nb = (metadata: Record<string, unknown>) =>
      JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells: [] });
    await Deno.writeTextFile(`${dir}/M1_x.ipynb`, nb({ rl_course: { milestone: "M1" } }));
    await Deno.writeTextFile(`${dir}/M0_x.ipynb`, nb({ rl_course: { milestone: "M0" } }));
    await Deno.writeTextFile(`${dir}/M1_x copy.ipynb`, nb({}));
    await Deno.writeTextFile(`${dir}/M1_x-Copy1.ipynb`, nb({ rl_course: { milestone: "M1" } }));
    await Deno.writeTextFile(`${dir}/M0.5_y.ipynb`, nb({ rl_course: { milestone: "M0.5" } }));
    await Deno.writeTextFile(`${dir}/Untitled.ipynb`, "");
    await Deno.writeTextFile(`${dir}/notes.md`, "# not a notebook");
    const found = await findNotebooks(dir);
    assertEquals(found.course, [`${dir}/M0_x.ipynb`, `${dir}/M0.5_y.ipynb`, `${dir}/M1_x.ipynb`]);
    assertEquals(skippedLines(found.skipped), [
      "skipped M1_x copy.ipynb: not a course notebook (no rl_course.milestone)",
      "skipped M1_x-Copy1.ipynb: a copy of M1's notebook (a course notebook is named M1_<name>.ipynb)",
      "skipped Untitled.ipynb: is not a notebook: malformed JSON (Unexpected end of JSON input)",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
