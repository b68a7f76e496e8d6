/**
 * Inputs bounded everywhere (issue 21 §4): the checkpoint loader reads only regular files, no more
 * than the header's dimensions imply, and refuses non-finite weights and a duplicated vocabulary
 * entry; training stops the moment a loss or a weight goes non-finite, before any checkpoint is
 * written; `kata --labels` and `review` refuse a FIFO and /dev/zero; numbers in flags are decimal.
 * Each case asserts the exit code (2), the message and that nothing was written.
 */
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { dataPath, PROJECT_ROOT } from "../../lib/core/paths.ts";
import { sha256Bytes } from "../../lib/core/hash.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { assertFiniteStep } from "../../lib/policy/finite.ts";
import { encodeCorpus, SFT_DEFAULTS, trainSft } from "../../lib/policy/sft.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { refusal, refusalOf } from "../refusal.ts";
import { runTask, scratch } from "../cli.ts";

const BASE = dataPath("policy/base.json");
const header = JSON.parse(await Deno.readTextFile(BASE));
const weights = await Deno.readFile(dataPath("policy/base.weights.f32"));

/** A copy of the base checkpoint in `dir` as `name.json`, its header and weights edited. */
async function variant(
  dir: string,
  name: string,
  edit: { header?: (h: typeof header) => void; weights?: (w: Uint8Array) => void } = {},
): Promise<string> {
  const h = structuredClone(header), w = weights.slice();
  edit.weights?.(w);
  h.weights = { ...h.weights, file: `${name}.weights.f32`, sha256: sha256Bytes(w) };
  edit.header?.(h);
  await Deno.writeTextFile(`${dir}/${name}.json`, JSON.stringify(h));
  await Deno.writeFile(`${dir}/${name}.weights.f32`, w);
  return `${dir}/${name}.json`;
}

async function fifo(path: string): Promise<string> {
  const made = await new Deno.Command("mkfifo", { args: [path] }).output();
  assert(made.success, "mkfifo");
  return path;
}

