/**
 * The note on a dataset that is not the sealed course data: eval and select say so in one line
 * of their story when the dataset's SHA-256 is in no `datasets/` line of data/SHA256SUMS, and say
 * nothing on the sealed data, wherever the file lives (a byte-identical copy is the sealed data).
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { sha256File } from "../../lib/core/hash.ts";
import { parseSums } from "../../lib/core/seal.ts";
import { sealedDatasetName } from "../../lib/measure/course_data.ts";
import { runTask, scratch } from "../cli.ts";

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

Deno.test("deno task eval says nothing on the sealed data, even from a byte-identical copy", async () => {
  const dir = await scratch();
  try {
    await Deno.copyFile(DS, `${dir}/copy.jsonl`);
    for (const dataset of [DS, "copy.jsonl"]) {
      const r = await runTask("eval", ["--dataset", dataset, "--completions", CO], { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
      assert(!r.stdout.includes("note:"), r.stdout);
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

Deno.test("deno task select on an edited copy of the data says it is not the sealed data", async () => {
  const dir = await scratch();
  try {
    const edited = await editedCopy(dir);
    const r = await runTask("select", ["--dataset", edited, "--samples", PACK], { cwd: dir });
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.stdout.split("\n").filter((l) => l.includes("sealed")), [NOTE]);
    const sealed = await runTask("select", ["--dataset", DS, "--samples", PACK], { cwd: dir });
    assert(!sealed.stdout.includes("note:"), sealed.stdout);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
