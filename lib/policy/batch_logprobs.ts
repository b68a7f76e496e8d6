/**
 * The fast engine's teacher-forced scoring: log π(y_t | x, y_<t) of given tokens after given
 * prompts, every prompt read once and every completion read in lockstep through the wasm
 * kernels. It runs the same kernels, row for row, as the fast sampler, so a sample's recorded
 * log-probabilities are re-measured here bit for bit.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab, encodeText } from "./vocab.ts";
 * import { samplingOptions } from "./decoding.ts";
 * import { sampleBatch } from "./batch_sampler.ts";
 * import { scoreBatch } from "./batch_logprobs.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const ids = encodeText(vocab, "Final:");
 * const [s] = sampleBatch(policy, [{ ids, key: "a" }], samplingOptions({ n: 1, max_tokens: 5 }))[0];
 * assertEquals(scoreBatch(policy, [ids], [{ prompt: 0, tokens: s.tokens }])[0], s.logprobs);
 * ```
 * @module
 */
import type { SamplerPolicy } from "./decoding.ts";
import { alloc, f32, i32, K, logitRows, scoped, uploadModel, type WasmModel } from "./kernels.ts";
import { forwardLanes, Lanes } from "./lanes.ts";
import { END } from "./vocab.ts";

/** A completion to score: which prompt it follows and its tokens (END last when it ended). */
export interface ScoreItem {
  prompt: number;
  tokens: readonly number[];
}

/**
 * log π of every token of every item, at temperature 1 (`s` = 1/T otherwise), as numbers.
 * `prompts` are vocabulary indices without END.
 */
export function scoreBatch(
  policy: SamplerPolicy,
  prompts: readonly (readonly number[])[],
  items: readonly ScoreItem[],
  s = 1,
): number[][] {
  return scoped(() => scoreWith(uploadModel(policy.params), prompts, items, s));
}

/** {@link scoreBatch} with the weights already in the kernels' memory. */
export function scoreWith(
  m: WasmModel,
  prompts: readonly (readonly number[])[],
  items: readonly ScoreItem[],
  s = 1,
): number[][] {
  return scoped(() => {
    const H = m.H, Vp = m.Vp;
    const pr = forwardLanes(m, prompts.map((ids) => [...ids, END]), 0, false, new Lanes());
    const starts = alloc(Math.max(1, items.length) * H * 4);
    const st = f32(starts, items.length * H), SP = f32(pr.S, pr.R * H);
    items.forEach((x, k) => {
      const row = pr.row(x.prompt, prompts[x.prompt].length + 1);
      st.set(SP.subarray(row * H, row * H + H), k * H);
    });
    const L = forwardLanes(m, items.map((x) => x.tokens.slice(0, -1)), starts, false, new Lanes());
    const R = L.R, LG = alloc(Math.max(1, R) * Vp * 4), tok = alloc(Math.max(1, R) * 4);
    const lp = alloc(Math.max(1, R) * 4), work = alloc(Vp * 4);
    logitRows(m, R, L.S, LG);
    const tk = i32(tok, R);
    items.forEach((x, k) => x.tokens.forEach((y, t) => tk[L.row(k, t)] = y));
    K.logpRows(R, m.V, LG, Vp, s, tok, lp, work);
    const out = f32(lp, R);
    return items.map((x, k) => x.tokens.map((_, t) => out[L.row(k, t)]));
  });
}
