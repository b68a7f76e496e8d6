/**
 * The program the grader runs (lib/course/tools/grade_program.ts), the claims it compares
 * (grade_claims.ts) and the channel it reads (grade_channel.ts): pure rules, on small notebooks.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import type { Cell, Notebook } from "../../lib/course/tools/ipynb.ts";
import { buildProgram, programModule } from "../../lib/course/tools/grade_program.ts";
import {
  claimMismatches,
  normalizeOutput,
  shownText,
} from "../../lib/course/tools/grade_claims.ts";
import { cellNonce, channelLine, channelReader } from "../../lib/course/tools/grade_channel.ts";
import { gradeNotebook } from "../../lib/course/tools/grade_notebook.ts";
import { referenceOf } from "../../lib/course/tools/grade_reference.ts";

const code = (id: string, source: string, answer?: string): Cell => ({
  id,
  cell_type: "code",
  source,
  metadata: answer ? { rl_course: { answer, check: "double" } } : {},
  execution_count: null,
  outputs: [],
});
const md = (id: string, source: string): Cell => ({
  id,
  cell_type: "markdown",
  source,
  metadata: {},
});
const notebook = (cells: Cell[]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells,
});

const COMMITTED = notebook([
  md("intro", "# M9"),
  code("setup", "const lab = await rl.openLab('M9');"),
  code(
    "answer",
    "// Replace `return TODO;`.\nfunction myDouble(x: number): number {\n  return rl.TODO;\n}",
    "myDouble",
  ),
  code("check", 'await show(await lab.grade("double", myDouble, rl.checkDouble));'),
]);
const mine = (edit: (cells: Cell[]) => Cell[]) => notebook(edit(structuredClone(COMMITTED.cells)));
/** The committed notebook with the check cell's output saying `line` (typed in by hand). */
const claiming = (line: string) =>
  mine((c) => {
    c[3].outputs = [{ output_type: "display_data", data: { "text/plain": line }, metadata: {} }];
    return c;
  });

Deno.test("buildProgram(): teacher cells as committed, the answer as typed, cells added kept in place", () => {
  const handed = mine((c) => {
    c[2].source =
      "// Replace `return TODO;`.\nfunction myDouble(x: number): number {\n  return 2 * x;\n}";
    return [c[0], c[1], code("scratch", "console.log(myDouble(2));"), c[2], c[3]];
  });
  const p = buildProgram(COMMITTED, handed);
  assertEquals(p.cells.map((c) => [c.role, c.committed, c.submitted]), [
    ["teacher", 2, 2],
    ["added", null, 3],
    ["answer", 3, 4],
    ["teacher", 4, 5],
  ]);
  assert(p.cells[2].source.includes("return 2 * x;"));
  assertEquals(p.findings, []);
});

Deno.test("buildProgram(): an edited, deleted or moved teacher cell is a finding and runs as committed", () => {
  const edited = buildProgram(
    COMMITTED,
    mine((c) => (c[3].source = "await show(rl.check('double', true));", c)),
  );
  assertEquals(edited.findings.map((f) => f.kind), ["edited"]);
  assertEquals(edited.cells.at(-1)!.source, COMMITTED.cells[3].source);
  const deleted = buildProgram(COMMITTED, mine((c) => c.slice(0, 3)));
  assertEquals(deleted.findings.map((f) => `${f.kind} ${f.cell}`), ["deleted 4"]);
  assertEquals(deleted.cells.length, 3);
  const moved = buildProgram(COMMITTED, mine((c) => [c[0], c[1], c[3], c[2]]));
  assertEquals(moved.findings.map((f) => f.message), [
    'cell 4 (await show(await lab.grade("double", my…) was moved above cell 3 ' +
    "(// Replace `return TODO;`.): the committed order ran",
  ]);
  assertEquals(moved.cells.map((c) => c.committed), [2, 3, 4]);
});

Deno.test("buildProgram(): cell ids lost (an older Jupyter) match by source; an answer by what it declares", () => {
  const handed = notebook(COMMITTED.cells.map((c, i) => ({
    ...c,
    id: `new-${i}`,
    metadata: {},
    source: i === 2 ? "function myDouble(x: number): number {\n  return x + x;\n}" : c.source,
  })));
  const p = buildProgram(COMMITTED, handed);
  assertEquals(p.findings, []);
  assertEquals(p.cells.map((c) => [c.role, c.submitted]), [["teacher", 2], ["answer", 3], [
    "teacher",
    4,
  ]]);
});

Deno.test("buildProgram(): a deleted answer cell runs as the committed stub, and is said", () => {
  const p = buildProgram(COMMITTED, mine((c) => [c[0], c[1], c[3]]));
  assertEquals(p.findings.map((f) => f.message), [
    "the answer cell for myDouble is missing: the committed stub ran",
  ]);
  assert(p.cells[1].source.includes("return rl.TODO;"));
});

