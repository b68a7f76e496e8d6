/**
 * The exercise contracts (lib/course/exercise_checks.ts): the reference answer passes, and typical mistakes
 * fail with a message that names where and why.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  checkOptimalPolicy,
  checkPickBest,
  checkUpdateRule,
  randomTieBreakPick,
  selectionChoices,
  type UpdateRule,
} from "../../lib/course/exercise_checks.ts";
import { pickBest } from "../../lib/select/selection.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { klOptimalPolicy } from "../../lib/learn/kl.ts";

const reinforce: UpdateRule = (params, probs, action, advantage, lr) =>
  params.map((t, i) => t + lr * advantage * ((i === action ? 1 : 0) - probs[i]));

Deno.test("checkUpdateRule() passes the REINFORCE update", () => {
  assertEquals(checkUpdateRule(reinforce), {
    ok: true,
    why: "matches lib/learn/bandit.ts on 20 steps",
  });
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

Deno.test("checkPickBest() passes lib/select/selection.ts's pickBest and fails a last-index tie-break", () => {
  assert(checkPickBest(pickBest).ok);
  const last = checkPickBest(randomTieBreakPick(() => 0.999));
  assert(!last.ok);
  assertStringIncludes(last.why, "a tie goes to the first index");
});

Deno.test("selectionChoices() with pickBest is reproducible; a Math.random tie-break is not", async () => {
  const opts = {
    dataset: dataPath("datasets/math_dev.jsonl"),
    samples: dataPath("rollouts/selection_pack_dev.jsonl"),
    n: 8,
  };
  assertEquals(await selectionChoices(pickBest, opts), await selectionChoices(pickBest, opts));
  // Two different fixed draws stand in for two runs of Math.random: the choices differ, the
  // rewards (pass@N) do not.
  const low = await selectionChoices(randomTieBreakPick(() => 0), opts);
  const high = await selectionChoices(randomTieBreakPick(() => 0.999), opts);
  assert(low.some((c, i) => c.chosen !== high[i].chosen));
  assertEquals(low.map((c) => c.reward), high.map((c) => c.reward));
  assertEquals(low, await selectionChoices(pickBest, opts), "random() = 0 is the first-index rule");
});

Deno.test("selectionChoices() refuses a pack id the dataset lacks, as runSelect does", async () => {
  const dir = await Deno.makeTempDir();
  const dataset = `${dir}/d.jsonl`, samples = `${dir}/p.jsonl`;
  await Deno.writeTextFile(dataset, '{"id":"a","prompt":"p","expected_answer":1}\n');
  await Deno.writeTextFile(
    samples,
    '{"id":"a","samples":["Final: 1"]}\n{"id":"zz","samples":["x"]}\n',
  );
  let message = "";
  try {
    await selectionChoices(pickBest, { dataset, samples, n: 1 });
  } catch (e) {
    message = (e as Error).message;
  }
  assertEquals(message, `${samples}:2: id "zz" is not in the dataset ${dataset}`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkPickBest() hands the rule samples already scored, each once", () => {
  let seen: readonly { completion: string; reward: number }[] = [];
  checkPickBest((scored) => {
    seen = scored;
    return pickBest(scored);
  });
  assertEquals(seen.map((s) => s.reward), [1]); // the last case: one correct sample
});

Deno.test("checkStepAnnotations() wants every step, the log's direction and a reason", async () => {
  const { checkStepAnnotations, directionOf } = await import(
    "../../lib/course/annotation_checks.ts"
  );
  const { train } = await import("../../lib/learn/bandit.ts");
  const log = train({ steps: 10, seed: 7, lr: 0.5, baseline: true }).log;
  const right = log.map((r) => ({
    step: r.step,
    sampled: directionOf(r),
    why: "the advantage had this sign",
  }));
  assert(checkStepAnnotations(right, log).ok);
  assertEquals(
    checkStepAnnotations(right.slice(2), log).why,
    "steps 1, 2 have no annotation",
  );
  const down = log.find((r) => r.advantage < 0)!;
  const flipped = right.map((a) => (a.step === down.step ? { ...a, sampled: "up" as const } : a));
  const v = checkStepAnnotations(flipped, log);
  assert(!v.ok && v.why.startsWith(`step ${down.step}: you wrote "up"`), v.why);
  const terse = right.map((a) => (a.step === 3 ? { ...a, why: "A<0" } : a));
  assertEquals(checkStepAnnotations(terse, log).why, "step 3: say why in a few words");
});
