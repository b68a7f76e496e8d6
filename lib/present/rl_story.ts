/**
 * The words and numbers of an RL run on the tiny policy, as pure functions: the intro,
 * one line per evaluation (`step 040 | proxy 0.512 | strict 0.438 | holdout 0.401 | kl 0.213 |
 * entropy 1.42 | top codes …`), the closing lines, `summary.json`, `summary.md`, and the charts
 * (proxy vs strict over steps, scorer codes as a stacked area). Nothing here prints.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rlEvalLine } from "./rl_story.ts";
 * const row = { step: 40, proxy: 0.512, strict: 0.438, holdout: 0.401, kl: 0.213, entropy: 1.42,
 *   codes: { ok: 0.44, wrong_answer: 0.31 } };
 * assertEquals(rlEvalLine(row, 120), "step 040 | proxy 0.512 | strict 0.438 | holdout 0.401 | kl 0.213 | entropy 1.420 | top codes ok 44.0%, wrong_answer 31.0%");
 * ```
 * @module
 */
import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  lineChart,
  type LineRow,
  VEGA_LITE_SCHEMA,
  type VegaLiteSpec,
} from "./chart_spec.ts";
import { f3, pct, points } from "./format.ts";
import { progressLine, type ProgressReporter } from "./progress.ts";
import type { RlConfig, RlHooks } from "../learn/rl.ts";

/** The columns of an evaluation that the story prints. */
export interface RlEvalPoint {
  step: number;
  proxy: number;
  strict: number;
  holdout: number;
  kl: number;
  entropy: number;
  codes: Record<string, number>;
  /** Holdout pass@n from the evaluation's n samples per prompt (shown when given). */
  holdout_pass_at_n?: number;
  /** Mean groups per step with unequal rewards since the last evaluation (null at step 0). */
  signal?: number | null;
}

