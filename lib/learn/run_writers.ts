/**
 * Loop C results as run folders (writes files): the bandit, the 10-armed testbed, the two-step
 * MDP and the KL sweep, each written the same way whether a CLI or a notebook asks. The CLIs
 * (`deno task bandit|mdp|kl`) and the notebooks M1-M3 call these, so a run's files do not
 * depend on who made it; only the manifest's `command` (and `args`) say so.
 *
 * Every writer takes what was computed, the run folder and {@link RunWriteOptions}; it writes
 * atomically through lib/core/run_dir.ts (`openRun`: a failed write leaves nothing, a non-empty
 * folder is refused unless `force`) and returns the run's path. Each run holds `manifest.json`
 * (lib/core/run_dir.ts's `runManifest`: `kind`, `command`, `args`, `seed`, the run's settings,
 * provenance at top level), its log or table, `summary.json` and `summary.md`, and charts as
 * `*.svg` when `plot` is set. The words and numbers come from lib/present/bandit_story.ts,
 * lib/present/mdp_story.ts and lib/present/kl_story.ts.
 *
 * One module for the four writers, not four: they are one idea (a learner's result as a folder)
 * and share the open-write-commit-or-abort step; the per-learner content lives in the report
 * modules.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "./mdp.ts";
 * import { writeMdpRun } from "./run_writers.ts";
 * const out = `${await Deno.makeTempDir()}/mdp`;
 * const result = trainMdp({ episodes: 20, seed: 0, lr: 0.5, creditStep1: true });
 * await writeMdpRun(result, out, { command: "doc example" });
 * const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
 * assertEquals([manifest.kind, manifest.command, manifest.seed], ["mdp", "doc example", 0]);
 * ```
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { dirname, resolve } from "node:path";
import { assertRunSlotFree, openRun, type RunDir, runManifest } from "../core/run_dir.ts";
import { type AblationResult, type BanditResult, DEFAULT_REWARD_PROBS } from "./bandit.ts";
import {
  ablationRows,
  banditCharts,
  banditMarkdown,
  type BanditRunSettings,
  banditSummary,
  testbedChart,
  testbedChecks,
  testbedMarkdown,
  testbedSummary,
} from "../present/bandit_story.ts";
import { InputError } from "../core/errors.ts";
import type { KlAction, KlPoint } from "./kl.ts";
import { klChart, klMarkdown, klSummary, klTradeoffRows } from "../present/kl_story.ts";
import { type MdpResult, REWARDED_PATH } from "./mdp.ts";
import { mdpChart, mdpMarkdown, mdpSummary } from "../present/mdp_story.ts";
import { renderSvg } from "../present/charts.ts";
import { type TestbedConfig, type TestbedResult, testbedRows } from "./testbed.ts";

/** How a run is written and what its manifest says made it. */
export interface RunWriteOptions {
  /**
   * What made the run, recorded as the manifest's `command`: `deno task bandit` from the CLI,
   * `notebook M1_reinforce_slow_motion` from a notebook.
   */
  command: string;
  /** The arguments recorded in the manifest, as given (default none). */
  args?: string[];
  /** Replace an existing non-empty run folder (default false: refuse it). */
  force?: boolean;
  /** Also write the run's charts as SVG (default false; the testbed always writes its figure). */
  plot?: boolean;
}

/**
 * Checks, before any work, that `path` may receive a run: the process may write its parent
 * folder (a task that may write only under `runs/` is refused here, not halfway through), and
 * the folder is absent, empty, or `force` is set. Throws an {@link InputError} naming the folder.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { checkRunTarget } from "./run_writers.ts";
 * const taken = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${taken}/summary.json`, "{}");
 * await checkRunTarget(taken, true); // forced: fine
 * const why = await checkRunTarget(taken, false).then(() => "", (e) => (e as Error).message);
 * assertStringIncludes(why, "already holds a run");
 * ```
 */
export async function checkRunTarget(path: string, force: boolean): Promise<void> {
  const parent = dirname(resolve(path));
  const { state } = await Deno.permissions.query({ name: "write", path: parent });
  if (state !== "granted") {
    throw new InputError(
      path,
      null,
      "may not be written by this task (tasks write only under runs/)",
    );
  }
  await assertRunSlotFree(path, force);
}

