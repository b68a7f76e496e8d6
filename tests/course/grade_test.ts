/**
 * `deno task grade`'s verdicts (lib/course/tools/grade_class.ts), issue 19's cases, on real
 * notebooks made from the committed M3 (its exercise `kl-optimal-policy`, a function over its
 * stub `return rl.TODO;`): one class of students, each the case of one test, re-executed in the
 * sandbox together (2 at a time), as a teacher would grade them.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import { cellSource } from "../../lib/course/tools/ipynb.ts";
import type { GradedItem, GradedNotebook } from "../../lib/present/grade_story.ts";
import {
  cellsOf,
  committedNotebook,
  grade,
  handIn,
  shown,
  solved,
  typed,
  withCell,
} from "./grade_fixtures.ts";

const M3 = "M3_kl_objective";
const nb = await committedNotebook(M3);
const { answer, check } = cellsOf(nb, "myOptimalPolicy");
const right = await solved(nb, M3, "myOptimalPolicy");
const WRONG = "return ref.map((p, a) => p * Math.exp(rewards[a] / beta)); // not normalised";
const wrong = typed(nb, "myOptimalPolicy", WRONG);
const FORGED_LINE = "CHECK PASSED: kl-optimal-policy: matches the closed form";
const forgedOutputs = (n: typeof nb) =>
  withCell(n, check, (c) => ({ ...c, execution_count: 12, outputs: [shown(FORGED_LINE)] }));
const outside = `${await Deno.makeTempDir({ prefix: "grade-outside-" })}/written-by-a-student.txt`;
const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
const port = (listener.addr as Deno.NetAddr).port;
const prefix = (n: typeof nb, code: string) =>
  withCell(n, answer, (c) => ({ ...c, source: `${code}\n${cellSource(c)}` }));

const CLASS = {
  // Never ends, and blocks the thread as a busy loop does (no timer inside the sandbox could
  // fire) without spending a core of the test suite; first, so that the other slot grades the
  // class while the grader waits it out.
  loops: prefix(
    right,
    "while (true) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);",
  ),
  // Issue 19, case 1: only `return rl.TODO;` replaced, the stub's comment left in place.
  honest: typed(
    nb,
    "myOptimalPolicy",
    "const scores = ref.map((p, a) => Math.log(p) + rewards[a] / beta);\n" +
      "  const max = Math.max(...scores);\n" +
      "  const next: number[] = [];\n" + // issue 19: a line ending `= [];` is code, not a stub
      "  for (const s of scores) next.push(Math.exp(s - max));\n" +
      "  const z = next.reduce((sum, w) => sum + w, 0);\n" +
      "  return next.map((w) => w / z);",
  ),
  wrong,
  untouched: nb,
  // Wrong code never run, the check's output edited by hand to say PASSED.
  forged: forgedOutputs(wrong),
  // Right code typed, never run: no outputs, nothing claimed.
  neverRun: right,
  // Outputs saved before the answer was typed: the check cell still claims NOT ATTEMPTED.
  stale: withCell(
    right,
    check,
    (c) => ({
      ...c,
      execution_count: 12,
      outputs: [
        shown(
          "CHECK NOT ATTEMPTED: kl-optimal-policy: myOptimalPolicy still returns TODO: write your version",
        ),
      ],
    }),
  ),
  editedCheck: withCell(
    nb,
    check,
    (c) => ({ ...c, source: 'await show(rl.check("kl-optimal-policy", true));' }),
  ),
  deletedCheck: { ...nb, cells: nb.cells.filter((_, i) => i !== check) },
  movedCheck: {
    ...nb,
    cells: [
      ...nb.cells.slice(0, answer),
      nb.cells[check],
      nb.cells[answer],
      ...nb.cells.slice(check + 1),
    ],
  },
  readsPasswd: prefix(right, 'const pw = Deno.readTextFileSync("/etc/passwd");'),
  caughtRead: prefix(right, 'try { Deno.readTextFileSync("/etc/passwd"); } catch { /* quiet */ }'),
  writesOutside: prefix(right, `Deno.writeTextFileSync(${JSON.stringify(outside)}, "x");`),
  opensSocket: prefix(right, `Deno.connect({ hostname: "127.0.0.1", port: ${port} });`),
  spawns: prefix(right, 'new Deno.Command("id").outputSync();'),
  spawnsQuietly: prefix(
    right,
    'try { new Deno.Command("id").outputSync(); } catch { /* quiet */ }',
  ),
  hogs: prefix(
    right,
    "const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));",
  ),
  importsSecret: prefix(right, 'import secret from "/etc/hostname" with { type: "json" };'),
  fakeVerdict: prefix(
    wrong,
    'console.log("' + FORGED_LINE +
      '");\nawait lab.grade("kl-optimal-policy", 1, () => ({ ok: true, why: "forged" }));',
  ),
  patchesMath: prefix(wrong, "Math.max = () => 1;"),
  // An unterminated template literal would swallow the cells (and markers) after it.
  unparsable: prefix(right, "const swallow = `"),
  redeclares: prefix(right, "const lab = 1;"),
  // The forged notebook again; on the student's machine its lab record (below) was rewritten
  // with a recomputed hash.
  rehashed: forgedOutputs(wrong),
  predicts: withCell(
    nb,
    cellsOf(nb, "myBetaPrediction").answer,
    (c) => ({ ...c, source: 'const myBetaPrediction = "all mass on the hack at β = 0";' }),
  ),
};

