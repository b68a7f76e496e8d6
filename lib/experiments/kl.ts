/**
 * The KL experiment (writes a run): the KL-regularised optimum over a sweep of β, in closed form
 * and by ascent (lib/learn/kl_sweep.ts), written through the one run writer: `kl_tradeoff.csv`,
 * `summary.json`, `summary.md`, and with `plot` `frontier.svg`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { runKl } from "./kl.ts";
 * const outdir = `${await Deno.makeTempDir()}/kl`;
 * const { points } = await runKl({ actions: COMPLETION_STYLES, betas: [0, 1], outdir });
 * assertEquals(points.length, 2);
 * ```
 * @module
 */
import type { KlAction } from "../learn/kl.ts";
import { type KlPoint, klSweep } from "../learn/kl_sweep.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { csvFile, jsonFile, writeRun } from "../core/write_run.ts";
import { renderSvg } from "../present/charts.ts";
import { klChart, klMarkdown, klSummary, klTradeoffRows } from "../present/kl_summary.ts";

/** Sweeps β over `actions` and writes the run. */
export async function runKl(
  cfg: { actions: readonly KlAction[]; betas: readonly number[] } & RunOptions,
): Promise<{ runPath: string; points: KlPoint[] }> {
  const outdir = await runFolder(cfg, "kl");
  const points = klSweep(cfg.actions, cfg.betas);
  return { runPath: await writeKlRun({ actions: cfg.actions, points }, outdir, cfg), points };
}

/** What {@link writeKlRun} writes: the example and its sweep. */
export interface KlRunInput {
  actions: readonly KlAction[];
  /** `klSweep(actions, betas)`. */
  points: readonly KlPoint[];
}

/**
 * Writes a KL run (writes files): `manifest.json` (kind `kl`, seed null: closed form and
 * deterministic ascent have no randomness; the betas and the actions), `kl_tradeoff.csv`
 * (`beta`, `expected_reward`, `kl`), `summary.json`, `summary.md`, and with `plot`
 * `frontier.svg`.
 *
 * @param input the example and its sweep
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 */
export async function writeKlRun(
  input: KlRunInput,
  outdir: string,
  opts: RunOptions,
): Promise<string> {
  const { actions, points } = input;
  const w = runWriting(opts, "runKl()");
  const rows = klTradeoffRows(points).map(([beta, expected_reward, kl]) => ({
    beta,
    expected_reward,
    kl,
  }));
  return (await writeRun(outdir, {
    header: { kind: "kl", command: w.command, args: w.args, seed: null },
    settings: { betas: points.map((p) => p.beta), actions },
    files: [
      csvFile("kl_tradeoff.csv", rows, ["beta", "expected_reward", "kl"]),
      jsonFile("summary.json", klSummary(actions, points)),
      { name: "summary.md", content: klMarkdown(actions, points) },
      ...(w.plot
        ? [{ name: "frontier.svg", content: await renderSvg(klChart(actions, points)) }]
        : []),
    ],
  }, { force: w.force })).path;
}
