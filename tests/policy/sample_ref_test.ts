/**
 * `deno task sample --ref CHECKPOINT`: every sample gets log π_ref of its own tokens, the packs
 * carry `logprob` and `ref_logprob`, and eval and select report the KL estimate from them. The
 * oracles: teacher-forcing a sample's tokens under its own policy gives back its logprob, and a
 * policy's KL to itself is 0. The task runs end to end once (`--ref` with the policy itself); the
 * other rules run in process, as the task's body runs them (sample_in_process.ts).
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
import { exitTwoLine } from "../refusal.ts";
import { sampleAsTheTask } from "./sample_in_process.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect, SELECT_DEFAULTS } from "../../lib/experiments/select.ts";
import { evalStory } from "../../lib/present/eval_story.ts";

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
/** The same, in process (sample_in_process.ts), into `<dir>/runs/<out>`. */
const sampleInProcess = (dir: string, out: string, ...extra: string[]) =>
  sampleAsTheTask(["--dataset", DEV, "--n", "4", "--outdir", `${dir}/runs/${out}`, ...extra]);

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
    const e = await runEval({
      dataset: DEV,
      completions: `${dir}/runs/self/completions.jsonl`,
      outdir: `${dir}/runs/e`,
      force: false,
      args: [],
    });
    const where = { dataset: DEV, completions: "c", runPath: "runs/e" };
    assertStringIncludes(evalStory(e.summary, where), "KL estimate: +0.000 nats");
  });
});

Deno.test("sample --ref writes both log-probabilities in every pack; eval and select report the same KL", async () => {
  await inScratch(async (dir) => {
    await sampleInProcess(dir, "plain", "--checkpoint", RL);
    await sampleInProcess(dir, "ref", "--checkpoint", RL, "--ref", BASE);
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
    const samples = `${dir}/runs/ref/samples.jsonl`;
    const n = SELECT_DEFAULTS.n; // the task's default
    await runSelect({ dataset: DEV, samples, n, outdir: `${dir}/runs/s`, force: false, args: [] });
    const kl = JSON.parse(await Deno.readTextFile(`${dir}/runs/s/summary.json`)).kl;
    assertEquals([kl.completions, kl.prompts], [4 * pack.length, pack.length]);
    assert(
      Math.abs(kl.mean - summary.kl_to_reference) < 1e-9,
      `${kl.mean} vs ${summary.kl_to_reference}`,
    );
  });
});

Deno.test("sample --ref warns that the estimate is biased when decoding is not plain", async () => {
  await inScratch(async (dir) => {
    const { story } = await sampleInProcess(
      dir,
      "t",
      "--checkpoint",
      BASE,
      "--ref",
      BASE,
      "--temperature",
      "0.7",
    );
    assertStringIncludes(
      story,
      "not drawn from π itself, so this estimate of KL(π‖π_ref) is biased",
    );
  });
});

Deno.test("sample --ref with another vocabulary is exit 2, writing nothing", async () => {
  await inScratch(async (dir) => {
    const vocab = buildVocab(["Compute 1+1. Final: 2"]);
    const params = initParams({ vocab: vocab.texts.length, hidden: 4 }, makeRng(1));
    await writeCheckpoint(`${dir}/other.json`, { name: "other", params, vocab, training: {} });
    const refused = sampleInProcess(dir, "x", "--checkpoint", BASE, "--ref", `${dir}/other.json`);
    assertStringIncludes(
      await exitTwoLine(refused),
      `${dir}/other.json: has another vocabulary than`,
    );
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  });
});
