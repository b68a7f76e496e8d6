/**
 * Sutton & Barto's gradient-bandit testbed as an experiment (writes a run): the simulation
 * (lib/learn/testbed.ts), timed, written through the one run writer: `testbed.csv`,
 * `summary.json`, `summary.md` and `testbed.svg` (always: the figure is the point of this run).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runTestbed } from "./testbed.ts";
 * const outdir = `${await Deno.makeTempDir()}/testbed`;
 * const { result } = await runTestbed({ runs: 5, steps: 20, alphas: [0.1], seed: 0, outdir });
 * assertEquals(result.curves.length, 2);
 * ```
 * @module
 */
import {
  gradientBanditTestbed,
  type TestbedConfig,
  type TestbedResult,
  testbedRows,
} from "../learn/testbed.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { csvFile, jsonFile, writeRun } from "../core/write_run.ts";
import { renderSvg } from "../present/charts.ts";
import {
  testbedChart,
  testbedChecks,
  testbedMarkdown,
  testbedSummary,
} from "../present/testbed_story.ts";

/** Simulates the testbed (timing it) and writes the run. */
export async function runTestbed(
  cfg: TestbedConfig & RunOptions,
): Promise<{ runPath: string; result: TestbedResult; seconds: number }> {
  const outdir = await runFolder(cfg, "testbed");
  const config: TestbedConfig = {
    runs: cfg.runs,
    steps: cfg.steps,
    alphas: cfg.alphas,
    seed: cfg.seed,
  };
  if (cfg.arms !== undefined) config.arms = cfg.arms;
  if (cfg.trueMean !== undefined) config.trueMean = cfg.trueMean;
  const t0 = performance.now();
  const result = gradientBanditTestbed(config);
  const seconds = (performance.now() - t0) / 1000;
  const runPath = await writeTestbedRun({ result, config, elapsedSeconds: seconds }, outdir, cfg);
  return { runPath, result, seconds };
}

/** What {@link writeTestbedRun} writes: the testbed curves and how they were made. */
export interface TestbedRunInput {
  result: TestbedResult;
  /** The configuration `result` was simulated with (e.g. `{ ...BOOK_TESTBED, seed }`). */
  config: TestbedConfig;
  /** Wall-clock seconds of the simulation, if measured (recorded in the manifest; else null). */
  elapsedSeconds: number | null;
}

/**
 * Writes a testbed run (writes files): `manifest.json` (kind `testbed`; runs, steps, alphas,
 * arms, true mean, the reference), `testbed.csv` (`alpha`, `baseline`, `step`,
 * `optimal_action_rate`), `summary.json`, `summary.md` and `testbed.svg` (always: the figure is
 * the point of this run).
 *
 * @param input the curves, their configuration and the simulation time
 * @param outdir the run folder
 * @param opts the command and arguments to record, force (`plot` is ignored)
 * @returns the run's path
 */
export async function writeTestbedRun(
  input: TestbedRunInput,
  outdir: string,
  opts: RunOptions,
): Promise<string> {
  const { result, config, elapsedSeconds } = input;
  const checks = testbedChecks(result);
  const w = runWriting(opts, "runTestbed()");
  return (await writeRun(outdir, {
    header: { kind: "testbed", command: w.command, args: w.args, seed: config.seed },
    settings: {
      runs: config.runs,
      steps: config.steps,
      alphas: config.alphas,
      baseline: [true, false],
      arms: result.arms,
      true_mean: config.trueMean,
      reference: "Sutton & Barto, Reinforcement Learning: An Introduction, 2nd ed., Figure 2.5",
      elapsed_seconds: elapsedSeconds === null ? null : Number(elapsedSeconds.toFixed(3)),
    },
    files: [
      csvFile("testbed.csv", testbedRows(result), [
        "alpha",
        "baseline",
        "step",
        "optimal_action_rate",
      ]),
      jsonFile("summary.json", testbedSummary(result, checks)),
      { name: "summary.md", content: testbedMarkdown(result, checks) },
      { name: "testbed.svg", content: await renderSvg(testbedChart(result)) },
    ],
  }, { force: w.force })).path;
}
