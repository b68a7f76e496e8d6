/**
 * The RL surrogate's oracle: its analytic gradient (policy-gradient and exact-KL terms, the
 * shared prompt state included) against central finite differences, in float64.
 */
import { assert } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { type GruParams, initParams, paramsView } from "../../lib/policy/gru.ts";
import { type Group, surrogateGradient } from "../../lib/policy/policy_gradient.ts";

const CFG = { vocab: 6, hidden: 4 };
const GROUPS: Group[] = [
  {
    prompt: [2, 3, 4],
    rollouts: [{ tokens: [5, 2, 0], advantage: 0.75 }, { tokens: [3, 4, 5], advantage: -0.25 }, {
      tokens: [0],
      advantage: -0.5,
    }],
  },
  {
    prompt: [5],
    rollouts: [{ tokens: [2, 0], advantage: 0.5 }, { tokens: [4, 4, 0], advantage: -0.5 }],
  },
];

/** The worst relative gap between the analytic gradient and central finite differences. */
function worstGap(p: GruParams, ref: GruParams | null, beta: number, T = 1): number {
  const grads = paramsView(CFG, new Float64Array(p.flat.length));
  surrogateGradient(p, ref, GROUPS, beta, grads, T);
  const fresh = () => paramsView(CFG, new Float64Array(p.flat.length));
  const loss = (flat: Float64Array) =>
    surrogateGradient(paramsView(CFG, flat), ref, GROUPS, beta, fresh(), T).loss;
  let worst = 0;
  for (let i = 0; i < p.flat.length; i++) {
    const x = Float64Array.from(p.flat);
    x[i] += 1e-5;
    const up = loss(x);
    x[i] -= 2e-5;
    const fd = (up - loss(x)) / 2e-5;
    const g = grads.flat[i];
    worst = Math.max(worst, Math.abs(fd - g) / Math.max(1e-6, Math.abs(fd) + Math.abs(g)));
  }
  return worst;
}

const scaled = (seed: number) => {
  const p = initParams(CFG, makeRng(seed));
  for (let i = 0; i < p.flat.length; i++) p.flat[i] *= 3;
  return p;
};

Deno.test("surrogateGradient() matches central finite differences for every parameter (beta 0.3, with a reference)", () => {
  const worst = worstGap(scaled(5), scaled(6), 0.3);
  assert(worst < 1e-4, `worst relative error ${worst}`);
});

Deno.test("at T = 0.7 the surrogate differentiates log softmax(logits / 0.7), the distribution it sampled: central finite differences agree", () => {
  const p = scaled(5), ref = initParams(CFG, makeRng(6));
  const worst = worstGap(p, ref, 0.2, 0.7);
  assert(worst < 1e-4, `worst relative error ${worst}`);
  // and it is another function than the T = 1 surrogate (the off-policy loss it replaces)
  const fresh = () => paramsView(CFG, new Float64Array(p.flat.length));
  const at = surrogateGradient(p, ref, GROUPS, 0.2, fresh(), 0.7);
  const at1 = surrogateGradient(p, ref, GROUPS, 0.2, fresh());
  assert(Math.abs(at.pgLoss - at1.pgLoss) > 1e-3, `${at.pgLoss} vs ${at1.pgLoss}`);
});
