/**
 * lib/learn/rl_eval.ts's evaluation on the fast engine: every prompt's samples and greedy
 * completion drawn in lockstep (the same streams), then the KL to the reference and the entropy
 * along every sample from one teacher-forced pass of each model, all through the wasm kernels.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { mark, release, uploadModel } from "../policy/kernels.ts";
 * import { buildVocab, encodeText } from "../policy/vocab.ts";
 * import { evaluateFast } from "./rl_eval_fast.ts";
 * const vocab = buildVocab(["Compute 1+1.", "Final: 2"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0));
 * const ex = { id: "a", prompt: "Compute 1+1.", expected_answer: 2, ids: encodeText(vocab, "Compute 1+1.") };
 * const top = mark(), m = uploadModel(params);
 * const opts = { samples: 4, temperature: 1, maxTokens: 6, seed: 0, rubric: "strict" as const };
 * const snap = evaluateFast(m, m, vocab, [ex], opts);
 * assertEquals([snap.strict, Math.abs(snap.kl) < 1e-6], [0, true]);
 * release(top);
 * ```
 * @module
 */
import { alloc, f32, K, logitRows, mark, release, type WasmModel } from "../policy/kernels.ts";
import { sampleWith } from "../policy/batch_sampler.ts";
import { forwardLanes, Lanes } from "../policy/lanes.ts";
import { END, type Vocab } from "../policy/vocab.ts";
import {
  type EvalOptions,
  evalSampling,
  type EvalSnapshot,
  type RlExample,
  snapshotOf,
} from "./rl_eval.ts";

/** Σ_t KL(π_θ ‖ π_ref) and Σ_t H(π_θ) along each completion (END included in its tokens). */
export function trajectoryStatsFast(
  m: WasmModel,
  ref: WasmModel,
  prompts: readonly (readonly number[])[],
  items: readonly { prompt: number; tokens: readonly number[] }[],
): { kl: number; entropy: number }[] {
  const top = mark();
  try {
    const H = m.H, logits: number[] = [];
    let lanes = new Lanes();
    for (const model of [m, ref]) {
      const pr = forwardLanes(model, prompts.map((ids) => [...ids, END]), 0, false, new Lanes());
      const st = alloc(Math.max(1, items.length) * H * 4), sv = f32(st, items.length * H);
      const SP = f32(pr.S, pr.R * H);
      items.forEach((x, k) => {
        const row = pr.row(x.prompt, prompts[x.prompt].length + 1);
        sv.set(SP.subarray(row * H, row * H + H), k * H);
      });
      lanes = forwardLanes(model, items.map((x) => x.tokens.slice(0, -1)), st, false, new Lanes());
      const LG = alloc(Math.max(1, lanes.R) * m.Vp * 4);
      logitRows(model, lanes.R, lanes.S, LG);
      logits.push(LG);
    }
    const R = lanes.R, kl = alloc(Math.max(1, R) * 4), ent = alloc(Math.max(1, R) * 4);
    K.klRows(R, m.V, logits[0], logits[1], m.Vp, kl, ent, alloc(m.Vp * 4));
    const klv = f32(kl, R), env = f32(ent, R);
    return items.map((x, k) => {
      let a = 0, b = 0;
      for (let t = 0; t < x.tokens.length; t++) {
        a += klv[lanes.row(k, t)];
        b += env[lanes.row(k, t)];
      }
      return { kl: a, entropy: b };
    });
  } finally {
    release(top);
  }
}

/** lib/learn/rl_eval.ts's `evaluatePolicy` with both models in the kernels' memory. */
export function evaluateFast(
  m: WasmModel,
  ref: WasmModel,
  vocab: Vocab,
  examples: readonly RlExample[],
  opts: EvalOptions,
): EvalSnapshot {
  const sampling = evalSampling(opts);
  const samples = sampleWith(
    m,
    vocab,
    examples.map((e) => ({ ids: e.ids, key: `eval/${e.id}` })),
    sampling,
  );
  const greedy = sampleWith(
    m,
    vocab,
    examples.map((e) => ({ ids: e.ids, key: `greedy/${e.id}` })),
    { ...sampling, n: 1, temperature: 0 },
  );
  const items = samples.flatMap((xs, j) => xs.map((x) => ({ prompt: j, tokens: x.tokens })));
  const stats = trajectoryStatsFast(m, ref, examples.map((e) => e.ids), items);
  let k = 0;
  return snapshotOf(examples, opts, samples, greedy.map((g) => g[0]), () => stats[k++]);
}
