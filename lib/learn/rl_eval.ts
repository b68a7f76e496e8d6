/**
 * What Loop C measures on the tiny policy while it trains: on a fixed set of prompts, fresh
 * samples scored by the rubric being optimised (the proxy) and by the strict scorer (the true
 * reward), greedy completions, the per-completion KL to the frozen reference, the entropy per
 * token, the completion length and the share of each strict scorer code.
 *
 * Sample `i` of prompt `id` draws from the stream keyed `eval/<id>` and `i` at every evaluation
 * (common random numbers): two evaluations differ only because the policy did. This module is
 * the reference engine; lib/learn/rl_eval_fast.ts draws and measures the same on the fast one,
 * and both report through {@link snapshotOf}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { buildVocab, encodeText } from "../policy/vocab.ts";
 * import { evaluatePolicy } from "./rl_eval.ts";
 * const vocab = buildVocab(["Compute 1+1.", "Final: 2"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0));
 * const ex = { id: "a", prompt: "Compute 1+1.", expected_answer: 2, ids: encodeText(vocab, "Compute 1+1.") };
 * const opts = { samples: 4, temperature: 1, maxTokens: 6, seed: 0, rubric: "strict" as const };
 * const snap = evaluatePolicy({ params, vocab }, params, [ex], opts);
 * assertEquals([snap.strict, snap.kl], [0, 0]); // an untrained policy, measured against itself
 * ```
 * @module
 */
import { type RubricName, RUBRICS } from "../instrument/rubrics.ts";
import { score } from "../instrument/scorer.ts";
import { type GruParams, readToken, runTokens, Scratch, stateLogp } from "../policy/gru.ts";
import {
  readPrompt,
  type SampledCompletion,
  sampleOne,
  type SamplerPolicy,
  type SamplingOptions,
  samplingOptions,
} from "../policy/sampler.ts";
import { END } from "../policy/vocab.ts";

/** A prompt with its answer and its vocabulary indices (encoded once). */
export interface RlExample {
  id: string;
  prompt: string;
  expected_answer: number | string;
  ids: readonly number[];
}

/** How an evaluation samples and scores. */
export interface EvalOptions {
  /** Samples per prompt. */
  samples: number;
  temperature: number;
  maxTokens: number;
  seed: number;
  /** The rubric whose reward is the proxy. */
  rubric: RubricName;
}

/** One evaluation of a policy on a set of prompts. */
export interface EvalSnapshot {
  /** Mean rubric reward of the samples. */
  proxy: number;
  /** Strict pass rate of the samples (the true reward). */
  strict: number;
  /** Strict pass rate of the greedy completions. */
  greedy: number;
  /** Share of prompts with at least one strict pass among their samples (pass@samples). */
  passAtN: number;
  /** Mean over samples of Σ_t KL(π_θ ‖ π_ref) at the sampled prefixes (nats). */
  kl: number;
  /** Mean entropy of π_θ per sampled position (nats). */
  entropy: number;
  /** Mean completion length in tokens (END included when it stopped). */
  length: number;
  /** Share of each strict scorer code among the samples. */
  codes: Record<string, number>;
}

/** Σ_t KL(π_θ ‖ π_ref) and Σ_t H(π_θ) along one completion (END included in `tokens`). */
export function trajectoryStats(
  p: GruParams,
  ref: GruParams,
  prompt: readonly number[],
  tokens: readonly number[],
): { kl: number; entropy: number } {
  const H = p.cfg.hidden, V = p.cfg.vocab;
  let h: Float64Array = runTokens(p, new Float64Array(H), [...prompt, END]);
  let hr: Float64Array = runTokens(ref, new Float64Array(H), [...prompt, END]);
  let next: Float64Array = new Float64Array(H), nextR: Float64Array = new Float64Array(H);
  const s = new Scratch(V, H), sr = new Scratch(V, H);
  let logp = stateLogp(p, h, s), logq = stateLogp(ref, hr, sr);
  let kl = 0, entropy = 0;
  for (let t = 0; t < tokens.length; t++) {
    for (let v = 0; v < V; v++) {
      const pv = Math.exp(logp[v]);
      kl += pv * (logp[v] - logq[v]);
      entropy -= pv * logp[v];
    }
    if (t === tokens.length - 1) break;
    logp = readToken(p, tokens[t], h, next, s);
    logq = readToken(ref, tokens[t], hr, nextR, sr);
    [h, next, hr, nextR] = [next, h, nextR, hr];
  }
  return { kl, entropy };
}

