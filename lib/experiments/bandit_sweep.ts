/**
 * The bandit seed sweep as an experiment (writes a run): lib/learn/bandit_sweep.ts's engine,
 * written through the one run writer: `sweep.csv` (`seed,final_p_best`), `summary.json` and
 * `summary.md`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runBanditSweep } from "./bandit_sweep.ts";
 * const outdir = `${await Deno.makeTempDir()}/sweep`;
 * const { sweep } = await runBanditSweep({ seeds: 5, steps: 10, lr: 0.5, baseline: true, outdir });
 * assertEquals(sweep.finalBestProbs.length, 5);
 * ```
 * @module
 */
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { csvFile, jsonFile, writeRun } from "../core/write_run.ts";
import {
  banditSeedSweep,
  type BanditSweep,
  type BanditSweepConfig,
} from "../learn/bandit_sweep.ts";
import { banditSweepStory } from "../present/bandit_sweep_story.ts";

/** The sweep's defaults, as `deno task bandit:sweep` takes them. */
export const BANDIT_SWEEP_DEFAULTS = { seeds: 200, steps: 30, lr: 0.5 };

/** Trains the bandit over the seeds and writes the run. */
export async function runBanditSweep(
  cfg: BanditSweepConfig & RunOptions,
): Promise<{ runPath: string; sweep: BanditSweep }> {
  const outdir = await runFolder(cfg, "bandit_sweep");
  const w = runWriting(cfg, "runBanditSweep()");
  const config = { seeds: cfg.seeds, steps: cfg.steps, lr: cfg.lr, baseline: cfg.baseline };
  const sweep = banditSeedSweep(config);
  const rows = sweep.finalBestProbs.map((p, seed) => ({ seed, final_p_best: p }));
  const { finalBestProbs: _, ...summary } = sweep;
  const { path } = await writeRun(outdir, {
    header: { kind: "bandit_sweep", command: w.command, args: w.args, seed: null },
    settings: config,
    files: [
      csvFile("sweep.csv", rows, ["seed", "final_p_best"]),
      jsonFile("summary.json", summary),
      {
        name: "summary.md",
        content: `# Bandit seed sweep\n\n${banditSweepStory(sweep).join("\n\n")}\n`,
      },
    ],
  }, { force: w.force });
  return { runPath: path, sweep };
}
