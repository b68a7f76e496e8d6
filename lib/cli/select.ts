/**
 * `deno task select --dataset D --samples S [--n 4] [--outdir runs/NAME] [--force] [--plot]`:
 * Loop B. Thin: parse flags, call `runSelect`, print the story.
 * @module
 */
import { relative } from "node:path";
import { uniqueRunPath } from "../core/run_dir.ts";
import { goldenWarning, selectStory } from "../present/stories.ts";
import { runSelect } from "../select/select_run.ts";
import { runsPath } from "../core/paths.ts";
import { intFlag, parseFlags, required, runCli } from "./common.ts";

const USAGE = `usage: deno task select --dataset FILE --samples FILE [--n 4] [--outdir runs/NAME] \
[--force] [--plot]

  --dataset FILE   JSONL of {id, prompt, expected_answer}
  --samples FILE   JSONL of {id, samples: [...]}, each sample a string or {completion, logprob?,
                   ref_logprob?}; sampling settings are read from FILE's .meta.json
  --n N            best-of-N over the first N samples of each prompt (default 4; every prompt
                   needs at least N samples)
  --outdir DIR     where the run goes (default: runs/select_<UTC timestamp>)
  --force          replace an existing run at --outdir
  --plot           also write pass_at_k.svg (unbiased vs naive pass@k) into the run`;

// Guarded so importing this file (a doc-test run over lib/) does not run the command.
if (import.meta.main) {
  await runCli(USAGE, async () => {
    const { values } = parseFlags(Deno.args, {
      dataset: { type: "string" },
      samples: { type: "string" },
      n: { type: "string" },
      outdir: { type: "string" },
      force: { type: "boolean" },
      plot: { type: "boolean" },
    });
    const dataset = required(values, "dataset");
    const samples = required(values, "samples");
    const n = intFlag(values, "n", 4, 1);
    const outdir = (values.outdir as string | undefined) ??
      await uniqueRunPath(runsPath(), "select");
    const plot = values.plot === true;
    const { runPath, summary, manifest } = await runSelect({
      dataset,
      samples,
      n,
      outdir,
      force: values.force === true,
      plot,
      args: Deno.args,
      command: "deno task select",
    });
    const warning = goldenWarning(manifest.golden_gate);
    if (warning !== null) console.error(warning);
    const shown = relative(Deno.cwd(), runPath) || ".";
    console.log(selectStory(summary, { dataset, samples, runPath: shown, plot }));
    return 0;
  });
}
