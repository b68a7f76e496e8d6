/**
 * `deno task eval --dataset D --completions C [--outdir runs/NAME] [--force]`: Loop A.
 * Thin: parse flags, call `runEval`, print the story.
 * @module
 */
import { relative } from "node:path";
import { uniqueRunPath } from "../core/run_dir.ts";
import { runEval } from "../measure/eval.ts";
import { evalStory, goldenWarning } from "../present/stories.ts";
import { parseFlags, required, runCli } from "./common.ts";

const USAGE =
  `usage: deno task eval --dataset FILE --completions FILE [--outdir runs/NAME] [--force]

  --dataset FILE       JSONL of {id, prompt, expected_answer}
  --completions FILE   JSONL of {id, completion}; sampling settings are read from FILE's .meta.json
  --outdir DIR         where the run goes (default: runs/eval_<UTC timestamp>)
  --force              replace an existing run at --outdir`;

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, {
    dataset: { type: "string" },
    completions: { type: "string" },
    outdir: { type: "string" },
    force: { type: "boolean" },
  });
  const dataset = required(values, "dataset");
  const completions = required(values, "completions");
  const outdir = (values.outdir as string | undefined) ?? await uniqueRunPath("runs", "eval");
  const { runPath, summary, manifest } = await runEval({
    dataset,
    completions,
    outdir,
    force: values.force === true,
    args: Deno.args,
    command: "deno task eval",
  });
  const warning = goldenWarning(manifest.golden_gate);
  if (warning !== null) console.error(warning);
  console.log(
    evalStory(summary, {
      dataset,
      completions,
      runPath: relative(Deno.cwd(), runPath) || ".",
      scorer: {
        name: manifest.scorer_name,
        version: manifest.scorer_version,
        goldenPassed: manifest.golden_gate.passed,
      },
    }),
  );
  return 0;
});
