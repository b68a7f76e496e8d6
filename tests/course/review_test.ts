/**
 * Teacher review (lib/course/tools/review.ts, `deno task review`): a clean executed notebook passes;
 * each exercise and prediction is reported passed, failed or not attempted; and each kind of
 * trouble is named: a cell's error, out-of-order execution, an edited run manifest, a changed
 * dataset, a missing run, a check that never reported, a verdict typed or edited by hand, an
 * answer cell edited after it ran.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  type Cell,
  type Notebook,
  readNotebook,
  serializeNotebook,
} from "../../lib/course/tools/ipynb.ts";
import { expectedItems } from "../../lib/course/tools/review_items.ts";
import { exitTwoLine } from "../refusal.ts";
import {
  formatReport,
  reportJson,
  type ReviewContext,
  reviewNotebook,
} from "../../lib/course/tools/review.ts";
import {
  loadSealed,
  manifestFindings,
  projectReviewContext,
  type RunScorer,
} from "../../lib/course/tools/review_runs.ts";
import { show } from "../../lib/course/display.ts";
import { check, cite } from "../../lib/course/lines.ts";
import { type Lab, openLab, TODO } from "../../lib/course/lab.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

const DEV = "d".repeat(64);
const SCORER: RunScorer = {
  scorer_name: "final-int-strict",
  scorer_version: "1.0.0",
  scorer_fingerprint: "f".repeat(64),
};

/** A display output holding what a notebook helper would show (through the real helpers). */
async function displayed(bundle: Promise<unknown> | unknown) {
  const b = await show(await bundle) as Record<string, unknown>;
  return { output_type: "display_data", metadata: {}, data: b };
}

function code(n: number | null, source: string, outputs: Cell["outputs"]): Cell {
  return { cell_type: "code", source, metadata: {}, execution_count: n, outputs };
}

function answer(n: number, source: string, binding: string, name: string): Cell {
  return { ...code(n, source, []), metadata: { rl_course: { answer: binding, check: name } } };
}

/**
 * A clean executed notebook: the lab record cited, an eval run, a Loop C run, a scratch run, a
 * prediction, an exercise and a check, all recorded by `lab` as the kernel would.
 */
async function cleanNotebook(lab: Lab): Promise<Notebook> {
  const double = (x: number) => 2 * x;
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      rl_course: { milestone: "M0", checks: ["predict-guess", "double", "tamper-rejected"] },
    },
    cells: [
      { cell_type: "markdown", source: "# M0", metadata: {} },
      code(1, "const lab = await rl.openLab('M0'); await show(lab.cite());", [
        await displayed(lab.cite()),
      ]),
      code(2, "await show(cite(run))", [await displayed(cite("runs/eval_1"))]),
      code(3, "await show(cite(bandit))", [await displayed(cite("runs/bandit_1"))]),
      code(4, "await show(cite(tampered, { scratch: true }))", [
        await displayed(cite("runs/eval_tampered", { scratch: true })),
      ]),
      answer(5, 'const myGuess = "about a third";', "myGuess", "predict-guess"),
      code(6, 'await show(await lab.predict("guess", myGuess))', [
        await displayed(lab.predict("guess", "about a third")),
      ]),
      answer(7, "function myDouble(x: number): number {\n  return 2 * x;\n}", "myDouble", "double"),
      code(8, 'await show(await lab.grade("double", myDouble, contract))', [
        await displayed(lab.grade("double", double, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }))),
      ]),
      code(9, 'await show(await lab.check("tamper-rejected", ok, why))', [
        await displayed(lab.check("tamper-rejected", true, "the gate refused")),
      ]),
    ],
  };
}

/** The answer cells as the course commits them (what "still the stub" is compared with). */
const STUBS = new Map([
  ["myGuess", '// Predict first: between the quotes.\nconst myGuess = "";'],
  [
    "myDouble",
    "// Exercise. Replace `return TODO;` with your code.\nfunction myDouble(x: number): number {\n" +
    "  return TODO;\n}",
  ],
]);

