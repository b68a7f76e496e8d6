/**
 * Decoding filters as the engines define them: temperature, then top-k, then top-p over the
 * renormalised top-k mass. One test per combination against distributions computed by hand.
 *
 * Replayed from:
 * - Hugging Face transformers, src/transformers/generation/utils.py at 000034a44ef8
 *   (`_get_logits_processor`: TemperatureLogitsWarper, then TopKLogitsWarper, then
 *   TopPLogitsWarper) and src/transformers/generation/logits_process.py at 00857b6cf63a
 *   (TopK removes `scores < topk(scores, k)[..., -1]`, so ties with the k-th stay; TopP sorts
 *   ascending, removes where `softmax(sorted).cumsum() <= 1 - top_p`, keeps at least one);
 * - vLLM, vllm/v1/sample/sampler.py at 00ec97818a85 (`apply_temperature`, then
 *   `_apply_top_k_top_p`: masks below the k-th logit, then the nucleus of the softmax of what is
 *   left) and vllm/v1/sample/ops/topk_topp_sampler.py at 01fa3fe74b05
 *   (`apply_top_k_top_p_pytorch`, the same two masks).
 * In both, a token survives top-p when the mass of the tokens above it is below top_p.
 */
import { assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams } from "../../lib/policy/gru.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { filteredWeights, pickToken, samplingOptions } from "../../lib/policy/decoding.ts";
import { sampleCompletions } from "../../lib/policy/sampler.ts";

const P = [0.5, 0.3, 0.15, 0.05];
const logits = P.map(Math.log);

/** The kept distribution, normalised, to 4 decimals. */
function dist(o: { temperature?: number; top_k?: number; top_p?: number }): number[] {
  const w = new Float64Array(P.length);
  const total = filteredWeights(logits, samplingOptions(o), w);
  return Array.from(w, (x) => Math.round((x / total) * 1e4) / 1e4);
}

Deno.test("no filter: the policy's own distribution", () => {
  assertEquals(dist({}), [0.5, 0.3, 0.15, 0.05]);
});

Deno.test("temperature 0.5 alone: p² renormalised (.25, .09, .0225, .0025 over .365)", () => {
  assertEquals(dist({ temperature: 0.5 }), [0.6849, 0.2466, 0.0616, 0.0068]);
});

Deno.test("top-k 3 alone: the 3 likeliest, renormalised over .95", () => {
  assertEquals(dist({ top_k: 3 }), [0.5263, 0.3158, 0.1579, 0]);
});

Deno.test("top-p 0.6 alone: .5 then .3 reaches .6, so 2 tokens (.625, .375)", () => {
  assertEquals(dist({ top_p: 0.6 }), [0.625, 0.375, 0, 0]);
});

Deno.test("top-k 3 then top-p 0.6 over the top-k mass: 2 tokens, as Hugging Face and vLLM keep", () => {
  // top-k: .5/.95 = .526, .3/.95 = .316 → .842 ≥ .6 after two tokens
  assertEquals(dist({ top_k: 3, top_p: 0.6 }), [0.625, 0.375, 0, 0]);
});

Deno.test("top-k 2 then top-p 0.6: .5/.8 = .625 alone reaches .6, so 1 token", () => {
  // over the full distribution the first token (.5) would not reach .6: the kept mass decides
  assertEquals(dist({ top_k: 2, top_p: 0.6 }), [1, 0, 0, 0]);
});

Deno.test("temperature then top-p: the nucleus of the tempered distribution", () => {
  // T = 0.5: .685 ≥ .6 alone (at T = 1 it would take two tokens)
  assertEquals(dist({ temperature: 0.5, top_p: 0.6 }), [1, 0, 0, 0]);
});

Deno.test("temperature then top-k then top-p: T = 2, k = 3, p = 0.9", () => {
  // √p = .7071, .5477, .3873 (k = 3) over 1.6421: .4306, .3335, .2359; .764 < .9 → all 3
  assertEquals(dist({ temperature: 2, top_k: 3, top_p: 0.9 }), [0.4306, 0.3335, 0.2359, 0]);
});

Deno.test("top-k keeps every token tied with the k-th", () => {
  const w = new Float64Array(4);
  const total = filteredWeights([0, -1, -1, -2], samplingOptions({ top_k: 2 }), w);
  assertAlmostEquals(total, 1 + 2 * Math.exp(-1), 1e-12);
  assertEquals(w[3], 0);
});

Deno.test("pickToken() draws by the kept distribution's cumulative weights", () => {
  const logp = Float64Array.from(logits), work = new Float64Array(4);
  const o = samplingOptions({ top_k: 3, top_p: 0.6 });
  assertEquals([0, 0.62, 0.63, 0.999].map((u) => pickToken(logp, o, u, work)), [0, 0, 1, 1]);
});

Deno.test("the fast and the reference engine filter alike: same tokens under top-k and top-p", () => {
  const vocab = buildVocab(["Compute 2+2. Final: 4 or 5 or 6 apples."]);
  const policy = {
    vocab,
    params: initParams({ vocab: vocab.texts.length, hidden: 12 }, makeRng(7)),
  };
  for (let i = 0; i < policy.params.bo.length; i++) policy.params.bo[i] = i % 3;
  for (const o of [{ top_k: 3 }, { top_p: 0.7 }, { top_k: 4, top_p: 0.8, temperature: 0.7 }]) {
    const opts = samplingOptions({ ...o, n: 16, max_tokens: 10, seed: 5 });
    const fast = sampleCompletions(policy, "Compute 2+2.", opts);
    const ref = sampleCompletions(policy, "Compute 2+2.", opts, "reference");
    assertEquals(fast.map((s) => s.tokens), ref.map((s) => s.tokens));
  }
});
