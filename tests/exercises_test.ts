/**
 * The exercise contracts (lib/exercises.ts): the reference answer passes, and typical mistakes
 * fail with a message that names where and why.
 */
import { assert, assertEquals, assertStringIncludes } from "../lib/testing.ts";
import { checkOptimalPolicy, checkUpdateRule, type UpdateRule } from "../lib/exercises.ts";
import { klOptimalPolicy } from "../lib/kl.ts";

const reinforce: UpdateRule = (params, probs, action, advantage, lr) =>
  params.map((t, i) => t + lr * advantage * ((i === action ? 1 : 0) - probs[i]));

Deno.test("checkUpdateRule() passes the REINFORCE update", () => {
  assertEquals(checkUpdateRule(reinforce), { ok: true, why: "matches lib/bandit.ts on 20 steps" });
});

Deno.test("checkUpdateRule() fails an update that only moves the taken action", () => {
  const v = checkUpdateRule((params, probs, action, advantage, lr) =>
    params.map((t, i) => i === action ? t + lr * advantage * (1 - probs[i]) : t)
  );
  assert(!v.ok);
  assertStringIncludes(v.why, "step 1 (a=");
  assertStringIncludes(v.why, "REINFORCE gives");
});

Deno.test("checkUpdateRule() fails a rule that throws, naming the step", () => {
  const v = checkUpdateRule(() => {
    throw new Error("not yet");
  });
  assertEquals(v, { ok: false, why: "step 1: your rule threw not yet" });
});

Deno.test("checkOptimalPolicy() passes the closed form and fails an unnormalised one", () => {
  assert(checkOptimalPolicy(klOptimalPolicy).ok);
  const unnormalised = checkOptimalPolicy((ref, r, beta) =>
    ref.map((p, a) => p * Math.exp(r[a] / beta))
  );
  assert(!unnormalised.ok);
  assertStringIncludes(unnormalised.why, "β=0.1: your probabilities sum to");
});
