/**
 * `deno task grade` end to end, with the task's own permissions, in a scratch folder: a class
 * of two M3 notebooks (one right, one reading /etc/passwd) gives exit 1, the gradebook, the
 * feedback and the summary; unusable input gives exit 2 and writes nothing.
 */
import { dirname, join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { serializeNotebook } from "../../lib/course/tools/ipynb.ts";
import { runTask, scratch } from "../cli.ts";
import { cellsOf, committedNotebook, solved, withCell } from "./grade_fixtures.ts";

/** `deno task grade <args>` in `cwd`, PATH set (the grader starts `deno`). */
const grade = (cwd: string, args: string[]) =>
  runTask("grade", args, {
    cwd,
    env: { PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? ""}` },
  });

Deno.test("deno task grade: gradebook, feedback and summary; exit 1 when a notebook could not be graded", async () => {
  const cwd = await scratch("grade_cli_");
  const nb = await committedNotebook("M3_kl_objective");
  const right = await solved(nb, "M3_kl_objective", "myOptimalPolicy");
  const { answer } = cellsOf(nb, "myOptimalPolicy");
  const snoop = withCell(
    right,
    answer,
    (c) => ({ ...c, source: `Deno.readTextFileSync("/etc/passwd");\n${c.source}` }),
  );
  await Deno.mkdir(join(cwd, "class"));
  await Deno.writeTextFile(
    join(cwd, "class", "ada__M3_kl_objective.ipynb"),
    serializeNotebook(right),
  );
  await Deno.writeTextFile(
    join(cwd, "class", "eve__M3_kl_objective.ipynb"),
    serializeNotebook(snoop),
  );
  const r = await grade(cwd, ["class", "--out", "runs/g"]);
  assertEquals(r.code, 1, r.stderr);
  assertStringIncludes(r.stdout, "kl-optimal-policy");
  assertStringIncludes(
    r.stdout,
    "sandbox violation: eve/M3_kl_objective: refused: read /etc/passwd",
  );
  assertStringIncludes(r.stdout, "run written to runs/g");
  assertStringIncludes(r.stderr, "grade 2/2 | [####################]");
  const csv = await Deno.readTextFile(join(cwd, "runs/g/gradebook.csv"));
  assertEquals(csv.split("\n")[0], "student,notebook,item,kind,verdict,points,max,reason,findings");
  assertStringIncludes(csv, "ada,M3_kl_objective,kl-optimal-policy,exercise,passed,2,2,");
  assertStringIncludes(
    csv,
    "eve,M3_kl_objective,kl-optimal-policy,exercise,sandbox violation,0,2,",
  );
  assertStringIncludes(csv, "ada,,total,,,2,");
  const feedback = await Deno.readTextFile(join(cwd, "runs/g/feedback/eve/M3_kl_objective.md"));
  assertStringIncludes(feedback, "**sandbox violation**: refused: read /etc/passwd");
  const book = JSON.parse(await Deno.readTextFile(join(cwd, "runs/g/gradebook.json")));
  assertEquals(book.students.map((s: { student: string }) => s.student), ["ada", "eve"]);
  const manifest = JSON.parse(await Deno.readTextFile(join(cwd, "runs/g/manifest.json")));
  assertEquals([manifest.kind, manifest.submissions.length], ["grade", 2]);
  assert(
    (await Deno.readTextFile(join(cwd, "runs/g/summary.md"))).includes(
      "1 notebooks could not be graded",
    ),
  );
  await Deno.remove(cwd, { recursive: true });
});

Deno.test("deno task grade: not a notebook, or not one of the course's, is exit 2 and writes nothing", async () => {
  const cwd = await scratch("grade_cli_");
  await Deno.writeTextFile(join(cwd, "ada__M3_kl_objective.ipynb"), "{ half a notebook");
  await Deno.writeTextFile(
    join(cwd, "ada__M9_mine.ipynb"),
    serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }),
  );
  const broken = await grade(cwd, ["ada__M3_kl_objective.ipynb"]);
  assertEquals(broken.code, 2);
  assertStringIncludes(broken.stderr, "is not a notebook: malformed JSON");
  const foreign = await grade(cwd, ["ada__M9_mine.ipynb"]);
  assertEquals(foreign.code, 2);
  assertStringIncludes(foreign.stderr, "is not one of the course's notebooks");
  assertEquals([...Deno.readDirSync(join(cwd, "runs"))].map((e) => e.name), []);
  await Deno.remove(cwd, { recursive: true });
});
