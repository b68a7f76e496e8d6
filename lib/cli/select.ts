/**
 * `deno task select`: Loop B. Best-of-N over the first N samples of each prompt, pass@1 against
 * pass@N and the pass@k curve. Thin: parse flags, call `runSelect`, print the story.
 * @module
 */
import { goldenWarning } from "../present/eval_story.ts";
import { selectStory, templateLines } from "../present/select_story.ts";
import { selectRunTemplates } from "../experiments/select_templates.ts";
import { runSelect, SELECT_DEFAULTS } from "../experiments/select.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, shownPath } from "./_framework/run_target.ts";

export const SELECT = {
  name: "deno task select",
  summary: "Loop B: best-of-N selection with the strict scorer; the policy does not change.",
  flags: {
    dataset: flag.str("FILE", "JSONL of {id, prompt, expected_answer}", { required: true }),
    samples: flag.str(
      "FILE",
      "JSONL of {id, samples: [text or {completion, logprob?, ref_logprob?}]}; sampling " +
        "settings come from FILE's .meta.json",
      { required: true },
    ),
    n: flag.int("N", "best-of-N over the first N samples", { default: SELECT_DEFAULTS.n, min: 1 }),
    max: flag.int("N", "measure only the first N prompts of the dataset (file order)", {
      min: 1,
    }),
    plot: flag.bool("also write pass_at_k.svg into the run"),
    "by-template": flag.bool("also print pass@1 and pass@N per prompt template (small datasets)"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(SELECT, async (f) => {
    const run = await prepareCommandRun(SELECT, f, "select");
    const inputs = { dataset: f.dataset, samples: f.samples, n: f.n, max: f.max, plot: f.plot };
    const { runPath, summary, manifest, sealedDataset } = await runSelect({ ...inputs, ...run });
    const warning = goldenWarning(manifest.golden_gate);
    if (warning !== null) console.error(warning);
    const where = { dataset: f.dataset, samples: f.samples, runPath: shownPath(runPath) };
    const templates = f["by-template"]
      ? templateLines(await selectRunTemplates(runPath, f.dataset), f.n)
      : undefined;
    console.log(selectStory(summary, { ...where, plot: f.plot, sealed: sealedDataset, templates }));
    return 0;
  });
}
