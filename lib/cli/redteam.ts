/**
 * `deno task redteam --rubric NAME [--seed 0] [--per-class 20] [--dataset FILE] [--outdir DIR]
 * [--force]`: the differential red team of lib/redteam/redteam.ts. Prints the disagreements between the
 * variant and the strict scorer grouped by class and writes the run. Exit 0 when the run is
 * written (disagreements are findings, not errors), 2 on unusable input.
 * @module
 */
import { resolve } from "node:path";
import { uniqueRunPath } from "../core/run_dir.ts";
import { UsageError } from "../core/errors.ts";
import { dataPath, runsPath } from "../core/paths.ts";
import { redTeamStory, runRedTeam } from "../redteam/redteam.ts";
import { isRubricName, RUBRIC_NAMES } from "../instrument/rubrics.ts";
import { intFlag, parseFlags, required, runCli } from "./common.ts";

const USAGE = `usage: deno task redteam --rubric NAME [--seed N] [--per-class N] [--dataset FILE]
                         [--outdir DIR] [--force]
  --rubric     the variant to attack: ${RUBRIC_NAMES.join(", ")} (required)
  --seed       seed of the mutation streams (default 0)
  --per-class  candidates generated per exploit class, 1 to 10000 (default 20)
  --dataset    examples to attack (default data/datasets/math_dev.jsonl)
  --outdir     the run folder (default runs/redteam_<rubric>_<UTC time>)
  --force      replace an existing run at --outdir`;

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, {
    rubric: { type: "string" },
    seed: { type: "string" },
    "per-class": { type: "string" },
    dataset: { type: "string" },
    outdir: { type: "string" },
    force: { type: "boolean" },
  });
  const rubric = required(values, "rubric");
  if (!isRubricName(rubric)) throw new UsageError(`unknown --rubric ${JSON.stringify(rubric)}`);
  const seed = intFlag(values, "seed", 0, 0);
  const perClass = intFlag(values, "per-class", 20, 1, 10000);
  const dataset = typeof values.dataset === "string"
    ? resolve(values.dataset)
    : dataPath("datasets/math_dev.jsonl");
  const outdir = typeof values.outdir === "string"
    ? resolve(values.outdir)
    : await uniqueRunPath(runsPath(), `redteam_${rubric}`);
  const { runPath, result } = await runRedTeam({
    rubric,
    seed,
    perClass,
    dataset,
    outdir,
    force: values.force === true,
    args: Deno.args,
  });
  console.log(redTeamStory(result));
  console.log(
    `\nRun written to ${runPath}/ (manifest.json, candidates.jsonl, disagreements.jsonl, ` +
      `summary.json, summary.md)`,
  );
  return 0;
});
