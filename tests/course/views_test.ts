/**
 * The views the notebooks show (lib/course/views.ts): each turns a run's numbers into rows
 * without changing them, with paths relative to the project root.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  choiceStabilityRow,
  codeShiftBars,
  codeShiftRows,
  evalComparisonRows,
  evalView,
  kataRows,
  passAtKRows,
  patchClassRows,
} from "../../lib/course/views.ts";
import { dataPath, runsPath } from "../../lib/core/paths.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { patchedSubstringRubric } from "../../lib/instrument/patch.ts";
import { loadKata } from "../../lib/redteam/kata.ts";
import type { EvalSummary } from "../../lib/experiments/eval.ts";

const summary: EvalSummary = {
  kind: "eval",
  n: 4,
  passes: 1,
  pass_rate: 0.25,
  ci95: [0.05, 0.7],
  codes: { wrong_answer: 3, ok: 1 },
  missing_completions: 0,
} as unknown as EvalSummary;

Deno.test("evalView() tells the eval story with paths relative to the project root", () => {
  const story = evalView({ runPath: runsPath("eval_x"), summary }, {
    dataset: dataPath("datasets/math_dev.jsonl"),
    completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
  })["text/plain"];
  assertStringIncludes(story, "dataset      data/datasets/math_dev.jsonl");
  assertStringIncludes(story, "run written to runs/eval_x (");
});

Deno.test("codeShiftRows() lists every code of either run, 0 where one never produced it", () => {
  const rows = codeShiftRows({ codes: { ok: 2, a: 1 } }, { codes: { ok: 3, b: 4 } });
  assertEquals(rows, [
    { code: "ok", early: 2, later: 3 },
    { code: "a", early: 1, later: 0 },
    { code: "b", early: 0, later: 4 },
  ]);
  assertEquals(codeShiftBars(rows.slice(0, 1), { early: "e", later: "l" }), [
    { category: "ok", value: 2, group: "e" },
    { category: "ok", value: 3, group: "l" },
  ]);
});

Deno.test("passAtKRows() and choiceStabilityRow() keep the numbers and count the changed choices", () => {
  assertEquals(passAtKRows([{ k: 2, unbiased: 0.5, naive: 0.75 }]), [
    { k: 2, unbiased: 0.5, naive: 0.75, "naive − unbiased": 0.25 },
  ]);
  const first = [{ chosen: 0, reward: 1 }, { chosen: 2, reward: 0 }];
  const second = [{ chosen: 0, reward: 1 }, { chosen: 1, reward: 0 }];
  assertEquals(choiceStabilityRow("rule", first, second), {
    rule: "rule",
    "prompts whose choice changed": 1,
    "pass@N, first": 0.5,
    "pass@N, second": 0.5,
  });
});

Deno.test("kataRows() shows each case with the fixed format sentence left out and whitespace visible", () => {
  const rows = kataRows(loadKata("m0").cases);
  assertEquals(rows.length, 10);
  assert(rows.every((r) => !String(r.prompt).includes("Answer with exactly one line")));
});

Deno.test("patchClassRows() counts, per class, the hacks a variant and its patch pay", () => {
  const rows = patchClassRows(
    [{ expected_answer: 323, completion: "Final: 322 or 323", why: "answer_laundering" }],
    { name: "substring", fn: RUBRICS["substring"] },
    { name: "patched", fn: patchedSubstringRubric },
  );
  const hedge = rows.find((r) => r.class === "answer_laundering");
  assert(hedge !== undefined, JSON.stringify(rows.map((r) => r.class)));
  assertEquals([hedge["substring: false +"], hedge["patched: false +"]], [1, 0]);
  assertEquals(evalComparisonRows([{ role: "r", scorer: "s", run: { runPath: "x", summary } }]), [
    { role: "r", scorer: "s", "pass rate": 0.25, passes: 1, n: 4 },
  ]);
});
