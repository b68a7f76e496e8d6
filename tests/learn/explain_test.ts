/**
 * The gradient connection's oracle: the explained step is −lr times the surrogate's gradient,
 * checked against central finite differences of L(θ) = −A Σ_t log π_θ(y_t | x, y_<t).
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams, paramsView } from "../../lib/policy/gru.ts";
import { completionLogprobs } from "../../lib/policy/logprobs.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { explainUpdate } from "../../lib/learn/explain.ts";

const vocab = buildVocab(["Compute 4+5.", "Final: 9 or 8"]);
const cfg = { vocab: vocab.texts.length, hidden: 4 };
const params = initParams(cfg, makeRng(11));
for (let i = 0; i < params.flat.length; i++) params.flat[i] *= 3;
const PROMPT = "Compute 4+5.", COMPLETION = "Final: 9 or 8";

Deno.test("explainUpdate() steps by −lr·∇L, as central finite differences of the surrogate say", () => {
  const A = 0.75, lr = 0.1;
  const e = explainUpdate({ params, vocab }, PROMPT, COMPLETION, { advantage: A, lr });
  const L = (flat: Float64Array) =>
    -A *
    completionLogprobs({ params: paramsView(cfg, flat), vocab }, PROMPT, COMPLETION, "reference")
      .logprob;
  let worst = 0;
  for (let i = 0; i < params.flat.length; i++) {
    const x = Float64Array.from(params.flat);
    x[i] += 1e-5;
    const up = L(x);
    x[i] -= 2e-5;
    const fd = (up - L(x)) / 2e-5;
    const expected = -lr * fd;
    worst = Math.max(
      worst,
      Math.abs(e.step[i] - expected) / Math.max(1e-7, Math.abs(expected) + Math.abs(e.step[i])),
    );
  }
  assert(worst < 1e-4, `worst relative error ${worst}`);
});

Deno.test("explainUpdate() re-measures every token after the step: all rise with A > 0, all fall with A < 0", () => {
  const up = explainUpdate({ params, vocab }, PROMPT, COMPLETION, { advantage: 1, lr: 0.01 });
  const down = explainUpdate({ params, vocab }, PROMPT, COMPLETION, { advantage: -1, lr: 0.01 });
  assertEquals(up.rows.map((r) => r.token), ["Final", ":", "␣", "9", "␣or", "␣", "8", "<|end|>"]);
  assert(up.logprob_after > up.logprob_before && down.logprob_after < down.logprob_before);
  assert(up.rows[0].prob_after !== up.rows[0].prob_before, "the first token moves too");
});