Deno.test("loadCheckpoint() refuses a FIFO, /dev/zero, and weights that are (or link to) a device or a FIFO, without reading them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertStringIncludes(await refusal(loadCheckpoint(await fifo(`${dir}/f.json`))), "FIFO");
    assertStringIncludes(await refusal(loadCheckpoint("/dev/zero")), "character device");
    const z = await variant(dir, "z");
    await Deno.remove(`${dir}/z.weights.f32`);
    await Deno.symlink("/dev/zero", `${dir}/z.weights.f32`);
    assertStringIncludes(
      await refusal(loadCheckpoint(z)),
      "z.weights.f32: cannot read the weights file: is a character device",
    );
    const p = await variant(dir, "p");
    await Deno.remove(`${dir}/p.weights.f32`);
    await fifo(`${dir}/p.weights.f32`);
    assertStringIncludes(await refusal(loadCheckpoint(p)), "is a FIFO");
    const long = await variant(dir, "long");
    await Deno.writeFile(`${dir}/long.weights.f32`, new Uint8Array(8), { append: true });
    assertStringIncludes(await refusal(loadCheckpoint(long)), "holds more than the");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadCheckpoint() refuses NaN or infinite weights, and a vocabulary id or text listed twice", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, value] of [["nan", NaN], ["inf", Infinity]] as const) {
      const path = await variant(dir, name, {
        weights: (w) => new DataView(w.buffer).setFloat32(4 * 97, value, true),
      });
      assertStringIncludes(await refusal(loadCheckpoint(path)), `weight 97 is ${value}`);
    }
    const ids = await variant(dir, "ids", {
      header: (h) => h.vocab.cl100k_ids[5] = h.vocab.cl100k_ids[4],
    });
    assertStringIncludes(await refusal(loadCheckpoint(ids)), "lists cl100k id");
    const texts = await variant(dir, "texts", {
      header: (h) => h.vocab.texts[5] = h.vocab.texts[4],
    });
    assertStringIncludes(await refusal(loadCheckpoint(texts)), "lists the token text");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sample, logprobs, rl and serve exit 2 on a non-finite or duplicated checkpoint, and write nothing", async () => {
  const dir = await scratch();
  try {
    const nan = await variant(dir, "nan", {
      weights: (w) => new DataView(w.buffer).setFloat32(0, NaN, true),
    });
    const dup = await variant(dir, "dup", {
      header: (h) => h.vocab.cl100k_ids[5] = h.vocab.cl100k_ids[4],
    });
    const small = dataPath("datasets/small_dev.jsonl");
    const runs: [string, string[]][] = [
      ["sample", ["--checkpoint", nan, "--dataset", small, "--n", "1", "--outdir", "runs/s"]],
      ["sample", ["--checkpoint", dup, "--dataset", small, "--n", "1", "--outdir", "runs/d"]],
      ["logprobs", ["--checkpoint", nan, "--prompt-id", "small-dev-0001", "Final: 1"]],
      ["rl", ["--checkpoint", nan, "--outdir", "runs/r"]],
      ["serve", ["--checkpoint", dup, "--port", "0"]],
    ];
    for (const [task, args] of runs) {
      const r = await runTask(task, args, { cwd: dir });
      assertEquals(r.code, 2, `${task}: ${r.stderr}`);
      assert(/^error: .*(weight 0 is NaN|lists cl100k id)/m.test(r.stderr), r.stderr);
    }
    assertEquals([...Deno.readDirSync(join(dir, "runs"))], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("training stops at the first non-finite loss or weight (float32 range included), naming the step", () => {
  assertStringIncludes(
    refusalOf(() => assertFiniteStep("rl", 3, NaN, [0])),
    "rl stopped at step 3: the loss is NaN",
  );
  assertStringIncludes(
    refusalOf(() => assertFiniteStep("sft", 1, 0.5, [0, 1e300])),
    "weight 1 is 1e+300",
  );
  const vocab = buildVocab(["Compute 1+1. Final: 2"]);
  const rows = encodeCorpus(vocab, [{ prompt: "Compute 1+1.", completion: "Final: 2" }]);
  const cfg = { ...SFT_DEFAULTS, hidden: 4, steps: 5, batch: 1, warmup: 0, logEvery: 1, lr: 1e300 };
  for (const engine of ["fast", "reference"] as const) { // both SFT loops check every step
    assertStringIncludes(
      refusalOf(() => trainSft(vocab, rows, cfg, undefined, engine)),
      "sft stopped at step 1",
    );
  }
});

Deno.test("deno task rl --lr 1e300 exits 2 at step 1 and writes no checkpoint", async () => {
  const dir = await scratch();
  try {
    const data = [
      ["--checkpoint", BASE],
      ["--dataset", dataPath("datasets/small_dev.jsonl")],
      ["--holdout", dataPath("datasets/small_holdout.jsonl")],
    ].flat();
    const args = [...data, "--lr", "1e300", "--steps", "3", "--outdir", "runs/huge"];
    const r = await runTask("rl", args, { cwd: dir });
    assertEquals(r.code, 2, r.stderr);
    assertStringIncludes(r.stderr, "rl stopped at step 1");
    assertStringIncludes(r.stderr, "no checkpoint is written");
    assertEquals([...Deno.readDirSync(join(dir, "runs"))], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kata --labels and review refuse a FIFO and /dev/zero with exit 2, without reading them", async () => {
  const dir = await scratch();
  try {
    const f = await fifo(`${dir}/fifo`);
    for (
      const [task, args] of [
        ["kata", ["--labels", f]],
        ["kata", ["--labels", "/dev/zero"]],
        ["review", [f]],
        ["review", ["/dev/zero"]],
      ] as const
    ) {
      const r = await runTask(task, [...args], { cwd: dir });
      assertEquals(r.code, 2, r.stderr);
      assert(/is a (FIFO|character device)/.test(r.stderr), r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every number flag of every CLI is decimal only: 0x10, 0b1, 0o7, Infinity, ' 5' are refused", async () => {
  let checked = 0;
  for (const e of Deno.readDirSync(join(PROJECT_ROOT, "lib/cli"))) {
    if (!e.name.endsWith(".ts")) continue;
    const mod = await import(join(PROJECT_ROOT, "lib/cli", e.name));
    for (const cmd of Object.values(mod)) {
      const flags = (cmd as { flags?: Record<string, { type: string }> })?.flags;
      if (typeof flags !== "object" || flags === null) continue;
      for (const [name, f] of Object.entries(flags)) {
        if (f.type !== "number" && f.type !== "int") continue;
        for (const raw of ["0x10", "0b1", "0o7", "Infinity", " 5"]) {
          let thrown: unknown = null;
          try {
            parseCommand(cmd as Parameters<typeof parseCommand>[0], [`--${name}`, raw]);
          } catch (err) {
            thrown = err;
          }
          assert(thrown instanceof UsageError, `${e.name} --${name} ${raw} accepted`);
        }
        checked++;
      }
    }
  }
  assert(checked >= 30, `${checked} number flags found`);
  const dir = await scratch();
  try {
    const r = await runTask("kl", ["--betas", "1,0x10"], { cwd: dir });
    assertEquals(r.code, 2, r.stderr);
    assertStringIncludes(r.stderr, '"0x10"');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