Deno.test("programModule(): the prelude first, a marker with its nonce before each cell, done last", () => {
  const text = programModule(buildProgram(COMMITTED, COMMITTED), "k");
  const lines = text.split("\n");
  assertEquals(lines[0], 'import * as __grade from "../lib/course/tools/grade_prelude.ts";');
  assertEquals(lines[1], '__grade.open("k");');
  assertEquals(lines[2], `;__grade.cell(1, "${cellNonce("k", 1)}");`);
  assert(lines.at(-2)!.startsWith(";__grade.done("));
});

Deno.test("channelReader(): a line with a wrong MAC, a replay or a skipped number is rejected", () => {
  const read = channelReader("key");
  const ev = (seq: number) => ({ seq, cell: 1, t: 0, kind: "display", text: "x" });
  const forged = channelLine("other key", ev(0));
  const events = read.push(`${forged}${channelLine("key", ev(0))}${channelLine("key", ev(2))}`);
  assertEquals([events.map((e) => e.seq), read.rejected()], [[0], 2]);
});

Deno.test("normalizeOutput() makes two honest runs equal and nothing else", () => {
  assertEquals(
    normalizeOutput(
      "run: runs/M1_bandit_20261206T032117Z\nGate: baseline /home/ada/rl/runs/M0_eval_frozen_20261206T032117Z-2",
    ),
    normalizeOutput(
      "run: runs/M1_bandit_20270101T000000Z\nGate: baseline /tmp/grade/slot-1/root/runs/M0_eval_frozen_20270101T000000Z-2",
    ),
  );
  assert(normalizeOutput("pass rate 0.267") !== normalizeOutput("pass rate 0.268"));
});

Deno.test("referenceOf(): a teacher cell that drew from Math.random is unstable, even when both runs printed the same", () => {
  const cells = [1, 2, 3].map((n) => ({
    position: n,
    role: "teacher" as const,
    committed: n + 10,
    submitted: n + 10,
    changed: false,
    source: "",
  }));
  const shown = (cell: number, text: string) => ({ seq: 0, cell, t: 0, kind: "display", text });
  const run = (second: boolean) => ({
    events: [
      shown(1, "pass@8 0.800"),
      { seq: 0, cell: 2, t: 0, kind: "random" }, // M0.5's sabotaged tie-break
      shown(2, "choices changed: 59"), // the same count in both runs, by chance
      shown(3, second ? "took 2 s" : "took 1 s"),
      { seq: 0, cell: -1, t: 0, kind: "done" },
    ],
    stderr: "",
    problems: [],
  });
  const ref = referenceOf("M9", [], { cells, findings: [] }, [run(false), run(true)]);
  assert(typeof ref !== "string", String(ref));
  assertEquals([...ref.unstable].sort(), [12, 13]);
});

Deno.test("claimMismatches(): a claimed PASSED the re-run did not give is over-claimed; no output claims nothing", () => {
  const handed = claiming("CHECK PASSED: double");
  const p = buildProgram(COMMITTED, handed);
  const events = [{
    seq: 0,
    cell: 3,
    t: 0,
    kind: "display",
    text: "CHECK FAILED: double: f(2) = 5",
  }];
  const shown = shownText(events, null);
  const status = new Map([["double", "failed" as const]]);
  const found = claimMismatches(p, handed, shown, status, new Set());
  assertEquals(found.map((m) => [m.cell, m.overclaimed]), [[4, ["double"]]]);
  assertEquals(claimMismatches(p, COMMITTED, shown, status, new Set()), []);
  assertEquals(
    claimMismatches(
      p,
      handed,
      shownText([{ ...events[0], text: "CHECK PASSED: double" }], null),
      status,
      new Set(),
    ),
    [],
  );
});

Deno.test("gradeNotebook(): a claim is held to the recorded verdict, not to what the re-run displayed", () => {
  const handed = claiming("CHECK PASSED: double");
  const program = buildProgram(COMMITTED, handed);
  const ref = {
    notebook: "M9",
    expected: [{ name: "double", kind: "exercise" as const }],
    itemCell: new Map([["double", 4]]),
    unstable: new Set<number>(),
  };
  // Code beside the check displayed the claimed line, so the displayed text matches the claim.
  const events = [
    { seq: 0, cell: 3, t: 0, kind: "cell" },
    { seq: 1, cell: 3, t: 0, kind: "display", text: "CHECK PASSED: double" },
    {
      seq: 2,
      cell: 3,
      t: 0,
      kind: "verdict",
      record: { name: "double", status: "failed", why: "f(2) = 5" },
    },
    { seq: 3, cell: -1, t: 0, kind: "done" },
  ];
  const points = {
    default: { exercise: 2, prediction: 1, check: 0, drawing: 1, written: 1 },
    notebooks: {},
    source: "",
  };
  const g = gradeNotebook({ student: "eve", notebook: "M9", file: "f" }, ref, handed, {
    program,
    trouble: null,
    events,
    stderr: "",
    rejected: 0,
    seconds: 1,
  }, points);
  const it = g.items[0];
  assertEquals([it.verdict, it.forged], ["failed", true]);
  assert(
    it.findings.includes("the notebook claims passed, the re-execution recorded failed"),
    it.findings.join("\n"),
  );
});