/** A project root with the sealed data list and the cited runs. */
async function fixtureRoot(): Promise<string> {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(`${root}/data`);
  await Deno.writeTextFile(
    `${root}/data/SHA256SUMS`,
    `${DEV}  datasets/dev.jsonl\n${"e".repeat(64)}  rollouts/frozen.jsonl\n`,
  );
  const manifests: Record<string, unknown> = {
    eval_1: {
      kind: "eval",
      dataset_fingerprint: DEV,
      scorer_name: SCORER.scorer_name,
      scorer_version: SCORER.scorer_version,
      scorer_fingerprint: SCORER.scorer_fingerprint,
      inputs: { dataset: { path: "data/datasets/dev.jsonl" } },
    },
    bandit_1: { kind: "bandit", seed: 1 },
    eval_tampered: { kind: "eval", dataset_fingerprint: "0".repeat(64), scorer_version: "1.0.0" },
  };
  for (const [name, manifest] of Object.entries(manifests)) {
    await Deno.mkdir(`${root}/runs/${name}`, { recursive: true });
    await Deno.writeTextFile(`${root}/runs/${name}/manifest.json`, JSON.stringify(manifest));
  }
  return root;
}

async function withFixture(
  fn: (ctx: ReviewContext, nb: Notebook, lab: Lab) => Promise<void>,
): Promise<void> {
  const root = await fixtureRoot();
  try {
    const sealed = await loadSealed(`${root}/data/SHA256SUMS`);
    const lab = await openLab("M0", { root });
    await fn(
      { projectRoot: root, sealed, scorer: SCORER, stubs: STUBS },
      await cleanNotebook(lab),
      lab,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function editManifest(root: string, run: string, edit: (m: Record<string, unknown>) => void) {
  const path = `${root}/runs/${run}/manifest.json`;
  const m = JSON.parse(await Deno.readTextFile(path));
  edit(m);
  await Deno.writeTextFile(path, JSON.stringify(m));
}

Deno.test("reviewNotebook() finds a clean executed notebook clean", async () => {
  await withFixture(async (ctx, nb) => {
    const report = await reviewNotebook(nb, ctx);
    assertEquals(report.problems, []);
    assert(report.clean);
    assertEquals([report.codeCells, report.ran], [9, 9]);
    assertEquals(report.runs.slice(1).map((r) => [r.path, r.scratch, r.ok]), [
      ["runs/eval_1", false, true],
      ["runs/bandit_1", false, true],
      ["runs/eval_tampered", true, true],
    ]);
    assertEquals(
      report.runs[1].status,
      "ok (eval: sealed datasets/dev.jsonl, scorer final-int-strict 1.0.0)",
    );
    assertEquals(report.items.map((it) => [it.name, it.kind, it.status]), [
      ["predict-guess", "prediction", "passed"],
      ["double", "exercise", "passed"],
      ["tamper-rejected", "check", "passed"],
    ]);
    const text = formatReport("M0.ipynb", report);
    assertStringIncludes(text, "exercises: 1 of 1 passed");
    assert(text.endsWith("verdict: CLEAN"));
  });
});

Deno.test("reviewNotebook() reports an exercise and a prediction left as committed as NOT ATTEMPTED", async () => {
  await withFixture(async (ctx, nb, lab) => {
    nb.cells[5] = answer(5, 'const myGuess = "";', "myGuess", "predict-guess");
    nb.cells[6].outputs = [await displayed(lab.predict("guess", ""))];
    nb.cells[7] = answer(
      7,
      "function myDouble(x: number): number {\n  return TODO;\n}",
      "myDouble",
      "double",
    );
    const stub = (_x: number): number => TODO;
    nb.cells[8].outputs = [
      await displayed(lab.grade("double", stub, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }))),
    ];
    const report = await reviewNotebook(nb, ctx);
    assertEquals(report.problems, []);
    assert(!report.clean);
    assertEquals(report.items.map((it) => it.status), ["not attempted", "not attempted", "passed"]);
    const text = formatReport("M0.ipynb", report);
    assertStringIncludes(text, "NOT ATTEMPTED double: stub still returns TODO: write your version");
    assert(text.endsWith("verdict: 2 not attempted"), text);
    assertEquals(reportJson("M0.ipynb", report).verdict, "2 not attempted");
  });
});

Deno.test("reviewNotebook() names a verdict typed into the output and one edited from FAILED to PASSED", async () => {
  await withFixture(async (ctx, nb, lab) => {
    await lab.check("tamper-rejected", false, "the gate promoted it");
    const edited = await reviewNotebook(nb, ctx); // the output still says PASSED
    assertStringIncludes(
      edited.problems[0],
      'cell 10 shows "CHECK PASSED: tamper-rejected: the gate refused", but the code produced ' +
        '"CHECK FAILED: tamper-rejected: the gate promoted it"',
    );
    assertStringIncludes(edited.problems[0], "the output was edited by hand");
    nb.cells[9].outputs!.push(await displayed(check("made-up", true)));
    const typed = await reviewNotebook(nb, ctx);
    assertStringIncludes(typed.problems.at(-1)!, 'cell 10 shows "CHECK PASSED: made-up", which');
    assertStringIncludes(typed.problems.at(-1)!, "never recorded");
  });
});

Deno.test("reviewNotebook() names a lab record changed by hand and a notebook that cites none", async () => {
  await withFixture(async (ctx, nb, lab) => {
    const file = `${lab.path}/checks/double.json`;
    const rec = JSON.parse(await Deno.readTextFile(file));
    await Deno.writeTextFile(file, JSON.stringify({ ...rec, line: "CHECK PASSED: double: easy" }));
    assertStringIncludes(
      (await reviewNotebook(nb, ctx)).problems[0],
      "double.json was changed by hand (its line no longer matches its digest)",
    );
    nb.cells[1].outputs = [];
    assertStringIncludes(
      (await reviewNotebook(nb, ctx)).problems.join("\n"),
      "no lab record is cited",
    );
  });
});

Deno.test("reviewNotebook() names answer cells edited after they ran", async () => {
  await withFixture(async (ctx, nb) => {
    nb.cells[5].source = 'const myGuess = "exactly 32 of 120";'; // changed after it was recorded
    nb.cells[7].source = "function myDouble(x: number): number {\n  return TODO;\n}";
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      'cell 6 (myGuess) was edited after it ran: the prediction recorded then was "about a third"',
      "cell 8 (myDouble) is still a stub, but its check double reported passed: the cell was " +
      "edited after it ran",
    ]);
  });
});