/** Opens the run, lets `body` fill it, commits it; on any failure nothing is left behind. */
async function writeRun(
  path: string,
  opts: RunWriteOptions,
  body: (run: RunDir) => Promise<void>,
): Promise<string> {
  const run = await openRun(path, { force: opts.force ?? false });
  try {
    await body(run);
    return await run.commit();
  } catch (e) {
    await run.abort();
    throw e;
  }
}

/** What {@link writeBanditRun} writes: one training run and, optionally, the baseline ablation. */
export interface BanditRunInput {
  result: BanditResult;
  /** The settings `result` was trained with. */
  settings: BanditRunSettings;
  /** The ablation (`baselineAblation`), or null. */
  ablation: AblationResult | null;
}

/**
 * Writes a bandit run: `manifest.json` (kind `bandit`; lr, steps, baseline, reward_probs,
 * ablation_seeds), `log.jsonl` (one line per step, the `StepRecord`), `summary.json`
 * (`final_probs`, `best_action`, …), `summary.md`, with an ablation `ablation.csv`, and with
 * `plot` the charts of `banditCharts`.
 *
 * @param input the training result, its settings and the ablation (or null)
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "./bandit.ts";
 * import { writeBanditRun } from "./run_writers.ts";
 * const settings = { steps: 5, seed: 0, lr: 0.5, baseline: true };
 * const out = `${await Deno.makeTempDir()}/bandit`;
 * await writeBanditRun({ result: train(settings), settings, ablation: null }, out, { command: "doc" });
 * assertEquals(JSON.parse(await Deno.readTextFile(`${out}/summary.json`)).best_action, 2);
 * ```
 */
