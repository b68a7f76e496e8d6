/**
 * The two-step MDP experiment (writes a run): REINFORCE with a delayed reward
 * (lib/learn/mdp.ts), written through the one run writer: `trajectories.jsonl`, `summary.json`,
 * `summary.md`, and with `plot` `learning_curve.svg`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runMdp } from "./mdp.ts";
 * const outdir = `${await Deno.makeTempDir()}/mdp`;
 * const { result } = await runMdp({ episodes: 20, seed: 0, lr: 0.5, creditStep1: true, outdir });
 * assertEquals(result.episodes.length, 20);
 * ```
 * @module
 */
import { type MdpConfig, type MdpResult, REWARDED_PATH, trainMdp } from "../learn/mdp.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, jsonlFile, writeRun } from "../core/write_run.ts";
import { renderSvg } from "../present/charts.ts";
import { mdpChart, mdpMarkdown, mdpSummary } from "../present/mdp_summary.ts";

/** The MDP's defaults, as `deno task mdp` takes them. */
export const MDP_DEFAULTS = { episodes: 300, seed: 0, lr: 0.5 };

/** Trains the MDP learner and writes the run. */
export async function runMdp(
  cfg: MdpConfig & RunOptions,
): Promise<{ runPath: string; result: MdpResult }> {
  const outdir = await runFolder(cfg, "mdp");
  const result = trainMdp(cfg);
  return { runPath: await writeMdpRun(result, outdir, cfg), result };
}

/**
 * Writes a two-step MDP run (writes files): `manifest.json` (kind `mdp`; episodes, lr,
 * credit_step1, rewarded_path), `trajectories.jsonl` (one line per episode), `summary.json`,
 * `summary.md`, and with `plot` `learning_curve.svg`.
 *
 * @param result the training result (it carries its config)
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 */
export async function writeMdpRun(
  result: MdpResult,
  outdir: string,
  opts: RunOptions,
): Promise<string> {
  const c = result.config;
  const w = runWriting(opts, "runMdp()");
  return (await writeRun(outdir, {
    header: { kind: "mdp", command: w.command, args: w.args, seed: c.seed },
    settings: {
      episodes: c.episodes,
      lr: c.lr,
      credit_step1: c.creditStep1,
      rewarded_path: REWARDED_PATH,
    },
    files: [
      jsonlFile("trajectories.jsonl", result.episodes),
      jsonFile("summary.json", mdpSummary(result)),
      { name: "summary.md", content: mdpMarkdown(result) },
      ...(w.plot
        ? [{ name: "learning_curve.svg", content: await renderSvg(mdpChart(result)) }]
        : []),
    ],
  }, { force: w.force })).path;
}
