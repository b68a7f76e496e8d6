/**
 * `deno task eval`: Loop A. Scores every example's completion and writes the run.
 * Thin: parse flags, call `runEval`, print the story.
 * @module
 */
import { runEval } from "../measure/eval.ts";
import { evalStory, goldenWarning } from "../present/stories.ts";
import { type Command, RUN_FLAGS, runCommand, runPathFor, runWrittenLine } from "./command.ts";

export const EVAL = {
  name: "deno task eval",
  summary: "Loop A: scores every completion against its example with the strict scorer.",
  flags: {
    dataset: {
      type: "string",
      arg: "FILE",
      help: "JSONL of {id, prompt, expected_answer}",
      required: true,
    },
    completions: {
      type: "string",
      arg: "FILE",
      help: "JSONL of {id, completion}; sampling settings come from FILE's .meta.json",
      required: true,
    },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(EVAL, async (flags) => {
    const { runPath, summary, manifest } = await runEval({
      dataset: flags.dataset,
      completions: flags.completions,
      outdir: await runPathFor(flags.outdir, "eval"),
      force: flags.force,
      args: Deno.args,
      command: EVAL.name,
    });
    const warning = goldenWarning(manifest.golden_gate);
    if (warning !== null) console.error(warning);
    console.log(evalStory(summary, {
      dataset: flags.dataset,
      completions: flags.completions,
      runPath: runWrittenLine(runPath).replace(/^run written to /, ""),
      scorer: {
        name: manifest.scorer_name,
        version: manifest.scorer_version,
        goldenPassed: manifest.golden_gate.passed,
      },
    }));
    return 0;
  });
}
