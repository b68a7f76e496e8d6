/**
 * The pure parts of headless execution (lib/course/tools/execute.ts, lib/course/tools/notebook_runs.ts): the
 * kernel's PATH and the promise `deno task notebooks` holds each run to. Running Jupyter itself
 * is tests/tools/jupyter_test.ts (`deno task test:tools`).
 */
import { dirname } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { kernelPath } from "../../lib/course/tools/execute.ts";
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
