// M4's regression-test runner: the student's file goes under a run folder, deno test runs it, and
// the outcome is read from the exit code and the summary line.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  parseDenoTestSummary,
  runStudentTest,
  STUDENT_TEST_FILE,
} from "../../lib/course/student_suite.ts";
import { PROJECT_ROOT, runsPath } from "../../lib/core/paths.ts";
import { uniqueRunPath } from "../../lib/core/run_dir.ts";

Deno.test("parseDenoTestSummary() reads ok and FAILED lines, with or without colours", () => {
  assertEquals(parseDenoTestSummary("x\nok | 3 passed | 0 failed (5ms)\n"), {
    ok: true,
    passed: 3,
    failed: 0,
  });
  assertEquals(parseDenoTestSummary("FAILED | 0 passed | 2 failed (1ms)"), {
    ok: false,
    passed: 0,
    failed: 2,
  });
  assertEquals(parseDenoTestSummary("ok | 1 passed (2 steps) | 0 failed (1ms)")?.passed, 1);
  assertEquals(parseDenoTestSummary("error: Module not found"), null);
});

Deno.test("runStudentTest() runs a passing file, a failing file and a broken file under runs/", async () => {
  const pass = await runStudentTest(
    await uniqueRunPath(runsPath(), "test_student_pass"),
    'Deno.test("plus", () => { assertEquals(score({ expected_answer: 3 }, "Final: +3").reward, 0); });',
    PROJECT_ROOT,
  );
  const fail = await runStudentTest(
    await uniqueRunPath(runsPath(), "test_student_fail"),
    'Deno.test("wrong", () => { assertEquals(score({ expected_answer: 3 }, "Final: 3").reward, 0); });',
    PROJECT_ROOT,
  );
  const broken = await runStudentTest(
    await uniqueRunPath(runsPath(), "test_student_broken"),
    "Deno.test(",
    PROJECT_ROOT,
  );
  try {
    assertEquals([pass.code, pass.summary], [0, { ok: true, passed: 1, failed: 0 }]);
    assert(
      pass.file.startsWith("runs/test_student_pass_") && pass.file.endsWith(STUDENT_TEST_FILE),
    );
    assertStringIncludes(pass.command, "deno test --no-config --allow-read runs/");
    assertEquals([fail.code, fail.summary], [1, { ok: false, passed: 0, failed: 1 }]);
    assert(broken.code !== 0 && broken.summary === null);
    const manifest = JSON.parse(
      await Deno.readTextFile(
        `${PROJECT_ROOT}/${pass.file.replace(STUDENT_TEST_FILE, "manifest.json")}`,
      ),
    );
    assertEquals([manifest.kind, manifest.exit_code], ["student-test", 0]);
  } finally {
    for (const r of [pass, fail, broken]) {
      await Deno.remove(`${PROJECT_ROOT}/${r.file.replace(`/${STUDENT_TEST_FILE}`, "")}`, {
        recursive: true,
      });
    }
  }
});
