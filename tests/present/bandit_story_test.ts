// The words of `deno task bandit`: the slow-motion story names the sign of the advantage, the
// testbed checks catch a wrong ordering, the summary carries what scripts read.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { type StepRecord, train } from "../../lib/learn/bandit.ts";
import { banditSummary } from "../../lib/present/bandit_summary.ts";
import { pushReason, stepLine, stepStory } from "../../lib/present/bandit_story.ts";
import { testbedChecks, testbedMarkdown } from "../../lib/present/testbed_story.ts";
import type { TestbedCurve, TestbedResult } from "../../lib/learn/testbed.ts";

const RUN = { steps: 40, seed: 3, lr: 0.5, baseline: true };
const RESULT = train(RUN);

/** The first step whose advantage satisfies `pred` (the seed is chosen so that each exists). */
function stepWhere(pred: (rec: StepRecord) => boolean): StepRecord {
  const rec = RESULT.log.find(pred);
  assert(rec !== undefined, "no such step in the fixed run");
  return rec;
}

Deno.test("stepStory() names a positive advantage and says the reward beat the baseline", () => {
  const rec = stepWhere((r) => r.advantage > 0);
  const story = stepStory(rec, RESULT.bestAction, RUN);
  assertStringIncludes(story, "(positive: the reward beat the baseline)");
  assertStringIncludes(story, `sampled action a=${rec.action}`);
  assertStringIncludes(story, "sampled and beat the baseline: made likelier");
});

Deno.test("stepStory() names a negative advantage and says the reward fell short", () => {
  const rec = stepWhere((r) => r.advantage < 0);
  const story = stepStory(rec, RESULT.bestAction, RUN);
  assertStringIncludes(story, "(negative: the reward fell short of the baseline)");
  assertStringIncludes(story, "sampled and fell short: made less likely");
});

Deno.test("stepStory() names a zero advantage: nothing moves", () => {
  // Without a baseline, any step with reward 0 has A = r - 0 = 0.
  const run = { steps: 40, seed: 3, lr: 0.5, baseline: false };
  const rec = train(run).log.find((r) => r.reward === 0)!;
  const story = stepStory(rec, 2, run);
  assertStringIncludes(story, "(zero: the reward equalled the baseline)");
  assertStringIncludes(story, "b=0.000 (no baseline)");
  assertEquals(story.match(/A = 0: no push/g)?.length, 4);
});

Deno.test("stepStory() marks the best action and tells one line per action", () => {
  const story = stepStory(RESULT.log[0], RESULT.bestAction, RUN);
  assert(story.startsWith("-- step 001 "));
  assertEquals(story.match(/^ {4}action \d/gm)?.length, 4);
  assertStringIncludes(story, "action 2 (best): logit ");
  assertStringIncludes(story, "baseline b=0.000 (step 1: no earlier rewards yet)");
});

Deno.test("pushReason() says a negative lr reverses the push", () => {
  assertEquals(
    pushReason(true, 1, 0.5, -0.5),
    "sampled and beat the baseline: made likelier, reversed by the negative lr",
  );
  assertEquals(pushReason(false, 1, 0.5, 0), "lr = 0: no push");
});

Deno.test("stepLine() keeps the fixed keys and precision, padding the step to the width", () => {
  assertEquals(
    stepLine(RESULT.log[9], RESULT.bestAction, 4).replace(/=[+-]?\d\.\d{3}/g, "=X"),
    `step 0010 | p(best)=X | a=${RESULT.log[9].action} | r=${RESULT.log[9].reward} | b=X | A=X`,
  );
});

const curve = (alpha: number, baseline: boolean, last: number): TestbedCurve => ({
  alpha,
  baseline,
  optimalRate: Float64Array.of(0.1, 0.2, last),
});

Deno.test("testbedChecks() flags a wrong ordering (baseline below no baseline) as not ok", () => {
  const r: TestbedResult = {
    runs: 10,
    steps: 3,
    arms: 10,
    curves: [
      curve(0.1, true, 0.8),
      curve(0.1, false, 0.5),
      curve(0.4, true, 0.3),
      curve(0.4, false, 0.6),
    ],
  };
  const checks = testbedChecks(r);
  assertEquals(checks.map((c) => c.ok), [true, false]);
  assertEquals(checks[1].what, "alpha 0.4: with baseline (30.0%) above without (60.0%) at step 3");
  assertStringIncludes(testbedMarkdown({ ...r, steps: 3 }, checks), "- FAIL: alpha 0.4");
});

Deno.test("testbedChecks() counts a tie as not above", () => {
  const r: TestbedResult = {
    runs: 10,
    steps: 3,
    arms: 10,
    curves: [curve(0.1, true, 0.5), curve(0.1, false, 0.5)],
  };
  assertEquals(testbedChecks(r).map((c) => c.ok), [false]);
});

Deno.test("banditSummary() carries final_probs, best_action and the settings", () => {
  const s = banditSummary(RESULT, RUN, null);
  assertEquals(s.final_probs, RESULT.finalProbs);
  assertEquals(s.best_action, 2);
  assertEquals([s.initial_best_prob, s.final_best_prob], [0.25, RESULT.finalBestProb]);
  assertEquals([s.steps, s.seed, s.lr, s.baseline], [40, 3, 0.5, true]);
  assertEquals(s.mean_reward, RESULT.log.reduce((acc, r) => acc + r.reward, 0) / 40);
  assertEquals(s.ablation, null);
});

Deno.test("banditSummary() of zero steps has no mean reward", () => {
  const run = { ...RUN, steps: 0 };
  const s = banditSummary(train(run), run, null);
  assertEquals([s.mean_reward, s.final_probs], [null, [0.25, 0.25, 0.25, 0.25]]);
});
