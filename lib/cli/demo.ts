/**
 * `deno task demo`: a short tour of Loop A. Evaluates the frozen rollouts of the dev set,
 * prints the pass rate and the failure breakdown, shows the largest failure groups the way
 * `deno task inspect` does, and says where the artifacts are.
 * @module
 */
import { relative } from "node:path";
import { uniqueRunPath } from "../core/run_dir.ts";
import { runEval } from "../measure/eval.ts";
import { inspectRun } from "../measure/inspect.ts";
import { dataPath } from "../core/paths.ts";
import { evalStory, goldenWarning, inspectStory } from "../present/stories.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/scorer.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE =
  "usage: deno task demo   (no flags: evaluates the frozen dev rollouts into runs/demo_<timestamp>)";

await runCli(USAGE, async () => {
  parseFlags(Deno.args, {});
  const dataset = relative(Deno.cwd(), dataPath("datasets/math_dev.jsonl"));
  const completions = relative(Deno.cwd(), dataPath("rollouts/frozen_rollouts_dev.jsonl"));
  console.log(
    `RL Foundations for LLMs: a tour of Loop A with the ${SCORER_NAME} scorer v${SCORER_VERSION}.`,
  );
  console.log(
    "The completions are SYNTHETIC: a seeded simulated policy that fails like a weak model.\n",
  );
  const outdir = await uniqueRunPath("runs", "demo");
  const { runPath, summary, manifest } = await runEval({
    dataset,
    completions,
    outdir,
    force: false,
    args: Deno.args,
    command: "deno task demo",
  });
  const warning = goldenWarning(manifest.golden_gate);
  if (warning !== null) console.error(warning);
  const shown = relative(Deno.cwd(), runPath);
  console.log(evalStory(summary, {
    dataset,
    completions,
    runPath: shown,
    scorer: {
      name: manifest.scorer_name,
      version: manifest.scorer_version,
      goldenPassed: manifest.golden_gate.passed,
    },
  }));
  console.log("\n--- the three largest failure groups, one example each ---\n");
  const groups = await inspectRun(runPath, { onlyFails: true, keep: 1 });
  console.log(inspectStory(groups, { runPath: shown, topK: 3, show: 1, onlyFails: true }));
  return 0;
});
