// The baseline ablation's words and rows.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { baselineAblation } from "../../lib/learn/bandit_ablation.ts";
import {
  ablationIntro,
  ablationRows,
  ablationTable,
  armSummary,
} from "../../lib/present/bandit_ablation_story.ts";

const R = baselineAblation({ seeds: 100, steps: 10, lr: 0.5 });

Deno.test("ablationIntro() states seeds, steps and lr", () => {
  assertStringIncludes(ablationIntro(100, 10, 0.5), "100 seeds x 10 steps at lr 0.5");
});

Deno.test("ablationTable() has both sides and the variance ratio", () => {
  const t = ablationTable(R);
  assertStringIncludes(t, "with baseline");
  assertStringIncludes(t, "without baseline");
  assertStringIncludes(t, `divides the total variance by ${R.varianceRatio.toFixed(2)}`);
});

Deno.test("armSummary() and ablationRows() carry the numbers exactly", () => {
  assertEquals(armSummary(R.withBaseline).grad_mean_best, R.withBaseline.gradMeanBest);
  const rows = ablationRows(R);
  assertEquals(rows.length, 10);
  assert(rows.every(([step], i) => step === i + 1));
});
