/**
 * `--max N`: eval and select measure the first N examples of the dataset, in file order; the
 * manifest records the slice (`max_examples`, the slice's own fingerprints) and the gate treats
 * another slice as another environment. The oracle: a run on the first N lines written to a
 * file of their own measures exactly the same examples with the same fingerprints.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { InputError } from "../../lib/core/errors.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { parseManifest } from "../../lib/core/manifest.ts";
import { runTask, scratch } from "../cli.ts";
import { usageRefusal } from "../refusal.ts";
import { EVAL } from "../../lib/cli/eval.ts";
import { selectStory } from "../../lib/present/select_story.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const CO = dataPath("rollouts/frozen_rollouts_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");

const manifestOf = async (run: string) =>
  JSON.parse(await Deno.readTextFile(`${run}/manifest.json`));
const evalOf = (dir: string, name: string, max?: number, dataset = DS, completions = CO) =>
  runEval({ dataset, completions, max, outdir: `${dir}/runs/${name}`, force: false, args: [] });
const head = async (from: string, to: string, n: number) =>
  await Deno.writeTextFile(
    to,
    (await Deno.readTextFile(from)).split("\n").slice(0, n).join("\n") + "\n",
  );

async function inScratch(body: (dir: string) => Promise<void>) {
  const dir = await scratch("slice_test_");
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runEval() with max measures the first N examples, like a file of those N lines", async () => {
  await inScratch(async (dir) => {
    await head(DS, `${dir}/d50.jsonl`, 50);
    await head(CO, `${dir}/c50.jsonl`, 50);
    const sliced = await evalOf(dir, "sliced", 50);
    const own = await evalOf(dir, "own", undefined, `${dir}/d50.jsonl`, `${dir}/c50.jsonl`);
    assertEquals([sliced.summary.n, sliced.summary.passes], [own.summary.n, own.summary.passes]);
    assertEquals(sliced.summary.slice, {
      max_examples: 50,
      examples_in_file: 120,
      rows_past_slice: 70,
    });
    assertEquals(sliced.summary.missing_completions, 0, "rows past the slice are not missing");
    const a = await manifestOf(sliced.runPath), b = await manifestOf(own.runPath);
    for (const f of ["prompts_fingerprint", "example_ids_fingerprint", "results_ids_fingerprint"]) {
      assertEquals(a[f], b[f], f);
    }
    assertEquals([a.max_examples, a.n_examples, b.max_examples], [50, 50, null]);
    assertEquals(a.dataset_fingerprint, a.inputs.dataset.sha256, "the whole file's SHA-256");
    assertEquals(a.inputs.dataset.rows, 120);
    assert(parseManifest(JSON.stringify(a)).ok);
    assertEquals(
      await Deno.readTextFile(`${sliced.runPath}/results.jsonl`),
      await Deno.readTextFile(`${own.runPath}/results.jsonl`),
    );
  });
});

Deno.test("runEval() with max at or above the file's size measures every example (no slice)", async () => {
  await inScratch(async (dir) => {
    const { runPath, summary } = await evalOf(dir, "all", 200);
    assertEquals([summary.n, "slice" in summary], [120, false]);
    assertEquals((await manifestOf(runPath)).max_examples, null);
  });
});

Deno.test("runEval() with max still refuses a completion row whose id is in no line of the file", async () => {
  await inScratch(async (dir) => {
    await Deno.writeTextFile(`${dir}/c.jsonl`, '{"id":"nope","completion":"Final: 1"}\n');
    let message = "";
    try {
      await runEval({
        dataset: DS,
        completions: `${dir}/c.jsonl`,
        max: 5,
        outdir: `${dir}/runs/x`,
        force: false,
        args: [],
      });
    } catch (e) {
      assert(e instanceof InputError);
      message = e.message;
    }
    assertStringIncludes(message, `${dir}/c.jsonl:1: id "nope" is not in the dataset`);
  });
});

Deno.test("gate() REJECTs a --max 50 run against a full run, naming the dataset slice", async () => {
  await inScratch(async (dir) => {
    const sliced = await evalOf(dir, "sliced", 50), full = await evalOf(dir, "full");
    const v = await gate(sliced.runPath, full.runPath, GATE_DEFAULTS);
    assertEquals(v.decision, "REJECT");
    const slice = v.reasons.find((r) => r.check === "dataset slice")!;
    assertEquals([slice.severity, slice.knob], ["violation", "environment"]);
    assertStringIncludes(slice.message, "the first 50 → every example");
  });
});

Deno.test("gate() compares two runs on the same slice: the slice check passes", async () => {
  await inScratch(async (dir) => {
    const a = await evalOf(dir, "a", 50), b = await evalOf(dir, "b", 50);
    const v = await gate(a.runPath, b.runPath, GATE_DEFAULTS);
    const slice = v.checks.find((r) => r.check === "dataset slice")!;
    assertEquals([slice.severity, slice.message], [
      "ok",
      "the first 50 of the dataset in both runs",
    ]);
    assert(v.checks.filter((r) => r.knob === "environment").every((r) => r.severity === "ok"));
  });
});

Deno.test("runSelect() with max selects over the first N prompts only", async () => {
  await inScratch(async (dir) => {
    const { runPath, summary } = await runSelect({
      dataset: DS,
      samples: PACK,
      n: 4,
      max: 30,
      outdir: `${dir}/runs/s`,
      force: false,
      plot: false,
      args: [],
    });
    assertEquals([summary.n_prompts, summary.slice?.max_examples], [30, 30]);
    assertEquals((await manifestOf(runPath)).max_examples, 30);
    const ids = (await Deno.readTextFile(`${runPath}/results.jsonl`)).trimEnd().split("\n")
      .map((l) => JSON.parse(l).id);
    const first = (await Deno.readTextFile(DS)).split("\n").slice(0, 30).map((l) =>
      JSON.parse(l).id
    );
    assertEquals(ids, first);
  });
});

Deno.test("deno task eval --max prints the slice and records it; --max 0 is exit 2", async () => {
  await inScratch(async (dir) => {
    const r = await runTask(
      "eval",
      ["--dataset", DS, "--completions", CO, "--max", "50", "--outdir", "runs/m"],
      { cwd: dir },
    );
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(
      r.stdout,
      "  slice        the first 50 of 120 examples (--max 50; 70 rows past them skipped); the " +
        "gate compares this run only with runs on the same slice",
    );
    assertStringIncludes(r.stdout, "Pass rate: ");
    assertStringIncludes(
      await Deno.readTextFile(`${dir}/runs/m/summary.md`),
      "- slice: the first 50",
    );
    assertStringIncludes(
      usageRefusal(EVAL, ["--dataset", DS, "--completions", CO, "--max", "0"]),
      "--max must be an integer >= 1",
    );
  });
});

Deno.test("select --max prints the slice", async () => {
  await inScratch(async (dir) => {
    const outdir = `${dir}/runs/s`;
    const r = await runSelect({
      dataset: DS,
      samples: PACK,
      n: 4,
      max: 40,
      outdir,
      force: false,
      args: [],
    });
    const where = { dataset: DS, samples: PACK, runPath: outdir, plot: false };
    assertStringIncludes(
      selectStory(r.summary, where),
      "  slice     the first 40 of 120 examples (--max 40;",
    );
  });
});

Deno.test("parseManifest() refuses a max_examples that is not null or a count >= 1", async () => {
  await inScratch(async (dir) => {
    const full = await manifestOf((await evalOf(dir, "m", 10)).runPath);
    assert(parseManifest(full).ok);
    for (const bad of [0, -1, 1.5, "50"]) {
      const parsed = parseManifest({ ...full, max_examples: bad });
      assertEquals(parsed, {
        ok: false,
        problem: "field 'max_examples' is not null or a count >= 1",
      });
    }
  });
});
