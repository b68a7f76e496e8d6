/**
 * Rejection-sampling fine-tuning (RFT, "filtered SFT") on the course's own policy: sample `n`
 * completions of every training prompt from the policy, keep the ones the strict scorer pays
 * (each distinct text once per prompt), and fine-tune the policy's own weights on them with the
 * supervised loss of lib/policy/sft.ts (mean token cross-entropy of the kept completions).
 *
 * What it is, next to the other two ways of using the verifier: selection keeps the best sample
 * at inference and changes nothing; RFT clones the samples it kept, once, offline; RL
 * (lib/learn/rl.ts) updates on fresh samples of the current policy, step after step. RFT can
 * only learn from what the policy already wrote: a prompt with no correct sample adds nothing.
 * Under spec v1 a correct completion is the single string `Final: <answer>`, so here RFT is
 * supervised training on the answers of the prompts the policy could already solve.
 *
 * Adam from a fresh state, constant learning rate, gradient clipped at 1, batches drawn with
 * replacement from `seedFrom("rft-order", seed)`; float64, single-threaded, deterministic.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { buildVocab, encodeText } from "../policy/vocab.ts";
 * import { keptSamples } from "./rft.ts";
 * const vocab = buildVocab(["Compute 1+1.", "Final: 2"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 4 }, makeRng(0));
 * const ex = { id: "a", prompt: "Compute 1+1.", expected_answer: 2, ids: encodeText(vocab, "Compute 1+1.") };
 * const kept = keptSamples({ params, vocab }, [ex], { n: 2, seed: 0, maxTokens: 3 });
 * assertEquals(kept.prompts, 1);
 * assertEquals(kept.rows.every((r) => r.completion === "Final: 2"), true); // only right answers
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";
import { score } from "../instrument/scorer.ts";
import { adamState, adamStep } from "../policy/adam.ts";
import { type GruParams, paramsView } from "../policy/gru.ts";
import { samplePrompts, type SamplerPolicy, samplingOptions } from "../policy/sampler.ts";
import { sequenceNll } from "../policy/sequence.ts";
import { encodeText, END } from "../policy/vocab.ts";
import type { RlExample } from "./rl_eval.ts";

/** Every knob of an RFT run. */
export interface RftConfig {
  /** Samples drawn per training prompt. */
  n: number;
  /** Fine-tuning steps. */
  steps: number;
  /** Kept sequences per step. */
  batch: number;
  /** Adam's learning rate (constant). */
  lr: number;
  temperature: number;
  maxTokens: number;
  seed: number;
}

/** The defaults: 8 samples per prompt, 100 steps of 16 sequences at lr 1e-3 (a few seconds). */
export const RFT_DEFAULTS: RftConfig = {
  n: 8,
  steps: 100,
  batch: 16,
  lr: 1e-3,
  temperature: 1,
  maxTokens: 48,
  seed: 0,
};

/** What rejection sampling kept. */
export interface KeptSamples {
  /** Training prompts sampled. */
  prompts: number;
  /** Prompts with at least one correct sample (the only ones RFT learns from). */
  solved: number;
  /** The kept (prompt, completion) pairs, each distinct completion once per prompt. */
  rows: { id: string; prompt: number[]; completion: string; tokens: number[] }[];
}

/**
 * Step 1: `n` samples per prompt from `policy` (the streams `deno task sample` uses for the
 * prompt's id, `seed` and sample index), kept when the strict scorer pays them.
 */
export function keptSamples(
  policy: SamplerPolicy,
  examples: readonly RlExample[],
  opts: { n: number; seed: number; temperature?: number; maxTokens?: number },
): KeptSamples {
  const s = samplingOptions({
    n: opts.n,
    temperature: opts.temperature ?? 1,
    max_tokens: opts.maxTokens ?? 48,
    seed: opts.seed,
  });
  const rows: KeptSamples["rows"] = [];
  let solved = 0;
  const drawn = samplePrompts(policy, examples.map((ex) => ({ ids: ex.ids, key: ex.id })), s);
  for (const [j, ex] of examples.entries()) {
    const good = new Set<string>();
    for (const { text } of drawn[j]) if (score(ex, text).reward === 1) good.add(text);
    if (good.size > 0) solved++;
    for (const completion of good) {
      rows.push({
        id: ex.id,
        prompt: [...ex.ids],
        completion,
        tokens: encodeText(policy.vocab, completion),
      });
    }
  }
  return { prompts: examples.length, solved, rows };
}

/**
 * Step 2: supervised fine-tuning of a copy of `params` on the kept rows (the input is not
 * changed). Returns the new weights and the mean token loss of the first and last steps.
 */
export function fineTune(
  params: GruParams,
  rows: readonly { prompt: readonly number[]; tokens: readonly number[] }[],
  cfg: Pick<RftConfig, "steps" | "batch" | "lr" | "seed">,
): { params: GruParams; firstLoss: number; lastLoss: number } {
  if (rows.length === 0) throw new RangeError("RFT needs at least one kept sample");
  const p = paramsView(params.cfg, new Float64Array(params.flat));
  const grads = paramsView(p.cfg, new Float64Array(p.flat.length));
  const adam = adamState(p.flat.length);
  const rng = makeRng(seedFrom("rft-order", cfg.seed));
  let firstLoss = NaN, lastLoss = NaN;
  for (let t = 1; t <= cfg.steps; t++) {
    const batch = Array.from({ length: cfg.batch }, () => rows[rng.int(rows.length)]);
    const tokens = batch.reduce((s, r) => s + r.tokens.length + 1, 0);
    grads.flat.fill(0);
    let loss = 0;
    for (const r of batch) {
      loss += sequenceNll(p, r.prompt as number[], r.tokens as number[], END, grads, 1 / tokens);
    }
    adamStep(p.flat, grads.flat, adam, { lr: cfg.lr, clip: 1 });
    if (t === 1) firstLoss = loss / tokens;
    lastLoss = loss / tokens;
  }
  return { params: p, firstLoss, lastLoss };
}
