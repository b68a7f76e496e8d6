/**
 * The fast engine (wasm kernels, float32) against the reference engine (TypeScript, float64):
 * the same functions to float32 tolerance, on the shipped base and on small models. The
 * shipped checkpoints are made by the fast engine and re-made byte for byte in CI
 * (`deno task sft --check`, `deno task rl --check`); the module itself by `deno task wasm --check`.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { paramsView } from "../../lib/policy/gru.ts";
import {
  alloc,
  f32,
  K,
  mark,
  release,
  scoped,
  uploadModel,
  zerosLike,
} from "../../lib/policy/kernels.ts";
import { sequenceNll } from "../../lib/policy/sequence.ts";
import { batchNll } from "../../lib/policy/sft_fast.ts";
import { type Group, surrogateGradient } from "../../lib/policy/policy_gradient.ts";
import { surrogateFast } from "../../lib/policy/policy_gradient_fast.ts";
import { samplePrompts, samplingOptions } from "../../lib/policy/sampler.ts";
import { adamState, adamStep } from "../../lib/policy/adam.ts";
import { trainSft } from "../../lib/policy/sft.ts";
import { buildVocab, encodeText, END } from "../../lib/policy/vocab.ts";
import { readPromptRows } from "../../lib/measure/prompts.ts";

const base = await loadCheckpoint(dataPath("policy/base.json"));
const { rows } = await readPromptRows(dataPath("datasets/small_holdout.jsonl"));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

Deno.test("exp of four float32 lanes is within 2 ulp of Math.exp, and exactly 0 below −87.34", () => {
  scoped(() => {
    const n = 20000, x = alloc(n * 4), y = alloc(n * 4);
    const xs = f32(x, n);
    for (let i = 0; i < n; i++) xs[i] = -87.3 + (i / n) * 175;
    K.expArray(n, x, y);
    const ys = f32(y, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(ys[i] / Math.exp(xs[i]) - 1));
    assert(worst < 2.4e-7, `relative error ${worst}`);
    xs.set([-87.5, -100, -Infinity]);
    K.expArray(3, x, y);
    assertEquals([...f32(y, 3)], [0, 0, 0]);
  });
});

Deno.test("gemm computes A·B and Aᵀ·B (accumulating or not) as float64 does, to float32 rounding", () => {
  scoped(() => {
    const [M, N, Kd] = [7, 20, 13], rng = makeRng(1);
    const A = alloc(M * Kd * 4), B = alloc(Kd * N * 4), C = alloc(M * N * 4), D = alloc(M * N * 4);
    const a = f32(A, M * Kd).map(() => rng.gaussian()),
      b = f32(B, Kd * N).map(() => rng.gaussian());
    f32(A, M * Kd).set(a);
    f32(B, Kd * N).set(b);
    f32(C, M * N).fill(1);
    K.gemm(M, N, Kd, A, Kd, 1, B, N, C, N, 1); // C = 1 + A·B
    K.gemm(M, N, Kd, A, 1, M, B, N, D, N, 0); // D = Aᵀ·B with A read as (Kd × M)
    const c = f32(C, M * N), d = f32(D, M * N);
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 1, t = 0;
        for (let k = 0; k < Kd; k++) s += a[i * Kd + k] * b[k * N + j];
        for (let k = 0; k < Kd; k++) t += a[k * M + i] * b[k * N + j];
        assert(Math.abs(c[i * N + j] - s) < 1e-5 && Math.abs(d[i * N + j] - t) < 1e-5);
      }
    }
  });
});

Deno.test("sampling: the fast engine draws the reference engine's tokens, with log-probabilities to 1e-4", () => {
  const jobs = rows.slice(0, 20).map((r) => ({ ids: encodeText(base.vocab, r.prompt), key: r.id }));
  const opts = samplingOptions({ n: 16, seed: 1 });
  const fast = samplePrompts(base, jobs, opts), ref = samplePrompts(base, jobs, opts, "reference");
  let same = 0, worst = 0;
  fast.forEach((xs, j) =>
    xs.forEach((x, i) => {
      const r = ref[j][i];
      if (x.tokens.join() !== r.tokens.join()) return;
      same++;
      worst = Math.max(worst, maxDiff(x.logprobs, r.logprobs));
    })
  );
  assert(same >= 0.99 * 320, `${same} of 320 identical`);
  assert(worst < 1e-4, `log-probability differs by ${worst}`);
});

Deno.test("sampling: a prompt's samples are the same bits alone or among many prompts", () => {
  const jobs = rows.slice(0, 30).map((r) => ({ ids: encodeText(base.vocab, r.prompt), key: r.id }));
  const opts = samplingOptions({ n: 24, seed: 4 });
  const all = samplePrompts(base, jobs, opts);
  assertEquals(samplePrompts(base, [jobs[17]], opts)[0], all[17]);
});

Deno.test("SFT: one batch's loss and gradient agree with the float64 reference", () => {
  const vocab = base.vocab, p = base.params;
  const batch = rows.slice(0, 32).map((r, i) => ({
    prompt: encodeText(vocab, r.prompt),
    completion: encodeText(vocab, `Final: ${i % 2 ? r.expected_answer : 7}`),
  }));
  const ref = paramsView(p.cfg, new Float64Array(p.flat.length));
  let nll = 0;
  for (const r of batch) nll += sequenceNll(p, r.prompt, r.completion, END, ref, 1 / 100);
  scoped(() => {
    const m = uploadModel(p), g = zerosLike(m);
    const fast = batchNll(m, g, batch, 1 / 100);
    assert(Math.abs(fast - nll) < 1e-4 * nll, `${fast} vs ${nll}`);
    const worst = maxDiff(f32(g.flat, p.flat.length), ref.flat);
    assert(worst < 1e-5, `gradient differs by ${worst}`);
  });
});

Deno.test("SFT: 30 steps of the two engines give the same loss curve to 1e-3, each deterministic", () => {
  const rowsOf = (texts: string[]) =>
    texts.map((t, i) => ({
      prompt: encodeText(vocab, t),
      completion: encodeText(vocab, `Final: ${i}`),
    }));
  const vocab = buildVocab(["Compute 1+2. Compute 3+4. Final: 0 1 2 3 4 5 6 7"]);
  const data = rowsOf(["Compute 1+2.", "Compute 3+4.", "Compute 1+4.", "Compute 3+2."]);
  const cfg = {
    hidden: 8,
    steps: 30,
    batch: 4,
    lr: 0.02,
    warmup: 3,
    minLrFraction: 0.1,
    clip: 1,
    updateGateBias: 1,
    seed: 0,
    logEvery: 10,
  };
  const fast = trainSft(vocab, data, cfg), ref = trainSft(vocab, data, cfg, undefined, "reference");
  assert(maxDiff(fast.curve.map((c) => c.loss), ref.curve.map((c) => c.loss)) < 1e-3);
  assertEquals(trainSft(vocab, data, cfg).params.flat, fast.params.flat);
});

Deno.test("RL: the batched surrogate agrees with the reference at T = 1 and T = 0.7, with and without the KL", () => {
  const groups: Group[] = rows.slice(0, 4).map((r, k) => ({
    prompt: encodeText(base.vocab, r.prompt),
    rollouts: [[186, 17, 37, 15, END], [186, 17, END], [5, 6, 7]].map((tokens, i) => ({
      tokens,
      advantage: (i - 1) * 0.5 + k * 0.1,
    })),
  }));
  const other = paramsView(
    base.params.cfg,
    Float64Array.from(base.params.flat, (x, i) => x + 0.01 * Math.sin(i)),
  );
  for (
    const [T, beta, ref] of [[1, 0, null], [0.7, 0, null], [0.7, 0.1, other], [
      1,
      0.1,
      other,
    ]] as const
  ) {
    const g = paramsView(base.params.cfg, new Float64Array(base.params.flat.length));
    const want = surrogateGradient(base.params, ref, groups, beta, g, T);
    scoped(() => {
      const m = uploadModel(base.params), gm = zerosLike(m);
      const got = surrogateFast(m, ref ? uploadModel(ref) : null, groups, beta, gm, T);
      assert(
        Math.abs(got.loss - want.loss) < 1e-5 && Math.abs(got.kl - want.kl) < 1e-6,
        `T ${T} β ${beta}`,
      );
      const worst = maxDiff(f32(gm.flat, g.flat.length), g.flat);
      assert(worst < 1e-5, `T ${T} β ${beta}: gradient differs by ${worst}`);
    });
  }
});

Deno.test("Adam: the kernel's step is adam.ts's step to float32 rounding (with clipping)", () => {
  const n = 64, rng = makeRng(3), top = mark();
  const theta = Float64Array.from({ length: n }, () => rng.gaussian());
  const grads = Array.from(
    { length: 3 },
    () => Float64Array.from({ length: n }, () => rng.gaussian()),
  );
  const th = alloc(n * 4), g = alloc(n * 4), m1 = alloc(n * 4), v1 = alloc(n * 4);
  f32(th, n).set(theta);
  f32(m1, n).fill(0);
  f32(v1, n).fill(0);
  const st = adamState(n), ref = Float64Array.from(theta);
  grads.forEach((gr, t) => {
    f32(g, n).set(gr);
    const norm = Math.sqrt(K.sumSquares(n, g)), clip = 2;
    const gs = norm > clip ? clip / norm : 1, c1 = 1 - 0.9 ** (t + 1), c2 = 1 - 0.999 ** (t + 1);
    K.adamStep(n, th, g, m1, v1, gs, 0.01, 0.9, 0.999, c1, c2, 1e-8);
    adamStep(ref, Float64Array.from(gr), st, { lr: 0.01, clip });
  });
  assert(maxDiff(f32(th, n), ref) < 1e-6);
  release(top);
});
