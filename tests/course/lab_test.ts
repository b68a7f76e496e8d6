/**
 * The lab record (lib/course/lab.ts): every verdict a notebook shows is written with its digest
 * to a run folder the notebook cites; stubs and empty answers are NOT ATTEMPTED, whatever the
 * contract does with them; predictions are recorded with their text.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import {
  answerDigest,
  gradeAnswer,
  isTodo,
  isUntouched,
  LAB_KIND,
  type LabRecord,
  openLab,
  TODO,
} from "../../lib/course/lab.ts";

async function withRuns(fn: (runs: string) => Promise<void>): Promise<void> {
  const runs = await Deno.makeTempDir();
  try {
    await fn(runs);
  } finally {
    await Deno.remove(runs, { recursive: true });
  }
}

const double = (f: (x: number) => number) => ({ ok: f(2) === 4, why: "f(2) must be 4" });

Deno.test("openLab() writes a cited run with a notebook-checks manifest before any verdict", async () => {
  await withRuns(async (runs) => {
    const lab = await openLab("M9_demo", { root: runs });
    assert(lab.path.startsWith(`${runs}/runs/M9_demo_checks_`), lab.path);
    const manifest = JSON.parse(await Deno.readTextFile(`${lab.path}/manifest.json`));
    assertEquals([manifest.kind, manifest.notebook], [LAB_KIND, "M9_demo"]);
    assertEquals([...Deno.readDirSync(`${lab.path}/checks`)], []);
  });
});

Deno.test("lab.grade() reports a stub returning TODO as NOT ATTEMPTED, even if the contract catches", async () => {
  const stub = (_x: number): number => TODO;
  assertEquals(await gradeAnswer(stub, double), {
    status: "not attempted",
    why: "stub still returns TODO: write your version",
  });
  const swallowing = (f: (x: number) => number) => {
    try {
      return { ok: f(2) === 4, why: "ok" };
    } catch {
      return { ok: true, why: "a contract that forgives a throw" };
    }
  };
  assertEquals((await gradeAnswer(stub, swallowing)).status, "not attempted");
  assert(isTodo(TODO) && !isTodo(undefined));
});

Deno.test("lab.grade() passes or fails an attempt with the contract's words", async () => {
  assertEquals(await gradeAnswer((x: number) => 2 * x, double), {
    status: "passed",
    why: "f(2) must be 4",
  });
  assertEquals((await gradeAnswer((x: number) => x + 3, double)).status, "failed");
});

Deno.test("lab.grade() reports an empty data answer as NOT ATTEMPTED in the contract's words", async () => {
  const labelled = (a: Record<string, string>) => ({
    ok: Object.keys(a).length === 2,
    why: `unlabelled: ${["q1", "q2"].filter((k) => !(k in a)).join(", ")}`,
  });
  assertEquals(await gradeAnswer({}, labelled), {
    status: "not attempted",
    why: "unlabelled: q1, q2",
  });
  assertEquals((await gradeAnswer({ q1: "x" }, labelled)).status, "failed");
  assertEquals(
    [isUntouched(""), isUntouched("  "), isUntouched([]), isUntouched({}), isUntouched([0])],
    [true, true, true, true, false],
  );
});

Deno.test("lab records each verdict with the line it showed and that line's SHA-256", async () => {
  await withRuns(async (runs) => {
    const lab = await openLab("M9_demo", { root: runs });
    const shown = await lab.grade("double", (x: number) => 2 * x, double);
    const rec: LabRecord = JSON.parse(await Deno.readTextFile(`${lab.path}/checks/double.json`));
    assertEquals(rec.line, shown["text/plain"]);
    assertEquals(rec.line_sha256, sha256Text(rec.line));
    assertEquals([rec.kind, rec.status], ["exercise", "passed"]);
    assertEquals(rec.answer_sha256, answerDigest((x: number) => 2 * x));
    assert(lab.passed("double") && !lab.passed("never-graded"));
  });
});

Deno.test("lab.predict() is NOT ATTEMPTED while empty and keeps the text once written", async () => {
  await withRuns(async (runs) => {
    const lab = await openLab("M9_demo", { root: runs });
    assertStringIncludes(
      (await lab.predict("step-1", ""))["text/plain"],
      "CHECK NOT ATTEMPTED: predict-step-1: write your prediction",
    );
    const shown = await lab.predict("step-1", "A = +1,\n the taken action gains");
    assertEquals(
      shown["text/plain"],
      'CHECK PASSED: predict-step-1: recorded "A = +1, the taken action gains"',
    );
    const rec: LabRecord = JSON.parse(
      await Deno.readTextFile(`${lab.path}/checks/predict-step-1.json`),
    );
    assertEquals([rec.kind, rec.prediction], ["prediction", "A = +1,\n the taken action gains"]);
  });
});

Deno.test("lab.check() records a check of the library's behaviour, and a failure says why", async () => {
  await withRuns(async (runs) => {
    const lab = await openLab("M9_demo", { root: runs });
    assertEquals(
      (await lab.check("repeat-identical", false, "the runs differ"))["text/plain"],
      "CHECK FAILED: repeat-identical: the runs differ",
    );
    const rec: LabRecord = JSON.parse(
      await Deno.readTextFile(`${lab.path}/checks/repeat-identical.json`),
    );
    assertEquals([rec.kind, rec.answer_sha256], ["check", null]);
  });
});
