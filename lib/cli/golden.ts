/**
 * `deno task golden [--rubric strict]`: runs the golden gate (lib/instrument/golden.ts) on a scorer from
 * lib/instrument/rubrics.ts and prints every false negative, false positive and code mismatch. Exit 0 when
 * the gate passes, 1 when it fails, 2 on a usage mistake.
 * @module
 */
import { goldenGate, goldenStory } from "../instrument/golden.ts";
import { isRubricName, RUBRIC_NAMES, RUBRICS } from "../instrument/rubrics.ts";
import { UsageError } from "../core/errors.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `usage: deno task golden [--rubric NAME]
  --rubric  the scorer to gate, one of ${RUBRIC_NAMES.join(", ")} (default: strict)`;

await runCli(USAGE, () => {
  const { values } = parseFlags(Deno.args, { rubric: { type: "string", default: "strict" } });
  const name = values.rubric as string;
  if (!isRubricName(name)) throw new UsageError(`unknown --rubric ${JSON.stringify(name)}`);
  const started = performance.now();
  const report = goldenGate(RUBRICS[name], name === "strict" ? undefined : name);
  const ms = performance.now() - started;
  console.log(goldenStory(report));
  console.log(`(${report.correct.n + report.exploits.n} cases in ${ms.toFixed(1)} ms)`);
  return Promise.resolve(report.passed ? 0 : 1);
});
