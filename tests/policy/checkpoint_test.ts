/**
 * The checkpoint format: a round trip keeps every float32 weight, and every way a checkpoint can
 * be broken (missing, truncated, malformed, another architecture, a hash that does not match) is
 * an InputError naming the file, which the CLIs turn into exit 2.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams } from "../../lib/policy/gru.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { loadCheckpoint, writeCheckpoint } from "../../lib/policy/checkpoint.ts";
import { scratch } from "../cli.ts";
import { exitTwoLine } from "../refusal.ts";
import { sampleAsTheTask } from "./sample_in_process.ts";

const vocab = buildVocab(["Compute 1+1. Final: 2"]);
const params = initParams({ vocab: vocab.texts.length, hidden: 6 }, makeRng(4));

async function fresh(): Promise<string> {
  const dir = await Deno.makeTempDir();
  await writeCheckpoint(`${dir}/ck.json`, { name: "t", params, vocab, training: { seed: 4 } });
  return dir;
}

async function loadError(path: string): Promise<string> {
  try {
    await loadCheckpoint(path);
  } catch (e) {
    assert(e instanceof InputError, String(e));
    return e.message;
  }
  throw new Error("loaded a broken checkpoint");
}

Deno.test("loadCheckpoint() returns the float32 weights, vocabulary and name that were written", async () => {
  const dir = await fresh();
  const back = await loadCheckpoint(`${dir}/ck.json`);
  assertEquals(back.name, "t");
  assertEquals([...back.params.flat], [...params.flat].map(Math.fround));
  assertEquals(back.vocab.cl100k, vocab.cl100k);
  assertEquals(back.header.weights.file, "ck.weights.f32");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadCheckpoint() names a missing header or weights file", async () => {
  const dir = await fresh();
  assertStringIncludes(
    await loadError(`${dir}/nope.json`),
    `${dir}/nope.json: cannot read the checkpoint`,
  );
  await Deno.remove(`${dir}/ck.weights.f32`);
  assertStringIncludes(
    await loadError(`${dir}/ck.json`),
    `${dir}/ck.weights.f32: cannot read the weights file`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadCheckpoint() refuses truncated weights and a truncated header", async () => {
  const dir = await fresh();
  const w = await Deno.readFile(`${dir}/ck.weights.f32`);
  await Deno.writeFile(`${dir}/ck.weights.f32`, w.subarray(0, w.length - 4));
  assertStringIncludes(await loadError(`${dir}/ck.json`), "truncated");
  const h = await Deno.readTextFile(`${dir}/ck.json`);
  await Deno.writeTextFile(`${dir}/ck.json`, h.slice(0, h.length / 2));
  assertStringIncludes(await loadError(`${dir}/ck.json`), "malformed checkpoint JSON");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadCheckpoint() refuses weights whose SHA-256 does not match the header", async () => {
  const dir = await fresh();
  const w = await Deno.readFile(`${dir}/ck.weights.f32`);
  w[10] ^= 1;
  await Deno.writeFile(`${dir}/ck.weights.f32`, w);
  assertStringIncludes(await loadError(`${dir}/ck.json`), "does not match the header's");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadCheckpoint() refuses another architecture or format", async () => {
  const dir = await fresh();
  const h = JSON.parse(await Deno.readTextFile(`${dir}/ck.json`));
  await Deno.writeTextFile(
    `${dir}/a.json`,
    JSON.stringify({ ...h, architecture: { ...h.architecture, kind: "transformer" } }),
  );
  assertStringIncludes(await loadError(`${dir}/a.json`), "is not the 1-layer GRU");
  await Deno.writeTextFile(
    `${dir}/b.json`,
    JSON.stringify({ ...h, architecture: { ...h.architecture, hidden: 7 } }),
  );
  assertStringIncludes(await loadError(`${dir}/b.json`), "param_count");
  await Deno.writeTextFile(`${dir}/c.json`, JSON.stringify({ ...h, format: "other/1" }));
  assertStringIncludes(await loadError(`${dir}/c.json`), "not a tiny-policy checkpoint");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("sample exits 2 naming a broken checkpoint, and writes nothing", async () => {
  const dir = await scratch();
  await Deno.writeTextFile(`${dir}/bad.json`, "{");
  await Deno.writeTextFile(`${dir}/d.jsonl`, '{"id":"a","prompt":"x","expected_answer":1}\n');
  const refused = sampleAsTheTask([
    "--checkpoint",
    `${dir}/bad.json`,
    "--dataset",
    `${dir}/d.jsonl`,
    "--outdir",
    `${dir}/runs/x`,
  ]);
  assertStringIncludes(await exitTwoLine(refused), `${dir}/bad.json: malformed checkpoint JSON`);
  assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
  await Deno.remove(dir, { recursive: true });
});
