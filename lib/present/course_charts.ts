/**
 * The course's two named charts, built on lib/present/chart_spec.ts's line chart: the reward-vs-KL
 * frontier of M3 and the pass@k curves of M0.5.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passAtKChart } from "./course_charts.ts";
 * assertEquals(passAtKChart({ rows: [{ k: 1, unbiased: 0.2, naive: 0.2 }] }).encoding.x.scale,
 *   { type: "log", base: 2 });
 * ```
 * @module
 */
import { type ChartText, frame, lineChart, type LineRow, type VegaLiteSpec } from "./chart_spec.ts";

/** One point of the reward-vs-KL frontier: the optimal policy for one β. */
export interface FrontierRow {
  beta: number;
  /** E_π[r] under the policy found for this β. */
  reward: number;
  /** KL(π‖π_ref) of that policy, in nats. */
  kl: number;
}

/** Options of {@link frontierChart}; the texts default to the course's words. */
export interface FrontierChartOptions extends Partial<ChartText> {
  /** One row per β, any order; the line joins them in order of β. */
  rows: readonly FrontierRow[];
}

/**
 * The reward-vs-KL frontier: one dot per β (labelled `β=…`), joined in order of β, KL on x and
 * expected reward on y. Small β buys reward with KL; large β stays near π_ref.
 *
 * KL spans several decades over a β sweep (7 nats at β = 0, 10⁻⁵ at β = 10), so x is on a
 * symmetric log scale from 0: linear up to the smallest positive KL of the rows, logarithmic
 * above it, every point apart from the others and the knee in view. Labels alternate, in order
 * of KL, right-below and left-above their dot, so neighbours do not write over each other.
 *
 * @param opts rows `{beta, reward, kl}`; title and axis titles have defaults
 * @returns a Vega-Lite v5 spec
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { frontierChart } from "./course_charts.ts";
 * const spec = frontierChart({
 *   rows: [{ beta: 0.1, reward: 0.9, kl: 1.2 }, { beta: 1, reward: 0.5, kl: 0.01 }],
 * });
 * assertEquals(spec.title.text, "Expected reward vs KL to the reference policy");
 * assertEquals(spec.encoding.x.title, "KL(π‖π_ref) (nats, symmetric log scale)");
 * assertEquals(spec.encoding.x.scale, { type: "symlog", constant: 0.01, domain: [0, 1.2] });
 * ```
 */
export function frontierChart(opts: FrontierChartOptions): VegaLiteSpec {
  const text: ChartText = {
    ...opts,
    title: opts.title ?? "Expected reward vs KL to the reference policy",
    xTitle: opts.xTitle ?? "KL(π‖π_ref) (nats, symmetric log scale)",
    yTitle: opts.yTitle ?? "expected reward E_π[r]",
  };
  const kls = opts.rows.map((r) => r.kl).filter((k) => k > 0);
  const constant = kls.length === 0 ? 1 : Math.max(Math.min(...kls), 1e-6);
  const max = Math.max(constant, ...kls);
  const ticks = [0];
  for (let t = 10 ** Math.ceil(Math.log10(constant)); t <= max; t *= 10) ticks.push(t);
  const byKl = [...opts.rows].sort((a, b) => a.kl - b.kl || b.beta - a.beta);
  const values = opts.rows.map((r) => ({
    beta: r.beta,
    reward: r.reward,
    kl: r.kl,
    label: `β=${r.beta}`,
    side: byKl.indexOf(r) % 2 === 0 ? "right" : "left",
  }));
  const label = (side: string, mark: Record<string, unknown>) => ({
    transform: [{ filter: `datum.side === '${side}'` }],
    mark: { type: "text", fontSize: 11, ...mark },
    encoding: { text: { field: "label", type: "nominal" } },
  });
  return {
    ...frame(text),
    data: { values },
    encoding: {
      x: {
        field: "kl",
        type: "quantitative",
        title: text.xTitle,
        scale: { type: "symlog", constant, domain: [0, max] },
        axis: { values: ticks, format: "~g" },
      },
      y: { field: "reward", type: "quantitative", title: text.yTitle, scale: { zero: false } },
      order: { field: "beta", type: "quantitative" },
    },
    layer: [
      { mark: { type: "line", color: "#4c78a8" } },
      { mark: { type: "point", filled: true, size: 60, color: "#4c78a8" } },
      label("right", { align: "left", baseline: "top", dx: 6, dy: 4 }),
      label("left", { align: "right", baseline: "bottom", dx: -6, dy: -4 }),
    ],
  };
}

/** pass@k at one k: the unbiased estimate and the naive `1 − (1 − p)^k`. */
export interface PassAtKRow {
  k: number;
  /** The unbiased estimator `1 − C(n−c, k)/C(n, k)`. */
  unbiased: number;
  /** The naive plug-in `1 − (1 − c/n)^k`. */
  naive: number;
}

/** Options of {@link passAtKChart}; the texts default to the course's words. */
export interface PassAtKChartOptions extends Partial<ChartText> {
  rows: readonly PassAtKRow[];
}

/**
 * Legend label of the unbiased series in {@link passAtKChart}: the mean over prompts of each
 * prompt's estimate (n samples, c of them correct), as lib/select/passk.ts computes it.
 */
export const PASS_AT_K_UNBIASED = "unbiased: mean over prompts of 1 − C(n−c,k)/C(n,k)";
/**
 * Legend label of the naive series in {@link passAtKChart}: one pass rate p̂ for every prompt
 * (the mean per-sample pass rate), as lib/select/passk.ts's `naivePassAtK` uses it.
 */
export const PASS_AT_K_NAIVE = "naive: 1 − (1 − p̂)^k, p̂ = mean per-sample pass rate";

/**
 * pass@k over k, two curves: the unbiased estimate and the naive `1 − (1 − p̂)^k`, on a [0, 1]
 * y axis and a log₂ k axis, with dots at each k.
 *
 * @param opts rows `{k, unbiased, naive}`; title and axis titles have defaults
 * @returns a Vega-Lite v5 spec (a {@link lineChart} of the two series)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { passAtKChart } from "./course_charts.ts";
 * const spec = passAtKChart({ rows: [{ k: 1, unbiased: 0.3, naive: 0.3 }] });
 * assertEquals(spec.data.values.length, 2); // one row per (k, series)
 * assertEquals(spec.encoding.x.title, "k (samples per prompt)");
 * ```
 */
export function passAtKChart(opts: PassAtKChartOptions): VegaLiteSpec {
  const rows: LineRow[] = opts.rows.flatMap((r) => [
    { x: r.k, y: r.unbiased, series: PASS_AT_K_UNBIASED },
    { x: r.k, y: r.naive, series: PASS_AT_K_NAIVE },
  ]);
  return lineChart({
    ...opts,
    title: opts.title ?? "pass@k: unbiased estimate vs naive formula",
    xTitle: opts.xTitle ?? "k (samples per prompt)",
    yTitle: opts.yTitle ?? "pass@k",
    rows,
    seriesTitle: "estimator",
    yDomain: [0, 1],
    points: true,
    xLog2: true,
  });
}
