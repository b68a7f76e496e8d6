// What eval, demo and inspect print (Loop A): pass rate, failures by rule, groups, warnings.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  codeMeaning,
  evalStory,
  failureTable,
  goldenWarning,
  inspectStory,
  tourOpening,
} from "../../lib/present/eval_story.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { inspectRun } from "../../lib/measure/inspect.ts";
import { dataPath } from "../../lib/core/paths.ts";

const SUMMARY = {
  kind: "eval" as const,
  n: 4,
  passes: 1,
  pass_rate: 0.25,
  ci95: [0.05, 0.7] as [number, number],
  codes: { ok: 1, wrong_answer: 2, missing_prefix: 1 },
  missing_completions: 0,
};

Deno.test("codeMeaning() names the spec rule a code stands for", () => {
  assertStringIncludes(codeMeaning("leading_zeros"), "no leading zero");
  assertEquals(codeMeaning("ok"), "rewarded");
});

Deno.test("failureTable() lists failures largest first with count and share, without ok", () => {
  const lines = failureTable(SUMMARY.codes, 4);
  assertEquals(lines.length, 2);
  assert(lines[0].trimStart().startsWith("wrong_answer"));
  assertStringIncludes(lines[0], "50.0%");
});

Deno.test("evalStory() says what was measured, the pass rate and where the run went", () => {
  const text = evalStory(SUMMARY, {
    dataset: "d.jsonl",
    completions: "c.jsonl",
    runPath: "runs/x",
  });
  assertStringIncludes(text, "Pass rate: 1/4 = 25.0% (95% CI 4.6%–69.9%)");
  assertStringIncludes(text, "run written to runs/x (manifest.json");
  assertStringIncludes(text, "Next: deno task inspect --run runs/x --only-fails");
});

Deno.test("inspectStory() of the frozen rollouts shows the largest group first, made visible", async () => {
  const out = `${await Deno.makeTempDir()}/run`;
  await runEval({
    dataset: dataPath("datasets/math_dev.jsonl"),
    completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
    outdir: out,
    force: false,
    args: [],
  });
  const groups = await inspectRun(out, { onlyFails: true, keep: 1 });
  const text = inspectStory(groups, { runPath: "runs/x", topK: 2, show: 1, onlyFails: true });
  assertStringIncludes(text, "wrong_answer");
  assert(text.indexOf("wrong_answer") < text.indexOf("not_single_line"));
  await Deno.remove(out.replace(/\/run$/, ""), { recursive: true });
});

Deno.test("goldenWarning() is null when the gate passed and loud when it failed", () => {
  assertEquals(goldenWarning({ passed: true, false_negatives: 0, false_positives: 0 }), null);
  assertStringIncludes(
    goldenWarning({ passed: false, false_negatives: 1, false_positives: 2 }) ?? "",
    "FAILED the golden gate (1 false negative(s), 2 false positive(s))",
  );
});

Deno.test("tourOpening() names the scorer and says the completions are synthetic", () => {
  assertStringIncludes(tourOpening(), "final-int-strict scorer v1.0.0");
  assertStringIncludes(tourOpening(), "SYNTHETIC");
});
