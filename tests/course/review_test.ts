/**
 * Teacher review (lib/course/review.ts, `deno task review`): a clean executed notebook passes, and each
 * kind of tampering is named — a cell's error, out-of-order execution, an edited run manifest, a
 * changed dataset, a missing run, a failed or missing check.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { type Cell, type Notebook, serializeNotebook } from "../../lib/course/ipynb.ts";
import {
  formatReport,
  loadSealed,
  type ReviewContext,
  reviewNotebook,
  type RunScorer,
} from "../../lib/course/review.ts";
import { check, cite, show } from "../../lib/course/display.ts";
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

/** A clean executed notebook: an import, an eval run cited, a Loop C run cited, a scratch run, a passed check. */
async function cleanNotebook(): Promise<Notebook> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { rl_course: { milestone: "M0", checks: ["kata"] } },
    cells: [
      { cell_type: "markdown", source: "# M0", metadata: {} },
      code(1, "// no-output\nimport { show } from '../../lib/course/display.ts';", []),
      code(2, "await show(cite(run))", [await displayed(cite("runs/eval_1"))]),
      code(3, "await show(cite(bandit))", [await displayed(cite("runs/bandit_1"))]),
      code(4, "await show(cite(tampered, { scratch: true }))", [
        await displayed(cite("runs/eval_tampered", { scratch: true })),
      ]),
      code(5, "await show(check('kata', ok, why))", [await displayed(check("kata", true))]),
    ],
  };
}

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

async function withFixture(fn: (ctx: ReviewContext, nb: Notebook) => Promise<void>): Promise<void> {
  const root = await fixtureRoot();
  try {
    const sealed = await loadSealed(`${root}/data/SHA256SUMS`);
    await fn({ projectRoot: root, sealed, scorer: SCORER }, await cleanNotebook());
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
    assertEquals([report.codeCells, report.ran], [5, 5]);
    assertEquals(report.runs.map((r) => [r.path, r.scratch, r.ok]), [
      ["runs/eval_1", false, true],
      ["runs/bandit_1", false, true],
      ["runs/eval_tampered", true, true],
    ]);
    assertEquals(
      report.runs[0].status,
      "ok (eval: sealed datasets/dev.jsonl, scorer final-int-strict 1.0.0)",
    );
    const text = formatReport("M0.ipynb", report);
    assertStringIncludes(text, "checks: 1 passed, 0 failed");
    assert(text.endsWith("verdict: CLEAN"));
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
    nb.cells[2].execution_count = 9; // re-run after editing
    nb.cells[4].execution_count = null;
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "cell 4 (await show(cite(bandit))) ran out of order: execution count 3 after 9 " +
      "(restart the kernel and run all cells)",
      "cell 5 (await show(cite(tampered, { scratch: true }))) did not run",
      "cell 6 (await show(check('kata', ok, why))) ran out of order: execution count 5 after 9 " +
      "(restart the kernel and run all cells)",
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
    assertEquals(report.runs[0].ok, false);
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

Deno.test("reviewNotebook() names a failed check and a check that never reported", async () => {
  await withFixture(async (ctx, nb) => {
    nb.cells[5].outputs = [
      await displayed(check("kata", false, "q3: you said model failure, the key says parser bug")),
    ];
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "check kata failed (cell 6): q3: you said model failure, the key says parser bug",
    ]);
    nb.cells.pop();
    assertEquals((await reviewNotebook(nb, ctx)).problems, [
      "check kata never reported (was its cell deleted or not run?)",
    ]);
    // The teacher's list wins over the student's metadata.
    nb.metadata = {};
    assertEquals(
      (await reviewNotebook(nb, { ...ctx, expectedChecks: ["kata"] })).problems.length,
      1,
    );
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

Deno.test("deno task review exits 2 for an unreadable file and for a file that is not a notebook", async () => {
  const missing = await review("/nonexistent/M0.ipynb");
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, "/nonexistent/M0.ipynb: no such file");
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/x.ipynb`, "not json");
    const bad = await review(`${dir}/x.ipynb`);
    assertEquals(bad.code, 2);
    assertStringIncludes(bad.stderr, "is not a notebook");
    assertEquals((await review()).code, 2, "no notebook given");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const sealedListExists = await Deno.stat(`${PROJECT_ROOT}/data/SHA256SUMS`).then(
  () => true,
  () => false,
);

Deno.test({
  name:
    "deno task review exits 1 with the problems of a notebook that raised and cites a missing run",
  ignore: !sealedListExists,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const nb = await cleanNotebook();
      nb.cells[2].outputs = [await displayed(cite("runs/no_such_run_for_review_test"))];
      nb.cells[3].outputs!.push({
        output_type: "error",
        ename: "Error",
        evalue: "boom",
        traceback: [],
      });
      await Deno.writeTextFile(`${dir}/student.ipynb`, serializeNotebook(nb));
      const out = await review(`${dir}/student.ipynb`);
      assertEquals(out.code, 1, out.stderr);
      assertStringIncludes(out.stdout, "cell 4 (await show(cite(bandit))) raised Error: boom");
      assertStringIncludes(
        out.stdout,
        "cites runs/no_such_run_for_review_test, whose manifest.json does not exist",
      );
      assertStringIncludes(out.stdout, "verdict: ");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
