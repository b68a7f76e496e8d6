/**
 * `deno task testbed`: Sutton & Barto's Figure 2.5 (the gradient bandit on the 10-armed testbed,
 * alpha 0.1 and 0.4, with and without baseline). Thin: parse, run the experiment
 * (lib/experiments/testbed.ts), print.
 * @module
 */
import { runTestbed } from "../experiments/testbed.ts";
import { BOOK_TESTBED } from "../learn/testbed.ts";
import { testbedHeader, testbedTranscript } from "../present/testbed_story.ts";
import { type Command, runCommand } from "./_framework/command.ts";
import {
  prepareCommandRun,
  RUN_FLAGS,
  runWrittenLine,
  SEED_FLAG,
} from "./_framework/run_target.ts";

export const TESTBED = {
  name: "deno task testbed",
  summary: `Sutton & Barto Figure 2.5: the gradient bandit on the 10-armed testbed, ` +
    `${BOOK_TESTBED.runs} runs x ${BOOK_TESTBED.steps} steps, writing testbed.csv and testbed.svg.`,
  flags: { ...SEED_FLAG, ...RUN_FLAGS },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(TESTBED, async (f) => {
    const run = await prepareCommandRun(TESTBED, f, "testbed");
    const config = { ...BOOK_TESTBED, seed: f.seed };
    for (const line of testbedHeader(config)) console.log(line);
    const { runPath, result, seconds } = await runTestbed({ ...config, ...run });
    for (const line of testbedTranscript(result, seconds)) console.log(line);
    console.log(`\n${runWrittenLine(runPath)}`);
    return 0;
  });
}