Deno.test("reviewNotebook(): an answer that keeps the stub's comment, or declares an empty array, is an answer", async () => {
  await withFixture(async (ctx, nb, lab) => {
    // Issue 19, case 1: only `return TODO;` replaced, the stub's comment left in place.
    nb.cells[7] = answer(
      7,
      "// Exercise. Replace `return TODO;` with your code.\nfunction myDouble(x: number): number {\n" +
        "  const next: number[] = [];\n  next.push(2 * x);\n  return next[0];\n}",
      "myDouble",
      "double",
    );
    const mine = (x: number) => 2 * x;
    nb.cells[8].outputs = [
      await displayed(lab.grade("double", mine, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }))),
    ];
    const report = await reviewNotebook(nb, ctx);
    assertEquals([report.problems, report.clean], [[], true]);
  });
});

Deno.test("reviewNotebook(): notes added to a stub leave it a stub; a stub graded as an attempt is named", async () => {
  await withFixture(async (ctx, nb, lab) => {
    nb.cells[7] = answer(
      7,
      `// I will come back to this.\n${STUBS.get("myDouble")}`,
      "myDouble",
      "double",
    );
    const stub = (_x: number): number => TODO;
    nb.cells[8].outputs = [
      await displayed(lab.grade("double", stub, (f) => ({ ok: f(2) === 4, why: "f(2) = 4" }))),
    ];
    assertEquals((await reviewNotebook(nb, ctx)).problems, []);
    const noStubs = await reviewNotebook(nb, { ...ctx, stubs: new Map() });
    assertEquals(noStubs.problems, []); // without the committed copy nothing is guessed
  });
});

Deno.test("formatReport() and reportJson() say that a teacher's grade comes from deno task grade", async () => {
  await withFixture(async (ctx, nb) => {
    const report = await reviewNotebook(nb, ctx);
    assertStringIncludes(formatReport("M0.ipynb", report), "`deno task grade`");
    assertStringIncludes(String(reportJson("M0.ipynb", report).note), "`deno task grade`");
  });
});

Deno.test("reviewNotebook() names a cell's error", async () => {
  await withFixture(async (ctx, nb) => {
    nb.cells[3].outputs!.push({
      output_type: "error",
      ename: "TypeError",
      evalue: "x is undefined",
      traceback: [],
    });
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "cell 4 (await show(cite(bandit))) raised TypeError: x is undefined",
    ]);
  });
});

Deno.test("reviewNotebook() names out-of-order and missing execution", async () => {
  await withFixture(async (ctx, nb) => {
    nb.cells[2].execution_count = 12; // re-run after editing
    nb.cells[4].execution_count = null;
    const problems = (await reviewNotebook(nb, ctx)).problems;
    assertEquals(problems.slice(0, 2), [
      "cell 4 (await show(cite(bandit))) ran out of order: execution count 3 after 12 " +
      "(restart the kernel and run all cells)",
      "cell 5 (await show(cite(tampered, { scratch: true }))) did not run",
    ]);
  });
});