export function writeBanditRun(
  input: BanditRunInput,
  outdir: string,
  opts: RunWriteOptions,
): Promise<string> {
  const { result, settings: o, ablation } = input;
  return writeRun(outdir, opts, async (run) => {
    await run.writeJson(
      "manifest.json",
      await runManifest({
        kind: "bandit",
        command: opts.command,
        args: opts.args ?? [],
        seed: o.seed,
      }, {
        lr: o.lr,
        steps: o.steps,
        baseline: o.baseline,
        reward_probs: DEFAULT_REWARD_PROBS,
        ablation_seeds: ablation === null ? null : ablation.seeds,
      }),
    );
    const log = await run.jsonl("log.jsonl");
    for (const rec of result.log) await log.write(rec);
    await log.close();
    await run.writeJson("summary.json", banditSummary(result, o, ablation));
    await run.writeText("summary.md", banditMarkdown(result, o, ablation));
    if (ablation !== null) {
      await run.writeText(
        "ablation.csv",
        stringify(ablationRows(ablation), {
          header: true,
          columns: ["step", "p_best_with_baseline", "p_best_without_baseline"],
        }),
      );
    }
    if (opts.plot) {
      for (const [name, spec] of Object.entries(banditCharts(result, o, ablation))) {
        await run.writeText(name, await renderSvg(spec));
      }
    }
  });
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
 * Writes a testbed run (Sutton & Barto, Figure 2.5): `manifest.json` (kind `testbed`; runs,
 * steps, alphas, arms, true mean, the reference), `testbed.csv` (`alpha`, `baseline`, `step`,
 * `optimal_action_rate`, one row per curve and step), `summary.json` (each curve at steps 100,
 * 500 and 1000, and the book's checks), `summary.md` and `testbed.svg` (always: the figure is
 * the point of this run).
 *
 * @param input the curves, their configuration and the simulation time
 * @param outdir the run folder
 * @param opts the command and arguments to record, force (`plot` is ignored)
 * @returns the run's path
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { gradientBanditTestbed } from "./testbed.ts";
 * import { writeTestbedRun } from "./run_writers.ts";
 * const config = { runs: 5, steps: 1000, alphas: [0.4], seed: 0 };
 * const out = `${await Deno.makeTempDir()}/testbed`;
 * const result = gradientBanditTestbed(config);
 * await writeTestbedRun({ result, config, elapsedSeconds: null }, out, { command: "doc" });
 * const csv = (await Deno.readTextFile(`${out}/testbed.csv`)).trim().split("\n");
 * assertEquals([csv[0], csv.length], ["alpha,baseline,step,optimal_action_rate", 1 + 2 * 1000]);
 * ```
 */
export function writeTestbedRun(
  input: TestbedRunInput,
  outdir: string,
  opts: RunWriteOptions,
): Promise<string> {
  const { result, config, elapsedSeconds } = input;
  const checks = testbedChecks(result);
  return writeRun(outdir, opts, async (run) => {
    await run.writeJson(
      "manifest.json",
      await runManifest(
        { kind: "testbed", command: opts.command, args: opts.args ?? [], seed: config.seed },
        {
          runs: config.runs,
          steps: config.steps,
          alphas: config.alphas,
          baseline: [true, false],
          arms: result.arms,
          true_mean: config.trueMean,
          reference: "Sutton & Barto, Reinforcement Learning: An Introduction, 2nd ed., Figure 2.5",
          elapsed_seconds: elapsedSeconds === null ? null : Number(elapsedSeconds.toFixed(3)),
        },
      ),
    );
    await run.writeText(
      "testbed.csv",
      stringify(testbedRows(result), {
        header: true,
        columns: ["alpha", "baseline", "step", "optimal_action_rate"],
        cast: { boolean: (b) => (b ? "true" : "false") },
      }),
    );
    await run.writeJson("summary.json", testbedSummary(result, checks));
    await run.writeText("summary.md", testbedMarkdown(result, checks));
    await run.writeText("testbed.svg", await renderSvg(testbedChart(result)));
  });
}

/**
 * Writes a two-step MDP run: `manifest.json` (kind `mdp`; episodes, lr, credit_step1,
 * rewarded_path), `trajectories.jsonl` (one line per episode), `summary.json` (the final
 * probabilities of both steps, p(rewarded path), success rate), `summary.md`, and with `plot`
 * `learning_curve.svg`.
 *
 * @param result the training result (it carries its config)
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 */
export function writeMdpRun(
  result: MdpResult,
  outdir: string,
  opts: RunWriteOptions,
): Promise<string> {
  const c = result.config;
  return writeRun(outdir, opts, async (run) => {
    await run.writeJson(
      "manifest.json",
      await runManifest(
        { kind: "mdp", command: opts.command, args: opts.args ?? [], seed: c.seed },
        {
          episodes: c.episodes,
          lr: c.lr,
          credit_step1: c.creditStep1,
          rewarded_path: REWARDED_PATH,
        },
      ),
    );
    const log = await run.jsonl("trajectories.jsonl");
    for (const ep of result.episodes) await log.write(ep);
    await log.close();
    await run.writeJson("summary.json", mdpSummary(result));
    await run.writeText("summary.md", mdpMarkdown(result));
    if (opts.plot) await run.writeText("learning_curve.svg", await renderSvg(mdpChart(result)));
  });
}

/** What {@link writeKlRun} writes: the example and its sweep. */
export interface KlRunInput {
  actions: readonly KlAction[];
  /** `klSweep(actions, betas)`. */
  points: readonly KlPoint[];
}

/**
 * Writes a KL run: `manifest.json` (kind `kl`, seed null: closed form and deterministic ascent
 * have no randomness; the betas and the actions), `kl_tradeoff.csv` (`beta`, `expected_reward`,
 * `kl`, one row per beta), `summary.json`, `summary.md`, and with `plot` `frontier.svg`.
 *
 * @param input the example and its sweep
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES, klSweep } from "./kl.ts";
 * import { writeKlRun } from "./run_writers.ts";
 * const out = `${await Deno.makeTempDir()}/kl`;
 * const points = klSweep(COMPLETION_STYLES, [0, 1]);
 * await writeKlRun({ actions: COMPLETION_STYLES, points }, out, { command: "doc" });
 * const csv = (await Deno.readTextFile(`${out}/kl_tradeoff.csv`)).trim().split("\n");
 * assertEquals(csv[0], "beta,expected_reward,kl");
 * ```
 */
export function writeKlRun(
  input: KlRunInput,
  outdir: string,
  opts: RunWriteOptions,
): Promise<string> {
  const { actions, points } = input;
  return writeRun(outdir, opts, async (run) => {
    await run.writeJson(
      "manifest.json",
      await runManifest({ kind: "kl", command: opts.command, args: opts.args ?? [], seed: null }, {
        betas: points.map((p) => p.beta),
        actions,
      }),
    );
    await run.writeText(
      "kl_tradeoff.csv",
      stringify(klTradeoffRows(points), {
        header: true,
        columns: ["beta", "expected_reward", "kl"],
      }),
    );
    await run.writeJson("summary.json", klSummary(actions, points));
    await run.writeText("summary.md", klMarkdown(actions, points));
    if (opts.plot) await run.writeText("frontier.svg", await renderSvg(klChart(actions, points)));
  });
}