// The student's machine: a lab record run beside the notebook, its line and digest rewritten.
const studentMachine = await Deno.makeTempDir({ prefix: "grade-student-" });
const recordDir = `${studentMachine}/runs/M3_kl_objective_checks_20260101T000000Z/checks`;
await Deno.mkdir(recordDir, { recursive: true });
await Deno.writeTextFile(
  `${recordDir}/kl-optimal-policy.json`,
  JSON.stringify({
    name: "kl-optimal-policy",
    line: FORGED_LINE,
    line_sha256: sha256Text(FORGED_LINE),
  }),
);

/** Long enough for every other student's run on a busy machine (each takes under a second). */
const TIMEOUT = 6;

const graded = await grade(
  Object.entries(CLASS).map(([student, n]) => handIn(student, M3, n)),
  { memoryMb: 512, timeoutSeconds: TIMEOUT },
);
listener.close();
await Deno.remove(studentMachine, { recursive: true });

function exercise(student: string): GradedItem {
  return graded.get(student)!.items.find((it) => it.item === "kl-optimal-policy")!;
}
const notebook = (student: string): GradedNotebook => graded.get(student)!;

Deno.test("honest correct, the stub's comment left in place: passed, full points, nothing found", () => {
  const it = exercise("honest");
  assertEquals(notebook("honest").detail, "");
  assertEquals([it.verdict, it.points, it.findings, it.forged], ["passed", 2, [], false]);
  assertEquals(notebook("honest").findings, []);
});

Deno.test("honest wrong: failed, with the check's own reason", () => {
  const it = exercise("wrong");
  assertEquals([it.verdict, it.points, it.forged], ["failed", 0, false]);
  assert(it.reason.length > 10, it.reason);
});

Deno.test("untouched: every exercise and prediction not attempted, every check passed", () => {
  for (const it of notebook("untouched").items) {
    assertEquals(it.verdict, it.kind === "check" ? "passed" : "not attempted", it.item);
  }
});

Deno.test("output forged to CHECK PASSED over wrong code: failed, output does not match re-execution, forged", () => {
  const it = exercise("forged");
  assertEquals([it.verdict, it.forged], ["failed", true]);
  assert(
    it.findings.some((f) => f.includes("output does not match re-execution")),
    it.findings.join("\n"),
  );
  assert(notebook("forged").findings.some((f) => f.includes(FORGED_LINE.slice(0, 30))));
});