Deno.test("reviewNotebook() names an edited run manifest (scorer version and fingerprint)", async () => {
  await withFixture(async (ctx, nb) => {
    await editManifest(ctx.projectRoot, "eval_1", (m) => {
      m.scorer_version = "0.9.0";
      m.scorer_fingerprint = "a".repeat(64);
    });
    const report = await reviewNotebook(nb, ctx);
    assertEquals(report.problems, [
      'runs/eval_1: scorer_version "0.9.0" differs from the current scorer\'s "1.0.0"',
      "runs/eval_1: scorer_fingerprint aaaaaaaaaaaa… differs from the current scorer's ffffffffffff…",
    ]);
    assertEquals(report.runs[1].ok, false);
  });
});

Deno.test("reviewNotebook() names a changed dataset fingerprint and the sealed file it should match", async () => {
  await withFixture(async (ctx, nb) => {
    await editManifest(ctx.projectRoot, "eval_1", (m) => m.dataset_fingerprint = "1".repeat(64));
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "runs/eval_1: dataset_fingerprint 111111111111… differs from the sealed datasets/dev.jsonl " +
      "(dddddddddddd… in data/SHA256SUMS): the run measured changed data",
    ]);
    await editManifest(ctx.projectRoot, "eval_1", (m) => delete m.inputs);
    assertStringIncludes(
      (await reviewNotebook(nb, ctx)).problems[0],
      "matches no file in data/SHA256SUMS",
    );
  });
});

Deno.test("reviewNotebook() names a manifest that drops a fingerprint field", async () => {
  await withFixture(async (ctx, nb) => {
    await editManifest(ctx.projectRoot, "eval_1", (m) => delete m.scorer_fingerprint);
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "runs/eval_1: manifest has no scorer_fingerprint",
    ]);
  });
});

Deno.test("manifestFindings() holds a sample run (it scores nothing) to its sealed dataset only", () => {
  const scorer = { scorer_name: "s", scorer_version: "1", scorer_fingerprint: "f" };
  const ctx = { sealed: new Map([["datasets/small_dev.jsonl", "d".repeat(64)]]), scorer };
  const sample = { kind: "sample", dataset_fingerprint: "d".repeat(64) };
  assertEquals(manifestFindings("runs/s", sample, ctx), {
    problems: [],
    status: "ok (sample: sealed datasets/small_dev.jsonl, no scorer)",
  });
  assertStringIncludes(
    manifestFindings("runs/s", { ...sample, dataset_fingerprint: "1".repeat(64) }, ctx).problems[0],
    "matches no file in data/SHA256SUMS",
  );
  assertEquals(
    manifestFindings("runs/e", { ...sample, kind: "eval" }, ctx).problems,
    ["runs/e: manifest has no scorer_version", "runs/e: manifest has no scorer_fingerprint"],
  );
});

Deno.test("reviewNotebook() names a cited run that does not exist, and a citation outside runs/", async () => {
  await withFixture(async (ctx, nb) => {
    await Deno.remove(`${ctx.projectRoot}/runs/bandit_1`, { recursive: true });
    nb.cells[2].outputs!.push({
      output_type: "stream",
      name: "stdout",
      text: "run: runs/../data\n",
    });
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "cell 3 cites runs/../data, which is not under runs/",
      "cell 4 cites runs/bandit_1, whose manifest.json does not exist",
    ]);
  });
});

Deno.test("reviewNotebook() names a failed check and a check whose cell was deleted", async () => {
  await withFixture(async (ctx, nb, lab) => {
    nb.cells[9].outputs = [await displayed(lab.check("tamper-rejected", false, "it promoted"))];
    const failed = await reviewNotebook(nb, ctx);
    assertEquals(failed.problems, []);
    assertEquals(failed.items[2].status, "failed");
    assert(formatReport("M0", failed).endsWith("verdict: 1 failed"));
    nb.cells.pop();
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "check tamper-rejected never reported (was its cell deleted or not run?)",
    ]);
    // The teacher's list wins over the student's metadata.
    nb.metadata = {};
    const expected = [{ name: "tamper-rejected", kind: "check" as const }];
    assertEquals((await reviewNotebook(nb, { ...ctx, expected })).problems.length, 1);
  });
});

// --- the CLI ---------------------------------------------------------------------------------

async function review(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-read", `${PROJECT_ROOT}/lib/cli/review.ts`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno task review exits 2 for an unreadable file and when no notebook is given", async () => {
  const missing = await review("/nonexistent/M0.ipynb");
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, "/nonexistent/M0.ipynb: no such file");
  assertEquals((await review()).code, 2, "no notebook given");
});

