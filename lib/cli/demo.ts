/**
 * `deno task demo`: a short tour of Loop A. Evaluates the frozen rollouts of the dev set, prints
 * the pass rate and the failures, and shows the largest failure groups as `inspect` does.
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { runEval } from "../experiments/eval.ts";
import { inspectRun } from "../measure/inspect.ts";
import { evalStory, goldenWarning, inspectStory, tourOpening } from "../present/eval_story.ts";
import { type Command, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, shownPath } from "./_framework/run_target.ts";

export const DEMO = {
  name: "deno task demo",
  summary: "A tour of Loop A: evaluates the frozen dev rollouts into runs/demo_<UTC time>.",
  flags: {},
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(DEMO, async () => {
    const dataset = shownPath(dataPath("datasets/math_dev.jsonl"));
    const completions = shownPath(dataPath("rollouts/frozen_rollouts_dev.jsonl"));
    console.log(tourOpening());
    const run = await prepareCommandRun(DEMO, { force: false }, "demo");
    const { runPath, summary, manifest } = await runEval({ dataset, completions, ...run });
    const warning = goldenWarning(manifest.golden_gate);
    if (warning !== null) console.error(warning);
    const shown = shownPath(runPath);
    const scorer = {
      name: manifest.scorer_name,
      version: manifest.scorer_version,
      goldenPassed: manifest.golden_gate.passed,
    };
    console.log(evalStory(summary, { dataset, completions, runPath: shown, scorer }));
    console.log("\n--- the three largest failure groups, one example each ---\n");
    const groups = await inspectRun(runPath, { onlyFails: true, keep: 1 });
    console.log(inspectStory(groups, { runPath: shown, topK: 3, show: 1, onlyFails: true }));
    return 0;
  });
}