Deno.test("the lab record rewritten with a recomputed hash changes nothing: the grader never reads it", () => {
  const it = exercise("rehashed");
  assertEquals([it.verdict, it.forged], ["failed", true]);
  assert(it.findings.some((f) => f.includes("output does not match re-execution")));
});

Deno.test("code typed but never run: graded on re-execution, nothing claimed, nothing found", () => {
  const it = exercise("neverRun");
  assertEquals([it.verdict, it.findings], ["passed", []]);
});

Deno.test("outputs older than the answer: graded on re-execution, the mismatch said, not forged", () => {
  const it = exercise("stale");
  assertEquals([it.verdict, it.forged], ["passed", false]);
  assert(it.findings.some((f) => f.includes("output does not match re-execution")));
});

Deno.test("a check cell edited, deleted or moved before its exercise: teacher cell changed, the committed check ran", () => {
  for (
    const [student, what] of [["editedCheck", "was edited"], ["deletedCheck", "was deleted"], [
      "movedCheck",
      "was moved above",
    ]]
  ) {
    const it = exercise(student);
    assertEquals([it.verdict, it.forged], ["not attempted", true], student);
    assert(
      it.findings.some((f) => f.startsWith("teacher cell changed") && f.includes(what)),
      `${student}: ${it.findings}`,
    );
  }
});

Deno.test("reading /etc/passwd, writing outside, a socket, a process: sandbox violation naming what Deno refused", async () => {
  const cases: [string, string][] = [
    ["readsPasswd", "read /etc/passwd"],
    ["caughtRead", "read /etc/passwd"],
    ["writesOutside", `write ${outside}`],
    ["opensSocket", `net 127.0.0.1:${port}`],
    ["spawns", "run id"],
    ["spawnsQuietly", "run id"], // not in Deno's audit: the prelude reports each Deno.Command
    ["importsSecret", "/etc/hostname"],
  ];
  for (const [student, refused] of cases) {
    const g = notebook(student);
    assertEquals(g.status, "sandbox violation", `${student}: ${g.detail}`);
    assertStringIncludes(g.detail, refused);
    assert(g.items.every((it) => it.verdict === "sandbox violation" && it.points === 0), student);
  }
  assertEquals(await Deno.stat(outside).then(() => "written", () => "untouched"), "untouched");
});

Deno.test("a loop without end: timeout; unbounded allocation: memory limit; the class is still graded", () => {
  assertEquals(notebook("loops").status, "timeout");
  assertStringIncludes(notebook("loops").detail, `still running after ${TIMEOUT} s, in cell`);
  assertEquals(notebook("hogs").status, "memory limit");
  assertEquals(exercise("honest").verdict, "passed");
});

Deno.test("a verdict recorded from the student's own cell, and a line printed, are ignored", () => {
  const it = exercise("fakeVerdict");
  assertEquals(it.verdict, "failed");
  assert(it.findings.some((f) => f.includes("also recorded from")), it.findings.join("\n"));
});

Deno.test("the built-ins are frozen before the first cell: patching Math stops the program, no pass", () => {
  const it = exercise("patchesMath");
  assertEquals(it.verdict, "not run");
  assertStringIncludes(it.reason, "Cannot assign to read only property 'max'");
});

Deno.test("a cell that does not parse on its own, or code that does not compile as one module: did not compile", () => {
  assertEquals(notebook("unparsable").status, "did not compile");
  assertStringIncludes(
    notebook("unparsable").detail,
    `cell ${answer + 1} does not parse on its own`,
  );
  assertEquals(notebook("redeclares").status, "did not compile");
  assertStringIncludes(notebook("redeclares").detail, "'lab' has already been declared");
});

Deno.test("a prediction is graded as written, its text kept for the feedback", () => {
  const it = notebook("predicts").items.find((i) => i.item === "predict-beta")!;
  assertEquals([it.verdict, it.prediction], ["passed", "all mass on the hack at β = 0"]);
});
