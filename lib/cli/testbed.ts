/**
 * `deno task bandit --testbed`: Sutton & Barto's Figure 2.5 (the gradient bandit on the 10-armed
 * testbed, alpha 0.1 and 0.4, with and without baseline). Thin: simulate, print, write the run.
 * @module
 */
import { BOOK_TESTBED, gradientBanditTestbed } from "../learn/testbed.ts";
import { testbedHeader, testbedTranscript, writeTestbedRun } from "../present/testbed_story.ts";
import { type Command, type FlagValues } from "./command.ts";
import { prepareRun, RUN_FLAGS, runWrittenLine, SEED_FLAG } from "./run_target.ts";

export const TESTBED = {
  name: "deno task bandit --testbed",
  summary: `Sutton & Barto Figure 2.5: the gradient bandit on the 10-armed testbed, ` +
    `${BOOK_TESTBED.runs} runs x ${BOOK_TESTBED.steps} steps, writing testbed.csv and testbed.svg.`,
  flags: {
    testbed: { type: "boolean", help: "run the testbed (this command)" },
    ...SEED_FLAG,
    ...RUN_FLAGS,
  },
} as const satisfies Command;

/** Runs the testbed with parsed flags; returns the exit code. */
export async function testbedMain(
  flags: FlagValues<typeof TESTBED.flags>,
  argv: readonly string[],
): Promise<number> {
  const path = await prepareRun(flags.outdir, "testbed", flags.force);
  const config = { ...BOOK_TESTBED, seed: flags.seed };
  for (const line of testbedHeader(config)) console.log(line);
  const started = performance.now();
  const result = gradientBanditTestbed(config);
  const seconds = (performance.now() - started) / 1000;
  for (const line of testbedTranscript(result, seconds)) console.log(line);
  const runPath = await writeTestbedRun({ result, config, elapsedSeconds: seconds }, path, {
    command: TESTBED.name,
    args: [...argv],
    force: flags.force,
  });
  console.log(`\n${runWrittenLine(runPath)}`);
  return 0;
}