/** The codes with the largest shares, as `ok 44.0%, wrong_answer 31.0%` (ties by name). */
export function topCodes(codes: Record<string, number>, k = 3): string {
  const top = Object.entries(codes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = top.slice(0, k).map(([c, s]) => `${c} ${pct(s)}`);
  return top.length > k ? `${shown.join(", ")}, …` : shown.join(", ");
}

/**
 * One evaluation as one line with fixed keys and precision; with `sizes`, also the holdout
 * pass@n and the informative groups per step (`signal 12.3/16`; `-` at step 0).
 */
export function rlEvalLine(
  r: RlEvalPoint,
  steps: number,
  sizes?: { n: number; promptsPerStep: number },
): string {
  const w = Math.max(3, String(steps).length);
  const extra = sizes && r.holdout_pass_at_n !== undefined
    ? [
      `holdout pass@${sizes.n} ${f3(r.holdout_pass_at_n)}`,
      `signal ${r.signal == null ? "-" : r.signal.toFixed(1)}/${sizes.promptsPerStep}`,
    ]
    : [];
  return [
    `step ${String(r.step).padStart(w, "0")}`,
    `proxy ${f3(r.proxy)}`,
    `strict ${f3(r.strict)}`,
    `holdout ${f3(r.holdout)}`,
    `kl ${f3(r.kl)}`,
    `entropy ${f3(r.entropy)}`,
    ...extra,
    `top codes ${topCodes(r.codes)}`,
  ].join(" | ");
}

/** What an RL run's intro says. */
export interface RlIntro {
  checkpoint: string;
  sha256: string;
  dataset: string;
  holdout: string;
  rubric: string;
  steps: number;
  promptsPerStep: number;
  groupSize: number;
  lr: number;
  beta: number;
  temperature: number;
  seed: number;
  evalPrompts: number;
  evalSamples: number;
}

/** The lines printed before training. */
export function rlIntro(s: RlIntro): string[] {
  return [
    `RL on the tiny policy: ${s.checkpoint} (sha256 ${s.sha256.slice(0, 16)}…), seed ${s.seed}`,
    `  algorithm  on-policy policy gradient: A = r − mean(group), loss = (1/N) Σ_i [−A_i Σ_t log π(y_t|·)` +
    ` + β Σ_t KL_t], fresh Adam, no PPO ratio, no critic`,
    `  reward     rubric ${s.rubric} on ${s.dataset}; holdout ${s.holdout} is measured, never trained on`,
    `  schedule   ${s.steps} steps × ${s.promptsPerStep} prompts × ${s.groupSize} samples, lr ${s.lr}, ` +
    `beta ${s.beta}, temperature ${f3(s.temperature)}`,
    `  measured   every eval: ${s.evalPrompts} dev prompts and every holdout prompt × ${s.evalSamples} ` +
    "samples (proxy = rubric reward, strict = the scorer's pass rate)",
  ];
}

/** The run's outcome in summary.json. */
export interface RlSummary {
  rubric: string;
  beta: number;
  lr: number;
  steps: number;
  start: {
    proxy: number;
    strict: number;
    holdout: number;
    pass_at_n: number;
    holdout_pass_at_n: number;
  };
  end: {
    proxy: number;
    strict: number;
    holdout: number;
    pass_at_n: number;
    holdout_pass_at_n: number;
    kl: number;
  };
  /** Share of steps whose groups all had equal rewards (no gradient without a leash). */
  mean_signal_groups: number;
}

/** The closing lines: start → end of proxy, strict, holdout and pass@n. */
export function rlOutcome(s: RlSummary): string[] {
  const line = (name: string, a: number, b: number) =>
    `  ${name.padEnd(18)} ${f3(a)} → ${f3(b)} (${points(b - a)} points)`;
  return [
    "outcome (first → last evaluation):",
    line(`proxy (${s.rubric})`, s.start.proxy, s.end.proxy),
    line("strict, dev", s.start.strict, s.end.strict),
    line("strict, holdout", s.start.holdout, s.end.holdout),
    line("pass@n, holdout", s.start.holdout_pass_at_n, s.end.holdout_pass_at_n),
    `  kl to the base      ${f3(s.end.kl)} nats per completion`,
  ];
}

/** summary.md of an RL run. */
export function rlMarkdown(intro: RlIntro, s: RlSummary, lines: readonly string[]): string {
  return [
    `# RL run: rubric ${s.rubric}, beta ${s.beta}, lr ${s.lr}`,
    "",
    ...rlIntro(intro).map((l) => l.replace(/^ {2}/, "- ")),
    "",
    "```",
    ...lines,
    "```",
    "",
    ...rlOutcome(s).map((l) => l.replace(/^ {2}/, "- ")),
    "",
    "Definitions: proxy = mean reward of the rubric being optimised on fresh samples of the fixed " +
    "dev subset; strict = the strict scorer's pass rate on the same samples; holdout = strict on " +
    "holdout samples; kl = mean over samples of Σ_t KL(π_θ ‖ π_base) at the sampled prefixes.",
    "",
  ].join("\n");
}

/**
 * Proxy and strict (dev, holdout) over steps: the Goodhart picture when they part. When the
 * rubric is the strict scorer itself the proxy is the strict line, so it is drawn once, and the
 * subtitle says so (a third series would lie exactly under the second).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { proxyStrictChart } from "./rl_story.ts";
 * const curve = [{ step: 0, proxy: 0.3, strict: 0.3, holdout: 0.28 }];
 * assertEquals(new Set(proxyStrictChart(curve, "strict").data.values.map((v) => v.series)).size, 2);
 * assertEquals(new Set(proxyStrictChart(curve, "substring").data.values.map((v) => v.series)).size, 3);
 * ```
 */
export function proxyStrictChart(
  curve: readonly { step: number; proxy: number; strict: number; holdout: number }[],
  rubric: string,
  opts: { description?: string } = {},
): VegaLiteSpec {
  const same = rubric === "strict";
  const rows: LineRow[] = curve.flatMap((r) => [
    ...(same ? [] : [{ x: r.step, y: r.proxy, series: `proxy (${rubric}), dev` }]),
    { x: r.step, y: r.strict, series: same ? "strict (the reward), dev" : "strict, dev" },
    { x: r.step, y: r.holdout, series: "strict, holdout" },
  ]);
  return lineChart({
    title: same
      ? "Strict reward while optimising it"
      : `Proxy vs strict reward while optimising ${rubric}`,
    subtitle: same
      ? "the reward is the strict scorer: the proxy is the dev line itself"
      : undefined,
    xTitle: "RL step",
    yTitle: "reward (share of samples)",
    rows,
    seriesTitle: "measure",
    yDomain: [0, 1],
    points: true,
    description: opts.description,
  });
}

/** Share of each scorer code among sampled completions over steps, stacked. */
export function codeShareChart(
  curve: readonly { step: number; codes: Record<string, number> }[],
): VegaLiteSpec {
  const codes = [...new Set(curve.flatMap((r) => Object.keys(r.codes)))].sort();
  const values = curve.flatMap((r) =>
    codes.map((c) => ({ step: r.step, code: c, share: r.codes[c] ?? 0 }))
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Distribution shift: scorer codes of fresh samples over training",
      anchor: "start",
    },
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    data: { values },
    mark: { type: "area" },
    encoding: {
      x: { field: "step", type: "quantitative", title: "RL step" },
      y: { field: "share", type: "quantitative", stack: "normalize", title: "share of samples" },
      color: { field: "code", type: "nominal", title: "scorer code", legend: { labelLimit: 400 } },
    },
  };
}