/**
 * Evaluates `policy` on `examples`: `samples` fresh completions per prompt (streams keyed
 * `eval/<id>`), one greedy completion, the KL to `ref`, entropy, length and code shares.
 */
export function evaluatePolicy(
  policy: SamplerPolicy,
  ref: GruParams,
  examples: readonly RlExample[],
  opts: EvalOptions,
): EvalSnapshot {
  const sampling = evalSampling(opts);
  const samples: SampledCompletion[][] = [], greedy: SampledCompletion[] = [];
  for (const ex of examples) {
    const state = readPrompt(policy, ex.ids);
    samples.push(
      Array.from(
        { length: opts.samples },
        (_, i) => sampleOne(policy, state, sampling, `eval/${ex.id}`, i),
      ),
    );
    greedy.push(sampleOne(policy, state, { ...sampling, temperature: 0 }, `greedy/${ex.id}`, 0));
  }
  let j = 0, i = 0;
  return snapshotOf(examples, opts, samples, greedy, () => {
    const stats = trajectoryStats(policy.params, ref, examples[j].ids, samples[j][i].tokens);
    if (++i === opts.samples) [i, j] = [0, j + 1];
    return stats;
  });
}

/** The sampling options of an evaluation's samples (its greedy completions: temperature 0). */
export function evalSampling(opts: EvalOptions): SamplingOptions {
  return samplingOptions({
    n: opts.samples,
    temperature: opts.temperature,
    max_tokens: opts.maxTokens,
    seed: opts.seed,
  });
}

/**
 * An evaluation's numbers from its draws: `samples[j]` and `greedy[j]` of example j, and
 * `statsOf()` giving the KL and entropy of each sample in order (example by example). Both
 * engines report through this.
 */
export function snapshotOf(
  examples: readonly RlExample[],
  opts: EvalOptions,
  samples: readonly (readonly SampledCompletion[])[],
  greedy: readonly SampledCompletion[],
  statsOf: () => { kl: number; entropy: number },
): EvalSnapshot {
  const rubric = RUBRICS[opts.rubric];
  let proxy = 0, strict = 0, greedyPass = 0, passAtN = 0, kl = 0, entropy = 0, tokens = 0;
  const codes: Record<string, number> = {};
  examples.forEach((ex, j) => {
    let any = false;
    for (const s of samples[j]) {
      const verdict = score(ex, s.text);
      proxy += opts.rubric === "strict" ? verdict.reward : rubric(ex, s.text).reward;
      strict += verdict.reward;
      any ||= verdict.reward === 1;
      codes[verdict.details.code] = (codes[verdict.details.code] ?? 0) + 1;
      const stats = statsOf();
      kl += stats.kl;
      entropy += stats.entropy;
      tokens += s.tokens.length;
    }
    passAtN += any ? 1 : 0;
    greedyPass += score(ex, greedy[j].text).reward;
  });
  const n = examples.length * opts.samples;
  const shares: Record<string, number> = {};
  for (const code of Object.keys(codes).sort()) shares[code] = codes[code] / n;
  return {
    proxy: proxy / n,
    strict: strict / n,
    greedy: greedyPass / examples.length,
    passAtN: passAtN / examples.length,
    kl: kl / n,
    entropy: entropy / Math.max(1, tokens),
    length: tokens / n,
    codes: shares,
  };
}
