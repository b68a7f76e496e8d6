/**
 * The bandit experiment (writes a run): trains REINFORCE on the four-armed bandit
 * (lib/learn/bandit.ts), optionally measures the baseline ablation over many seeds
 * (lib/learn/bandit_ablation.ts), and writes the run through the one run writer: `log.jsonl`,
 * `summary.json`, `summary.md`, `ablation.csv` with an ablation, and the charts with `plot`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { runBandit } from "./bandit.ts";
 * const outdir = `${await Deno.makeTempDir()}/bandit`;
 * const { runPath, result } = await runBandit({ steps: 5, seed: 0, lr: 0.5, baseline: true, outdir });
 * assertEquals([runPath, result.log.length], [outdir, 5]);
 * assertEquals(JSON.parse(await Deno.readTextFile(`${outdir}/summary.json`)).best_action, 2);
 * ```
 * @module
 */
import { type AblationResult, baselineAblation } from "../learn/bandit_ablation.ts";
import { type BanditResult, DEFAULT_REWARD_PROBS, train } from "../learn/bandit.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { csvFile, jsonFile, jsonlFile, type RunFile, writeRun } from "../core/write_run.ts";
import { ablationRows } from "../present/bandit_ablation_story.ts";
import type { BanditRunSettings } from "../present/bandit_story.ts";
import { banditCharts, banditMarkdown, banditSummary } from "../present/bandit_summary.ts";
import { renderSvg } from "../present/charts.ts";

/** The bandit's settings and defaults, as `deno task bandit` takes them. */
export const BANDIT_DEFAULTS = { steps: 30, seed: 0, lr: 0.5, baseline: false, seeds: 1000 };

/** What {@link runBandit} needs: the settings, the ablation's seeds (or none), the run. */
export interface BanditRunConfig extends BanditRunSettings, RunOptions {
  /** Runs per side of the baseline ablation; absent or 0: no ablation. */
  ablationSeeds?: number;
}

/**
 * Trains the bandit, runs the ablation when asked, and writes the run.
 *
 * @returns the run's path, the training result and the ablation (or null)
 */
export async function runBandit(
  cfg: BanditRunConfig,
): Promise<{ runPath: string; result: BanditResult; ablation: AblationResult | null }> {
  const outdir = await runFolder(cfg, "bandit");
  const settings = { steps: cfg.steps, seed: cfg.seed, lr: cfg.lr, baseline: cfg.baseline };
  const result = train(settings);
  const ablation = cfg.ablationSeeds
    ? baselineAblation({ seeds: cfg.ablationSeeds, steps: cfg.steps, lr: cfg.lr })
    : null;
  const runPath = await writeBanditRun({ result, settings, ablation }, outdir, cfg);
  return { runPath, result, ablation };
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
 * Writes a bandit run (writes files): `manifest.json` (kind `bandit`; lr, steps, baseline,
 * reward_probs, ablation_seeds), `log.jsonl` (one `StepRecord` per step), `summary.json`,
 * `summary.md`, with an ablation `ablation.csv`, and with `plot` the charts of
 * {@link banditCharts}.
 *
 * @param input the training result, its settings and the ablation (or null)
 * @param outdir the run folder
 * @param opts the command and arguments to record, force, plot
 * @returns the run's path
 */
export async function writeBanditRun(
  input: BanditRunInput,
  outdir: string,
  opts: RunOptions,
): Promise<string> {
  const { result, settings: o, ablation } = input;
  const w = runWriting(opts, "runBandit()");
  const files: RunFile[] = [
    jsonlFile("log.jsonl", result.log),
    jsonFile("summary.json", banditSummary(result, o, ablation)),
    { name: "summary.md", content: banditMarkdown(result, o, ablation) },
  ];
  if (ablation !== null) {
    const rows = ablationRows(ablation).map(([step, withB, withoutB]) => ({
      step,
      p_best_with_baseline: withB,
      p_best_without_baseline: withoutB,
    }));
    files.push(
      csvFile("ablation.csv", rows, ["step", "p_best_with_baseline", "p_best_without_baseline"]),
    );
  }
  if (w.plot) {
    for (const [name, spec] of Object.entries(banditCharts(result, o, ablation))) {
      files.push({ name, content: await renderSvg(spec) });
    }
  }
  return (await writeRun(outdir, {
    header: { kind: "bandit", command: w.command, args: w.args, seed: o.seed },
    settings: {
      lr: o.lr,
      steps: o.steps,
      baseline: o.baseline,
      reward_probs: DEFAULT_REWARD_PROBS,
      ablation_seeds: ablation === null ? null : ablation.seeds,
    },
    files,
  }, { force: w.force })).path;
}
