/**
 * `deno task eval`: Loop A. Scores every example's completion and writes the run.
 * Thin: parse flags, call `runEval`, print the story.
 * @module
 */
import { runEval } from "../experiments/eval.ts";
import { evalStory, goldenWarning } from "../present/eval_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, shownPath } from "./_framework/run_target.ts";

export const EVAL = {
  name: "deno task eval",
  summary: "Loop A: scores every completion against its example with the strict scorer.",
  flags: {
    dataset: flag.str("FILE", "JSONL of {id, prompt, expected_answer}", { required: true }),
    completions: flag.str(
      "FILE",
      "JSONL of {id, completion, logprob?, ref_logprob?}; sampling settings come from FILE's " +
        ".meta.json",
      { required: true },
    ),
    max: flag.int("N", "measure only the first N examples of the dataset (file order)", {
      min: 1,
    }),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(EVAL, async (f) => {
    const run = await prepareCommandRun(EVAL, f, "eval");
    const inputs = { dataset: f.dataset, completions: f.completions, max: f.max };
    const { runPath, summary, manifest, sealedDataset } = await runEval({ ...inputs, ...run });
    const warning = goldenWarning(manifest.golden_gate);
    if (warning !== null) console.error(warning);
    const scorer = {
      name: manifest.scorer_name,
      version: manifest.scorer_version,
      goldenPassed: manifest.golden_gate.passed,
    };
    const where = { dataset: f.dataset, completions: f.completions, runPath: shownPath(runPath) };
    console.log(evalStory(summary, { ...where, scorer, sealed: sealedDataset }));
    return 0;
  });
}