/**
 * Lesson 2's chart: the unbiased pass@k of the base and of the trained policy over k (a log₂
 * axis), on one chart (selection spends samples, training moves pass@1).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passAtKCompareChart } from "./rl_story.ts";
 * const spec = passAtKCompareChart({ "1": 0.3, "8": 0.75 }, { "1": 0.55, "8": 0.78 });
 * assertEquals(spec.data.values.length, 4);
 * ```
 */
export function passAtKCompareChart(
  base: Record<string, number>,
  trained: Record<string, number>,
  labels: { base: string; trained: string } = { base: "base", trained: "after RL" },
): VegaLiteSpec {
  const rows: LineRow[] = [
    ...Object.entries(base).map(([k, y]) => ({ x: Number(k), y, series: labels.base })),
    ...Object.entries(trained).map(([k, y]) => ({ x: Number(k), y, series: labels.trained })),
  ];
  return {
    ...lineChart({
      title: "Selection vs learning: unbiased pass@k of the same policy before and after RL",
      xTitle: "k (samples per prompt)",
      yTitle: "pass@k (holdout)",
      rows,
      seriesTitle: "policy",
      yDomain: [0, 1],
      points: true,
      xLog2: true,
    }),
  };
}

/**
 * What an RL run tells while it trains, as the run's hooks: one line per evaluation through
 * `say`, and a progress line (step, batch reward, informative groups, ETA) on `progress`.
 *
 * @param cfg the run's settings (steps, prompts per step, eval samples)
 * @param out where lines and progress go, and the clock (seconds)
 */
export function rlReporting(
  cfg: Pick<RlConfig, "steps" | "promptsPerStep" | "evalSamples">,
  out: { say: (line: string) => void; progress: ProgressReporter; seconds: () => number },
): RlHooks {
  const t0 = out.seconds();
  return {
    onEval: (r) => {
      out.progress.clear();
      out.say(rlEvalLine(r, cfg.steps, { n: cfg.evalSamples, promptsPerStep: cfg.promptsPerStep }));
    },
    onStep: (s) => {
      const extra = `reward ${s.reward.toFixed(3)} | signal ${s.signal}/${cfg.promptsPerStep}`;
      const line = progressLine("rl step", s.step, cfg.steps, out.seconds() - t0, extra);
      out.progress.update(line, s.step === cfg.steps);
    },
  };
}

/**
 * The `Next:` line of `deno task rl`: sample the trained checkpoint on holdout, as lesson 1
 * measures it (64 samples per prompt, seed 1), then `deno task select --n 64` on its samples.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rlNextLine } from "./rl_story.ts";
 * assertEquals(rlNextLine("runs/rl", "data/datasets/small_holdout.jsonl"),
 *   "Next: deno task sample --checkpoint runs/rl/checkpoint.json " +
 *     "--dataset data/datasets/small_holdout.jsonl --n 64 --seed 1 (then deno task select --n 64)");
 * ```
 */
export function rlNextLine(runPath: string, holdout: string): string {
  return `Next: deno task sample --checkpoint ${runPath}/checkpoint.json --dataset ${holdout} ` +
    "--n 64 --seed 1 (then deno task select --n 64)";
}
