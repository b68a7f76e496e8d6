/**
 * `deno task golden [--rubric strict]`: runs the golden gate on a scorer and prints every false
 * negative, false positive and code mismatch. Exit 0 when the gate passes, 1 when it fails.
 * @module
 */
import { goldenGate, goldenStory } from "../instrument/golden.ts";
import { RUBRIC_NAMES, RUBRICS } from "../instrument/rubrics.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const GOLDEN = {
  name: "deno task golden",
  summary: "The golden gate: every golden-correct case must score 1 and every golden exploit 0 " +
    "with its code.",
  flags: {
    rubric: flag.str("NAME", "the scorer to gate", { default: "strict", choices: RUBRIC_NAMES }),
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(GOLDEN, (f) => {
    const name = f.rubric as keyof typeof RUBRICS;
    const started = performance.now();
    const report = goldenGate(RUBRICS[name], name === "strict" ? undefined : name);
    const ms = performance.now() - started;
    console.log(goldenStory(report));
    console.log(`(${report.correct.n + report.exploits.n} cases in ${ms.toFixed(1)} ms)`);
    return Promise.resolve(report.passed ? 0 : 1);
  });
}