Deno.test("review exits 2 for a file that is not a notebook", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/x.ipynb`, "not json");
    assertStringIncludes(await exitTwoLine(readNotebook(`${dir}/x.ipynb`)), "is not a notebook");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task review exits 1 and, with --json, gives the same report as one object", async () => {
  const root = await fixtureRoot();
  try {
    const lab = await openLab("M0", { root });
    const nb = await cleanNotebook(lab);
    nb.cells[3].outputs!.push({ output_type: "error", ename: "Error", evalue: "boom" });
    await Deno.writeTextFile(`${root}/student.ipynb`, serializeNotebook(nb));
    const out = await review(`${root}/student.ipynb`);
    assertEquals(out.code, 1, out.stderr);
    assertStringIncludes(out.stdout, "cell 4 (await show(cite(bandit))) raised Error: boom");
    assertStringIncludes(out.stdout, "verdict: ");
    // --json: the same review (as the task's body makes it, lib/cli/review.ts), as one object;
    // a notebook the course does not ship is held to its own metadata.
    const read = await readNotebook(`${root}/student.ipynb`);
    const ctx = { ...(await projectReviewContext()), expected: expectedItems(read) };
    const report = JSON.parse(
      JSON.stringify(reportJson(`${root}/student.ipynb`, await reviewNotebook(read, ctx))),
    );
    assertEquals(report.clean, false); // exit 1
    assertEquals(report.items.map((it: { name: string }) => it.name), [
      "predict-guess",
      "double",
      "tamper-rejected",
    ]);
    assert(report.problems.some((p: string) => p.includes("raised Error: boom")));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** A Markdown answer cell, as committed (only its ✎ instructions) unless `source` says more. */
function markdownAnswer(
  source: string,
  check: string,
  attachments?: Record<string, unknown>,
): Cell {
  return {
    cell_type: "markdown",
    source,
    metadata: { rl_course: { answer: "myDrawing", check } },
    ...(attachments ? { attachments } : {}),
  };
}

Deno.test("reviewNotebook() reports a drawing as attempted or not from its cell, and keeps its text for the teacher", async () => {
  await withFixture(async (ctx, nb) => {
    const course = nb.metadata.rl_course as { checks: string[] };
    course.checks.push("draw-loop");
    const committed = "✎ Your diagram: a Mermaid block, ASCII art, or an image pasted here.";
    nb.cells.push(markdownAnswer(committed, "draw-loop"));
    const untouched = await reviewNotebook(nb, ctx);
    assertEquals(untouched.problems, []);
    assertEquals(untouched.items.at(-1)?.status, "not attempted");
    assert(!untouched.clean);
    assertStringIncludes(formatReport("M0.ipynb", untouched), "NOT ATTEMPTED draw-loop");

    nb.cells[nb.cells.length - 1] = markdownAnswer(
      `${committed}\n\`\`\`mermaid\nflowchart LR\n  policy --> scorer\n\`\`\``,
      "draw-loop",
    );
    const drawn = await reviewNotebook(nb, ctx);
    assert(drawn.clean, formatReport("M0.ipynb", drawn));
    assertEquals(drawn.items.at(-1)?.status, "attempted");
    assertEquals(drawn.items.at(-1)?.answer, "```mermaid\nflowchart LR\n  policy --> scorer\n```");
    const text = formatReport("M0.ipynb", drawn);
    assertStringIncludes(text, "drawings: 1 of 1 attempted");
    assertStringIncludes(text, "      |   policy --> scorer");
    assertEquals(
      (reportJson("M0.ipynb", drawn).items as { answer?: string }[]).at(-1)?.answer,
      drawn.items.at(-1)?.answer,
    );

    nb.cells[nb.cells.length - 1] = markdownAnswer(
      "![loop](attachment:loop.png)",
      "draw-loop",
      { "loop.png": { "image/png": "iVBOR" } },
    );
    const image = await reviewNotebook(nb, ctx);
    assertEquals([image.items.at(-1)?.status, image.items.at(-1)?.why], [
      "attempted",
      "1 line, image loop.png",
    ]);

    nb.cells.pop();
    const deleted = await reviewNotebook(nb, ctx);
    assertEquals(deleted.items.at(-1)?.status, "not reported");
    assertStringIncludes(deleted.problems.join("\n"), "drawing draw-loop never reported");
  });
});

Deno.test("reviewNotebook() names an exercise's stub by its own declaration, not by any empty line", async () => {
  await withFixture(async (ctx, nb) => {
    nb.cells[7] = answer(
      7,
      "function myDouble(x: number): number {\n  const seen = [];\n  return 2 * x;\n}",
      "myDouble",
      "double",
    );
    assertEquals((await reviewNotebook(nb, ctx)).problems, []);
  });
});
