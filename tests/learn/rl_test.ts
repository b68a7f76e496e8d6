/**
 * The RL engine's rules on a tiny random policy: the same seed gives the same curve and weights
 * bit for bit, the base it is given stays frozen (it is the KL reference), a group whose rewards
 * are all equal gives no gradient, and the evaluation at step 0 measures the base against itself.
 * The advantage of a completion is its reward minus its group's mean.
 */
import { assert, assertEquals, assertNotEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { initParams } from "../../lib/policy/gru.ts";
import { buildVocab, encodeText } from "../../lib/policy/vocab.ts";
import { groupAdvantages, RL_DEFAULTS, runRl } from "../../lib/learn/rl.ts";

const vocab = buildVocab(["Compute 1+1.", "Compute 2+2.", "Final: 2 4 3"]);
const params = initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(2));
const ex = (id: string, prompt: string, answer: number) => ({
  id,
  prompt,
  expected_answer: answer,
  ids: encodeText(vocab, prompt),
});
const TRAIN = [ex("a", "Compute 1+1.", 2), ex("b", "Compute 2+2.", 4)];
const CFG = {
  ...RL_DEFAULTS,
  steps: 4,
  promptsPerStep: 2,
  groupSize: 4,
  evalEvery: 2,
  evalPrompts: 2,
  evalSamples: 2,
  maxTokens: 6,
  lr: 0.05,
  rubric: "substring" as const,
};

Deno.test("runRl() is deterministic: the same seed gives the same curve, steps and weights", () => {
  const a = runRl({ params, vocab }, TRAIN, TRAIN, CFG),
    b = runRl({ params, vocab }, TRAIN, TRAIN, CFG);
  assertEquals(JSON.stringify(a.curve), JSON.stringify(b.curve));
  assertEquals(a.steps, b.steps);
  assertEquals([...a.params.flat], [...b.params.flat]);
  assertNotEquals([...runRl({ params, vocab }, TRAIN, TRAIN, { ...CFG, seed: 1 }).params.flat], [
    ...a.params.flat,
  ]);
});

Deno.test("runRl() trains a copy: the base stays frozen as the reference, and kl is 0 at step 0", () => {
  const before = [...params.flat];
  const r = runRl({ params, vocab }, TRAIN, TRAIN, CFG);
  assertEquals([...params.flat], before);
  assertEquals(r.curve.map((c) => c.step), [0, 2, 4]);
  assertEquals(r.curve[0].kl, 0);
  assert(r.curve[2].kl > 0);
});

Deno.test("runRl() gets no gradient from groups whose rewards are all equal (here: all 0)", () => {
  const impossible = [ex("a", "Compute 1+1.", 999)]; // no completion can contain 999
  const cfg = { ...CFG, promptsPerStep: 1 };
  const r = runRl({ params, vocab }, impossible, impossible, cfg);
  assertEquals(r.steps.map((s) => [s.signal, s.grad_norm]), [[0, 0], [0, 0], [0, 0], [0, 0]]);
  assertEquals([...r.params.flat], [...params.flat].map(Math.fround)); // the fast engine's float32
  const ref = runRl({ params, vocab }, impossible, impossible, cfg, {}, "reference");
  assertEquals([...ref.params.flat], [...params.flat]);
});

Deno.test("groupAdvantages() is each reward minus the group's mean, and the advantages sum to 0", () => {
  const rewards = [0, 1, 0, 0, 1, 0, 1, 0];
  const a = groupAdvantages(rewards);
  assertEquals(a, rewards.map((r) => r - 0.375));
  assert(Math.abs(a.reduce((s, x) => s + x, 0)) < 1e-12);
  assertEquals(groupAdvantages([1, 1, 1]), [0, 0, 0]);
  assertEquals(groupAdvantages([1]), [0]);
});

Deno.test("runRl()'s onGroups hook shows each step's groups, agrees with the step log and changes nothing", () => {
  const seen: {
    step: number;
    groups: { id: string; completions: string[]; rewards: number[] }[];
  }[] = [];
  const watched = runRl({ params, vocab }, TRAIN, TRAIN, CFG, {
    onGroups: (step, groups) => seen.push({ step, groups }),
  });
  const plain = runRl({ params, vocab }, TRAIN, TRAIN, CFG);
  assertEquals([...watched.params.flat], [...plain.params.flat]);
  assertEquals(seen.map((s) => s.step), [1, 2, 3, 4]);
  seen.forEach(({ groups }, i) => {
    assertEquals(groups.length, CFG.promptsPerStep);
    const rewards = groups.flatMap((g) => g.rewards);
    assertEquals(rewards.length, CFG.promptsPerStep * CFG.groupSize);
    assertEquals(rewards.reduce((a, b) => a + b, 0) / rewards.length, plain.steps[i].reward);
    const signal = groups.filter((g) => g.rewards.some((r) => r !== g.rewards[0])).length;
    assertEquals(signal, plain.steps[i].signal);
  });
});
