/**
 * The note on a dataset that is not the sealed course data: eval and select say so in one line
 * of their story when the dataset's SHA-256 is in no `datasets/` line of data/SHA256SUMS, and say
 * nothing on the sealed data, wherever the file lives (a byte-identical copy is the sealed data).
 * The eval task runs end to end once (the note, printed); the rest runs in process, through the
 * functions the tasks call (runEval/runSelect, then their story).
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { sha256File } from "../../lib/core/hash.ts";
import { parseSums } from "../../lib/core/seal.ts";
import { sealedDatasetName } from "../../lib/measure/course_data.ts";
import { runTask, scratch } from "../cli.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect, SELECT_DEFAULTS } from "../../lib/experiments/select.ts";
import { evalStory } from "../../lib/present/eval_story.ts";
import { selectStory } from "../../lib/present/select_story.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const CO = dataPath("rollouts/frozen_rollouts_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");
const NOTE = "note: this dataset is not the sealed course data (its SHA-256 is not in " +
  "data/SHA256SUMS); the gate will refuse to compare this run with runs on the sealed datasets";

/** A copy of the dev set with one expected answer changed. */
async function editedCopy(dir: string): Promise<string> {
  const text = await Deno.readTextFile(DS);
  const path = `${dir}/edited.jsonl`;
  await Deno.writeTextFile(
    path,
    text.replace(/"expected_answer": ?(-?\d+)/, '"expected_answer":7777'),
  );
  return path;
}

Deno.test("sealedDatasetName() names every sealed dataset by its SHA-256, and nothing else", async () => {
  const sums = parseSums(await Deno.readTextFile(dataPath("SHA256SUMS")));
  const datasets = [...sums.keys()].filter((p) => p.startsWith("datasets/"));
  assert(datasets.length >= 4);
  for (const path of datasets) {
    assertEquals(await sealedDatasetName((await sha256File(dataPath(path))).sha256), path);
  }
  const golden = (await sha256File(dataPath("golden/golden_correct.jsonl"))).sha256;
  assertEquals(await sealedDatasetName(golden), null, "sealed, but not a dataset");
});

Deno.test("eval says nothing on the sealed data, even from a byte-identical copy", async () => {
  const dir = await scratch();
  try {
    await Deno.copyFile(DS, `${dir}/copy.jsonl`);
    for (const [i, dataset] of [DS, `${dir}/copy.jsonl`].entries()) {
      const outdir = `${dir}/runs/e${i}`;
      const r = await runEval({ dataset, completions: CO, outdir, force: false, args: [] });
      assertEquals(r.sealedDataset, "datasets/math_dev.jsonl");
      const where = { dataset, completions: CO, runPath: outdir, sealed: r.sealedDataset };
      assert(!evalStory(r.summary, where).includes("note:"));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task eval on an edited copy of the data says it is not the sealed data, in one line", async () => {
  const dir = await scratch();
  try {
    const edited = await editedCopy(dir);
    const r = await runTask("eval", ["--dataset", edited, "--completions", CO], { cwd: dir });
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.stdout.split("\n").filter((l) => l.includes("sealed")), [NOTE]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("select on an edited copy of the data says it is not the sealed data", async () => {
  const dir = await scratch();
  try {
    const edited = await editedCopy(dir);
    const story = async (dataset: string, out: string) => {
      const outdir = `${dir}/runs/${out}`;
      const n = SELECT_DEFAULTS.n; // the task's default
      const r = await runSelect({ dataset, samples: PACK, n, outdir, force: false, args: [] });
      const where = { dataset, samples: PACK, runPath: outdir, plot: false };
      return selectStory(r.summary, { ...where, sealed: r.sealedDataset });
    };
    assertEquals((await story(edited, "a")).split("\n").filter((l) => l.includes("sealed")), [
      NOTE,
    ]);
    assert(!(await story(DS, "b")).includes("note:"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
