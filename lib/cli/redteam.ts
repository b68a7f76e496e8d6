/**
 * `deno task redteam --rubric NAME`: the differential red team. Prints the disagreements between
 * the variant and the strict scorer by class and writes the run (disagreements are findings,
 * not errors: exit 0).
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { RUBRIC_NAMES, type RubricName } from "../instrument/rubrics.ts";
import { redTeamStory, runRedTeam } from "../present/redteam_story.ts";
import { type Command, flag, runCommand } from "./command.ts";
import { prepareRun, RUN_FLAGS, runWrittenLine, SEED_FLAG } from "./run_target.ts";

export const REDTEAM = {
  name: "deno task redteam",
  summary: "Mutates seeds of known exploit classes and reports every completion where a rubric " +
    "variant and the strict scorer disagree, grouped by class.",
  flags: {
    rubric: flag.str("NAME", "the variant to attack", { required: true, choices: RUBRIC_NAMES }),
    ...SEED_FLAG,
    "per-class": flag.int("N", "candidates per exploit class", { default: 20, min: 1, max: 10000 }),
    dataset: flag.str("FILE", "examples to attack", { default: "data/datasets/math_dev.jsonl" }),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(REDTEAM, async (f) => {
    const path = await prepareRun(f.outdir, `redteam_${f.rubric}`, f.force);
    const dev = f.dataset === REDTEAM.flags.dataset.default; // the course's, wherever we run from
    const { runPath, result } = await runRedTeam({
      dataset: dev ? dataPath("datasets/math_dev.jsonl") : f.dataset,
      rubric: f.rubric as RubricName,
      seed: f.seed,
      perClass: f["per-class"],
      outdir: path,
      force: f.force,
      args: Deno.args,
      command: REDTEAM.name,
    });
    console.log(redTeamStory(result));
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
