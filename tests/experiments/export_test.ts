// deno task export: the course's datasets in the trainers' own formats, read back. verl's Parquet
// is read with a second, independent reader: parquet-wasm (the Rust arrow-rs parquet crate) into
// Arrow, the type mapping pyarrow gives verl's loader (verl/utils/dataset/rl_dataset.py,
// datasets.load_dataset("parquet")); the row shape is verl's examples/data_preprocess/gsm8k.py at
// v0.6.1. OpenRLHF's rows are read as openrlhf/datasets/prompts_dataset.py preprocess_data reads
// them (data[input_key], data[label_key]); TRL's as GRPOTrainer does (is_conversational: a list
// of {role, content} under "prompt"; every other column a reward-function keyword).
import { join } from "node:path";
import * as parquetWasm from "npm:parquet-wasm@0.8.0/node";
import { tableFromIPC } from "npm:apache-arrow@21.2.0";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { runExport } from "../../lib/experiments/export.ts";
import { readExpected } from "../../lib/instrument/expected.ts";
import { runTask, scratch } from "../cli.ts";
import { refusal } from "../refusal.ts";

const DATASET = "data/datasets/small_dev.jsonl";
const SOURCE = (await Deno.readTextFile(DATASET)).split("\n").filter((l) => l !== "")
  .map((l) => JSON.parse(l));
const lines = async (p: string) =>
  (await Deno.readTextFile(p)).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

function readParquet(bytes: Uint8Array) {
  const table = tableFromIPC(parquetWasm.readParquet(bytes).intoIPCStream());
  const schema = table.schema.fields.map((f) => `${f.name}: ${f.type}`);
  const rows = table.toArray().map((r) =>
    JSON.parse(JSON.stringify(r.toJSON(), (_k, v) => (typeof v === "bigint" ? Number(v) : v)))
  );
  return { schema, rows };
}

Deno.test("export --format verl: Parquet rows in verl's schema, read back by an independent reader", async () => {
  const dir = await scratch();
  const r = await runExport({ format: "verl", dataset: DATASET, outdir: join(dir, "runs/v") });
  const { schema, rows } = readParquet(await Deno.readFile(r.dataFile));
  assertEquals(schema, [
    "data_source: Utf8",
    "prompt: List<Struct<{content:Utf8, role:Utf8}>>",
    "ability: Utf8",
    "reward_model: Struct<{ground_truth:Utf8, style:Utf8}>",
    "extra_info: Struct<{id:Utf8, index:Int64, split:Utf8}>",
  ]);
  assertEquals(rows.length, SOURCE.length);
  assertEquals(
    rows,
    SOURCE.map((s, i) => ({
      data_source: "rl-course/small_dev",
      prompt: [{ content: s.prompt, role: "user" }],
      ability: "math",
      reward_model: { ground_truth: String(s.expected_answer), style: "rule" },
      extra_info: { id: s.id, index: i, split: "small_dev" },
    })),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("export --format verl: the same dataset gives the same bytes, fingerprinted in the manifest", async () => {
  const dir = await scratch();
  const a = await runExport({ format: "verl", dataset: DATASET, outdir: join(dir, "runs/a") });
  const b = await runExport({ format: "verl", dataset: DATASET, outdir: join(dir, "runs/b") });
  assertEquals(await Deno.readFile(a.dataFile), await Deno.readFile(b.dataFile));
  const m = JSON.parse(await Deno.readTextFile(join(a.runPath, "manifest.json")));
  assertEquals([m.kind, m.format, m.dataset.rows, m.scorer.name], [
    "export",
    "verl",
    120,
    "final-int-strict",
  ]);
  assertEquals(m.dataset.sha256.length, 64);
  assertEquals(Object.keys(m.artifacts), ["small_dev.parquet", "summary.md"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("export --format openrlhf: --input_key prompt --label_key expected_answer, labels as canonical text", async () => {
  const dir = await scratch();
  const r = await runExport({ format: "openrlhf", dataset: DATASET, outdir: join(dir, "runs/o") });
  const rows = await lines(r.dataFile);
  // preprocess_data: prompt = data[input_key]; label = data[label_key]
  assertEquals(
    rows.map((d) => [d.prompt, d.expected_answer]),
    SOURCE.map((s) => [
      s.prompt,
      readExpected(s),
    ]),
  );
  assert(rows.every((d) => typeof d.expected_answer === "string"));
  assert(r.command.includes("--input_key prompt --label_key expected_answer"));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("export --format trl: conversational prompts, expected_answer as a reward-function column", async () => {
  const dir = await scratch();
  const r = await runExport({ format: "trl", dataset: DATASET, outdir: join(dir, "runs/t") });
  const rows = await lines(r.dataFile);
  assertEquals(rows[0], {
    prompt: [{ role: "user", content: SOURCE[0].prompt }],
    expected_answer: String(SOURCE[0].expected_answer),
    id: SOURCE[0].id,
  });
  assertEquals(rows.length, 120);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("export refuses a dataset with a label the scorer cannot read, naming the line, writing nothing", async () => {
  const dir = await scratch();
  const bad = join(dir, "bad.jsonl");
  await Deno.writeTextFile(
    bad,
    '{"id":"a","prompt":"Q","expected_answer":5}\n{"id":"b","prompt":"Q","expected_answer":" 6"}\n',
  );
  const msg = await refusal(
    runExport({ format: "trl", dataset: bad, outdir: join(dir, "runs/x") }),
  );
  assert(msg.includes("bad.jsonl:2"), msg);
  assertEquals([...Deno.readDirSync(join(dir, "runs"))], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task export writes the run the acceptance check looks for, and refuses two folders", async () => {
  const dir = await scratch();
  await Deno.copyFile(DATASET, join(dir, "d.jsonl"));
  const ok = await runTask("export", [
    "--format",
    "verl",
    "--dataset",
    "d.jsonl",
    "--out",
    "runs/e",
  ], {
    cwd: dir,
  });
  assertEquals(ok.code, 0, ok.stderr);
  assertEquals(
    new TextDecoder().decode((await Deno.readFile(join(dir, "runs/e/d.parquet"))).slice(0, 4)),
    "PAR1",
  );
  const two = await runTask("export", [
    "--format",
    "trl",
    "--dataset",
    "d.jsonl",
    "--out",
    "runs/a",
    "--outdir",
    "runs/b",
  ], { cwd: dir });
  assertEquals(two.code, 2);
  await Deno.remove(dir, { recursive: true });
});
