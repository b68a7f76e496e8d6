/**
 * The notebooks' views of the tiny policy (lib/course/policy_views.ts): each turns the numbers
 * of the library into table rows without changing them.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import {
  explainRows,
  gainRows,
  groupRows,
  rlLoopRows,
  tokenRows,
  variantRows,
} from "../../lib/course/policy_views.ts";
import { explainUpdate } from "../../lib/learn/explain.ts";
import { selectionVsLearning } from "../../lib/learn/lessons.ts";
import { loadPolicyLab, notebookRlRun, RL_NOTEBOOK } from "../../lib/course/rl_lab.ts";
import { RL_POLICY_LOOP } from "../../lib/learn/rlvr_loop.ts";
import { compareUnderPolicy, completionLogprobs } from "../../lib/policy/logprobs.ts";

const lab = await loadPolicyLab();
const ex = lab.train.find((e) => e.expected_answer === 9)!;

Deno.test("tokenRows() has one row per action, END included, whose log π sum to log π(y|x)", () => {
  const lp = completionLogprobs(lab.base, ex.prompt, "Final: 9");
  const rows = tokenRows(lp);
  assertEquals(rows.map((r) => r.token), ["Final", ":", "␣", "9", "<|end|>"]);
  assertEquals(rows.map((r) => r.cl100k), [19918, 25, 220, 24, -1]);
  const sum = rows.reduce((s, r) => s + (r["log π(y_t | prefix)"] as number), 0);
  assert(Math.abs(sum - lp.logprob) < 1e-12);
});

Deno.test("variantRows() shows each variant's tokens, their count, log π, π and the strict verdict", () => {
  const rows = variantRows(compareUnderPolicy(lab.base, ex));
  assertEquals(rows.map((r) => r.variant), ["Final:␣9", "Final:␣␣9", "Final:␣09", "Final:\\n9"]);
  assertEquals(rows[1].tokens, "Final · : · ␣ · ␣ · 9 · <|end|>");
  assertEquals(rows.map((r) => r.count), [5, 6, 5, 4]);
  assertEquals(rows.map((r) => r.reward), [1, 0, 0, 0]);
  for (const r of rows) {
    assert(Math.abs((r["π(y|x)"] as number) - Math.exp(r["log π(y|x)"] as number)) < 1e-15);
  }
});

Deno.test("variantRows() says when a variant needs a token the vocabulary lacks", () => {
  const [row] = variantRows(compareUnderPolicy(lab.base, ex, ["Final: 9 ☃"]));
  assertEquals([row.tokens, row.count, row["log π(y|x)"]], ["(not in vocabulary)", 0, -Infinity]);
});

Deno.test("groupRows() shows each sample with whitespace visible, its reward and advantage", () => {
  const rows = groupRows({
    completions: ["Final: 9", "Final:\n8"],
    rewards: [1, 0],
    advantages: [0.5, -0.5],
  });
  assertEquals(rows.map((r) => r.completion), ["Final:␣9", "Final:\\n8"]);
});

Deno.test("explainRows() keeps the explainer's numbers and adds the change π after − π before", () => {
  const e = explainUpdate(lab.base, ex.prompt, "Final: 9", { advantage: 0.5, lr: 0.005 });
  const rows = explainRows(e);
  assertEquals(rows.length, e.rows.length);
  rows.forEach((r, i) => {
    assertEquals(r["π before"], e.rows[i].prob_before);
    assertEquals(r.change, e.rows[i].prob_after - e.rows[i].prob_before);
  });
});

Deno.test("gainRows() keeps the chosen k and states the gain in points", () => {
  const s = selectionVsLearning({ "1": 0.3, "2": 0.5, "3": 0.6 }, {
    "1": 0.55,
    "2": 0.6,
    "3": 0.6,
  });
  const rows = gainRows(s, [1, 3]);
  assertEquals(rows.map((r) => r.k), [1, 3]);
  assert(Math.abs(rows[0]["gain (points)"] - 25) < 1e-9);
});

Deno.test("rlLoopRows() puts every line of the loop beside its call and what the run did there", () => {
  const small = { steps: 2, promptsPerStep: 2, groupSize: 4, evalEvery: 2, evalPrompts: 2 };
  // The holdout's scores are no part of these rows: two holdout prompts are enough to run.
  const exp = notebookRlRun({ ...lab, holdout: lab.holdout.slice(0, 2) }, small);
  const sizes = { train: lab.train.length, holdout: lab.holdout.length };
  const rows = rlLoopRows(sizes, { ...RL_NOTEBOOK, ...small }, exp);
  assertEquals(rows.map((r) => r["course call"]), RL_POLICY_LOOP.map((l) => `${l.call}()`));
  assert(rows.every((r) => r["in this run"] !== ""));
  assertEquals(rows[2]["in this run"].startsWith("16 completions"), true);
});
