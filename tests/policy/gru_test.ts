/**
 * The GRU's oracle: every parameter's analytic gradient (lib/policy/gru.ts, through
 * lib/policy/sequence.ts) against central finite differences of the loss, in float64.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams, paramsView } from "../../lib/policy/gru.ts";
import { sequenceNll } from "../../lib/policy/sequence.ts";

const CFG = { vocab: 7, hidden: 5 };
const PROMPT = [2, 3, 4, 2], COMPLETION = [5, 6, 3];

function nll(flat: Float64Array): number {
  const p = paramsView(CFG, flat);
  const sink = paramsView(CFG, new Float64Array(flat.length));
  return sequenceNll(p, PROMPT, COMPLETION, 0, sink, 1);
}

Deno.test("sequenceNll() gradient matches central finite differences for every parameter", () => {
  const p = initParams(CFG, makeRng(3));
  // Larger weights than the default init, so every gate is away from its linear regime.
  for (let i = 0; i < p.flat.length; i++) p.flat[i] *= 4;
  const grads = paramsView(CFG, new Float64Array(p.flat.length));
  sequenceNll(p, PROMPT, COMPLETION, 0, grads, 1);
  const eps = 1e-5;
  let worst = 0;
  for (let i = 0; i < p.flat.length; i++) {
    const x = Float64Array.from(p.flat);
    x[i] += eps;
    const up = nll(x);
    x[i] -= 2 * eps;
    const down = nll(x);
    const fd = (up - down) / (2 * eps);
    const err = Math.abs(fd - grads.flat[i]) /
      Math.max(1e-6, Math.abs(fd) + Math.abs(grads.flat[i]));
    worst = Math.max(worst, err);
  }
  assert(worst < 1e-4, `worst relative error ${worst}`);
});

Deno.test("sequenceNll() is deterministic: the same weights give the same loss and gradient", () => {
  const run = () => {
    const p = initParams(CFG, makeRng(9));
    const g = paramsView(CFG, new Float64Array(p.flat.length));
    return [sequenceNll(p, PROMPT, COMPLETION, 0, g, 1), [...g.flat]];
  };
  assertEquals(run(), run());
});
