/**
 * The two engines of lib/learn/rl.ts's loop: what sampling a step's groups, one update (the
 * surrogate's gradient, then Adam from a fresh state) and an evaluation are on each. The
 * reference engine works on float64 copies, one sample at a time; the fast one keeps the
 * weights, the frozen reference and Adam's moments in the wasm kernels' memory (call it inside a
 * `mark()`/`release()` of lib/policy/kernels.ts).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { buildVocab, encodeText } from "../policy/vocab.ts";
 * import { referenceEngine } from "./rl_engines.ts";
 * const vocab = buildVocab(["Compute 1+1.", "Final: 2"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0));
 * const cfg = { groupSize: 2, temperature: 1, maxTokens: 4, seed: 0, beta: 0, lr: 1e-3 };
 * const e = referenceEngine({ params, vocab }, cfg);
 * assertEquals(e.sample([{ ids: encodeText(vocab, "Compute 1+1."), key: "k" }])[0].length, 2);
 * ```
 * @module
 */
import { adamState, adamStep } from "../policy/adam.ts";
import { type GruParams, paramsView } from "../policy/gru.ts";
import {
  type PromptJob,
  type SampledCompletion,
  samplePrompts,
  type SamplerPolicy,
  samplingOptions,
} from "../policy/sampler.ts";
import type { Vocab } from "../policy/vocab.ts";
import { downloadParams, f32, K, refresh, uploadModel, zerosLike } from "../policy/kernels.ts";
import { sampleWith } from "../policy/batch_sampler.ts";
import { type Group, surrogateGradient } from "../policy/policy_gradient.ts";
import { surrogateFast } from "../policy/policy_gradient_fast.ts";
import { type EvalOptions, type EvalSnapshot, evaluatePolicy, type RlExample } from "./rl_eval.ts";
import { evaluateFast } from "./rl_eval_fast.ts";

/** The settings an engine needs (a subset of lib/learn/rl.ts's `RlConfig`). */
export interface EngineConfig {
  groupSize: number;
  temperature: number;
  maxTokens: number;
  seed: number;
  beta: number;
  lr: number;
}

/** What one engine does for the loop: sample, step, evaluate, and hand back the weights. */
export interface RlEngine {
  sample(jobs: readonly PromptJob[]): SampledCompletion[][];
  /**
   * Adds the surrogate's gradient for `groups`, takes one Adam step; returns the loss, the norm,
   * and the weights after the step (a view, read at once: the loop checks them finite).
   */
  step(groups: readonly Group[]): { loss: number; norm: number; weights: ArrayLike<number> };
  evaluate(examples: readonly RlExample[], opts: EvalOptions): EvalSnapshot;
  params(): GruParams;
}

export function referenceEngine(policy: SamplerPolicy, cfg: EngineConfig): RlEngine {
  const ref = policy.params;
  const params = paramsView(ref.cfg, Float64Array.from(ref.flat));
  const current = { params, vocab: policy.vocab as Vocab };
  const grads = paramsView(ref.cfg, new Float64Array(params.flat.length));
  const adam = adamState(params.flat.length);
  const sampling = samplingOptions({
    n: cfg.groupSize,
    temperature: cfg.temperature,
    max_tokens: cfg.maxTokens,
    seed: cfg.seed,
  });
  return {
    sample: (jobs) => samplePrompts(current, jobs, sampling, "reference"),
    step: (groups) => {
      grads.flat.fill(0);
      const r = cfg.beta > 0 ? ref : null;
      const stats = surrogateGradient(params, r, groups, cfg.beta, grads, cfg.temperature);
      const norm = adamStep(params.flat, grads.flat, adam, { lr: cfg.lr });
      return { loss: stats.loss, norm, weights: params.flat };
    },
    evaluate: (examples, opts) => evaluatePolicy(current, ref, examples, opts),
    params: () => params,
  };
}

/** The fast engine: the weights, the reference and Adam's moments live in the kernels' memory. */
export function fastEngine(policy: SamplerPolicy, cfg: EngineConfig): RlEngine {
  const m = uploadModel(policy.params), ref = uploadModel(policy.params);
  const grads = zerosLike(m), mom = zerosLike(m), vel = zerosLike(m);
  const sampling = samplingOptions({
    n: cfg.groupSize,
    temperature: cfg.temperature,
    max_tokens: cfg.maxTokens,
    seed: cfg.seed,
  });
  const b1 = 0.9, b2 = 0.999;
  let t = 0;
  return {
    sample: (jobs) => sampleWith(m, policy.vocab, jobs, sampling),
    step: (groups) => {
      f32(grads.flat, m.Pp).fill(0);
      const stats = surrogateFast(
        m,
        cfg.beta > 0 ? ref : null,
        groups,
        cfg.beta,
        grads,
        cfg.temperature,
      );
      const norm = Math.sqrt(K.sumSquares(m.Pp, grads.flat));
      t++;
      const c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
      K.adamStep(m.Pp, m.flat, grads.flat, mom.flat, vel.flat, 1, cfg.lr, b1, b2, c1, c2, 1e-8);
      refresh(m);
      return { loss: stats.loss, norm, weights: f32(m.flat, m.Pp) };
    },
    evaluate: (examples, opts) => evaluateFast(m, ref, policy.vocab, examples, opts),
    params: () => downloadParams(m),
  };
}
