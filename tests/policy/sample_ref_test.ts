/**
 * `deno task sample --ref CHECKPOINT`: every sample gets log π_ref of its own tokens, the packs
 * carry `logprob` and `ref_logprob`, and eval and select report the KL estimate from them. The
 * oracles: teacher-forcing a sample's tokens under its own policy gives back its logprob, and a
 * policy's KL to itself is 0.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { loadCheckpoint, writeCheckpoint } from "../../lib/policy/checkpoint.ts";
import { initParams } from "../../lib/policy/gru.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { tokensLogprob } from "../../lib/policy/logprobs.ts";
import { readPrompt, sampleCompletions, sampleOne } from "../../lib/policy/sampler.ts";
import { runTask, scratch } from "../cli.ts";

const DEV = dataPath("datasets/small_dev.jsonl");
const BASE = dataPath("policy/base.json");
const RL = dataPath("policy/rl_strict/checkpoint.json");
const jsonl = async (path: string) =>
  (await Deno.readTextFile(path)).trimEnd().split("\n").map((l) => JSON.parse(l));

async function inScratch(body: (dir: string) => Promise<void>) {
  const dir = await scratch("sample_ref_test_");
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const sample = (dir: string, out: string, ...extra: string[]) =>
  runTask("sample", ["--dataset", DEV, "--n", "4", "--outdir", `runs/${out}`, ...extra], {
    cwd: dir,
  });

Deno.test("tokensLogprob() of a sample's tokens under its own policy is the sample's logprob", async () => {
  const base = await loadCheckpoint(BASE);
  const opts = { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 };
  for (const prompt of ["Compute 3+4.", "Compute 12*3.", "Compute 9-11."]) {
    const state = readPrompt(base, prompt);
    for (let i = 0; i < 8; i++) {
      const s = sampleOne(base, state, opts, prompt, i);
      assert(Math.abs(tokensLogprob(base, state, s.tokens) - s.logprob) < 1e-9, prompt);
      const again = tokensLogprob(base, prompt, s.tokens, "reference");
      assert(Math.abs(again - s.logprob) < 1e-9, "from text");
    }
    // the fast engine re-measures its own samples bit for bit
    for (const s of sampleCompletions(base, prompt, { ...opts, n: 8 })) {
      assertEquals(tokensLogprob(base, prompt, s.tokens), s.logprob);
    }
  }
});

Deno.test("deno task sample --ref with the policy itself gives ref_logprob = logprob and a KL of 0", async () => {
  await inScratch(async (dir) => {
    const r = await sample(dir, "self", "--checkpoint", BASE, "--ref", BASE);
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(r.stdout, "KL estimate to the reference: +0.000 nats");
    for (const t of await jsonl(`${dir}/runs/self/tokens.jsonl`)) {
      assert(Math.abs(t.ref_logprob - t.logprob) < 1e-9, t.id);
    }
    const e = await runTask(
      "eval",
      ["--dataset", DEV, "--completions", "runs/self/completions.jsonl", "--outdir", "runs/e"],
      { cwd: dir },
    );
    assertEquals(e.code, 0, e.stderr);
    assertStringIncludes(e.stdout, "KL estimate: +0.000 nats");
  });
});

Deno.test("deno task sample --ref writes both log-probabilities in every pack; eval and select report the same KL", async () => {
  await inScratch(async (dir) => {
    assertEquals((await sample(dir, "plain", "--checkpoint", RL)).code, 0);
    const r = await sample(dir, "ref", "--checkpoint", RL, "--ref", BASE);
    assertEquals(r.code, 0, r.stderr);
    const pack = await jsonl(`${dir}/runs/ref/samples.jsonl`);
    const plain = await jsonl(`${dir}/runs/plain/samples.jsonl`);
    assertEquals(
      pack.map((p) => p.samples.map((s: { completion: string }) => s.completion)),
      plain.map((p) => p.samples),
      "the same completions",
    );
    assertEquals(Object.keys(pack[0].samples[0]), ["completion", "logprob", "ref_logprob"]);
    const first = (await jsonl(`${dir}/runs/ref/completions.jsonl`))[0];
    assertEquals(Object.keys(first), ["id", "completion", "logprob", "ref_logprob"]);
    const tok = (await jsonl(`${dir}/runs/ref/tokens.jsonl`))[0];
    assertEquals(tok.ref_logprob, pack[0].samples[0].ref_logprob);
    for (const f of ["samples.meta.json", "completions.meta.json"]) {
      assertEquals(
        await Deno.readTextFile(`${dir}/runs/ref/${f}`),
        await Deno.readTextFile(`${dir}/runs/plain/${f}`),
        `${f}: the reference is no setting the gate compares`,
      );
    }
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/runs/ref/manifest.json`));
    assertEquals(manifest.reference.sha256, (await loadCheckpoint(BASE)).sha256);
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/runs/ref/summary.json`));
    assert(summary.kl_to_reference > 0, "RL moved the policy away from the base");
    const s = await runTask(
      "select",
      ["--dataset", DEV, "--samples", "runs/ref/samples.jsonl", "--outdir", "runs/s"],
      { cwd: dir },
    );
    assertEquals(s.code, 0, s.stderr);
    const kl = JSON.parse(await Deno.readTextFile(`${dir}/runs/s/summary.json`)).kl;
    assertEquals([kl.completions, kl.prompts], [4 * pack.length, pack.length]);
    assert(
      Math.abs(kl.mean - summary.kl_to_reference) < 1e-9,
      `${kl.mean} vs ${summary.kl_to_reference}`,
    );
  });
});

Deno.test("deno task sample --ref warns that the estimate is biased when decoding is not plain", async () => {
  await inScratch(async (dir) => {
    const r = await sample(dir, "t", "--checkpoint", BASE, "--ref", BASE, "--temperature", "0.7");
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(
      r.stdout,
      "not drawn from π itself, so this estimate of KL(π‖π_ref) is biased",
    );
  });
});

Deno.test("deno task sample --ref with another vocabulary is exit 2, writing nothing", async () => {
  await inScratch(async (dir) => {
    const vocab = buildVocab(["Compute 1+1. Final: 2"]);
    const params = initParams({ vocab: vocab.texts.length, hidden: 4 }, makeRng(1));
    await writeCheckpoint(`${dir}/other.json`, { name: "other", params, vocab, training: {} });
    const r = await sample(dir, "x", "--checkpoint", BASE, "--ref", "other.json");
    assertEquals(r.code, 2);
    assertStringIncludes(r.stderr, "error: other.json: has another vocabulary than");
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  });
});
