/**
 * The RL surrogate's oracle: its analytic gradient (policy-gradient and exact-KL terms, the
 * shared prompt state included) against central finite differences, in float64.
 */
import { assert } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams, paramsView } from "../../lib/policy/gru.ts";
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

Deno.test("surrogateGradient() matches central finite differences for every parameter (beta 0.3, with a reference)", () => {
  const p = initParams(CFG, makeRng(5));
  for (let i = 0; i < p.flat.length; i++) p.flat[i] *= 3;
  const ref = initParams(CFG, makeRng(6));
  for (let i = 0; i < ref.flat.length; i++) ref.flat[i] *= 3;
  const beta = 0.3;
  const grads = paramsView(CFG, new Float64Array(p.flat.length));
  surrogateGradient(p, ref, GROUPS, beta, grads);
  const loss = (flat: Float64Array) =>
    surrogateGradient(
      paramsView(CFG, flat),
      ref,
      GROUPS,
      beta,
      paramsView(CFG, new Float64Array(flat.length)),
    ).loss;
  let worst = 0;
  for (let i = 0; i < p.flat.length; i++) {
    const x = Float64Array.from(p.flat);
    x[i] += 1e-5;
    const up = loss(x);
    x[i] -= 2e-5;
    const fd = (up - loss(x)) / 2e-5;
    worst = Math.max(
      worst,
      Math.abs(fd - grads.flat[i]) / Math.max(1e-6, Math.abs(fd) + Math.abs(grads.flat[i])),
    );
  }
  assert(worst < 1e-4, `worst relative error ${worst}`);
});
