/**
 * The notebook helpers of Loop C on the tiny policy (lib/course/rl_lab.ts) that the lesson tests
 * do not cover: a scored group is `deno task sample`'s samples with their strict rewards and
 * group advantages, and a shipped run loads as the checkpoint and curve it wrote.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { groupAdvantages, RL_DEFAULTS } from "../../lib/learn/rl.ts";
import { loadPolicyLab, loadShippedRun, sampleGroup } from "../../lib/course/rl_lab.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { sampleRows } from "../../lib/experiments/sample.ts";

const lab = await loadPolicyLab();

Deno.test("sampleGroup() draws deno task sample's samples of the prompt, with strict rewards and r − mean", () => {
  const ex = lab.train[48];
  const g = sampleGroup(lab.base, ex, { n: 8, seed: 0 });
  const settings = {
    n: 8,
    temperature: 1,
    top_p: 1,
    top_k: 0,
    max_tokens: RL_DEFAULTS.maxTokens,
    seed: 0,
  };
  const [rows] = sampleRows(lab.base, [ex], settings);
  assertEquals(g.completions, rows.map((s) => s.text));
  assertEquals(g.rewards, g.completions.map((c) => score(ex, c).reward));
  assertEquals(g.advantages, groupAdvantages(g.rewards));
});

Deno.test("sampleGroup() with n = 4 is the prefix of n = 8 (each sample has its own stream)", () => {
  const ex = lab.train[0];
  const four = sampleGroup(lab.base, ex, { n: 4, seed: 3 });
  assertEquals(
    four.completions,
    sampleGroup(lab.base, ex, { n: 8, seed: 3 }).completions.slice(0, 4),
  );
});

Deno.test("loadShippedRun() loads the shipped default run: its trained checkpoint and its curve", async () => {
  const { policy, curve } = await loadShippedRun("rl_strict");
  assert(policy.name.endsWith("+rl-strict-beta0-seed0"), policy.name);
  assertEquals(curve.map((r) => r.step), Array.from({ length: 13 }, (_, i) => 10 * i));
  assertEquals(curve[0].kl, 0);
  const sub = await loadShippedRun("rl_substring");
  assert(sub.policy.name.includes("rl-substring"), sub.policy.name);
  assert(sub.curve[0].proxy > sub.curve[0].strict, "substring pays more than strict at step 0");
});
