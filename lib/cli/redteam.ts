/**
 * `deno task redteam --rubric NAME`: the differential red team. Prints the disagreements between
 * the variant and the strict scorer by class and writes the run (disagreements are findings,
 * not errors: exit 0). Thin: parse, run the experiment (lib/experiments/redteam.ts), print.
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { REDTEAM_DEFAULTS, runRedTeam } from "../experiments/redteam.ts";
import { RUBRIC_NAMES, type RubricName } from "../instrument/rubrics.ts";
import { redTeamStory } from "../present/redteam_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import {
  prepareCommandRun,
  RUN_FLAGS,
  runWrittenLine,
  SEED_FLAG,
} from "./_framework/run_target.ts";

const DEV = "data/datasets/math_dev.jsonl";

export const REDTEAM = {
  name: "deno task redteam",
  summary: "Mutates seeds of known exploit classes and reports every completion where a rubric " +
    "variant and the strict scorer disagree, grouped by class.",
  flags: {
    rubric: flag.str("NAME", "the variant to attack", { required: true, choices: RUBRIC_NAMES }),
    ...SEED_FLAG,
    "per-class": flag.int("N", "candidates per exploit class", {
      default: REDTEAM_DEFAULTS.perClass,
      min: 1,
      max: 10000,
    }),
    dataset: flag.str("FILE", "examples to attack", { default: DEV }),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(REDTEAM, async (f) => {
    const run = await prepareCommandRun(REDTEAM, f, `redteam_${f.rubric}`);
    const { runPath, result } = await runRedTeam({
      dataset: f.dataset === DEV ? dataPath("datasets/math_dev.jsonl") : f.dataset, // from anywhere
      rubric: f.rubric as RubricName,
      seed: f.seed,
      perClass: f["per-class"],
      ...run,
    });
    console.log(redTeamStory(result));
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
