/**
 * Two charts of Loop C's lessons on the course's own policy: proxy vs strict over an RL run with
 * the step where they part marked (lesson 4, Goodhart), and the reward–KL frontier of a β sweep
 * of the real sequence policy, proxy and strict reward against the KL to the base (lesson 4, the
 * leash), to read beside M3's closed-form frontier.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sequenceFrontierChart } from "./rl_lesson_charts.ts";
 * const spec = sequenceFrontierChart([{ beta: 0, proxy: 0.6, strict: 0.1, kl: 4 },
 *   { beta: 1, proxy: 0.5, strict: 0.3, kl: 0.1 }], "substring");
 * assertEquals(spec.data.values.length, 4); // two measures per β
 * ```
 * @module
 */
import { goodhartLesson } from "../learn/lessons.ts";
import { frame, markStep, type VegaLiteSpec } from "./chart_spec.ts";
import { proxyStrictChart } from "./rl_story.ts";

/**
 * Proxy and strict (dev, holdout) over an RL run's evaluations, with a dashed rule at the
 * divergence step of lib/learn/lessons.ts's `goodhartLesson` (the first evaluation from which
 * strict stays below its start while the proxy stays at or above its own), when there is one.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { markedProxyStrictChart } from "./rl_lesson_charts.ts";
 * const row = (step: number, proxy: number, strict: number) =>
 *   ({ step, proxy, strict, holdout: strict, kl: 0, codes: {} });
 * const spec = markedProxyStrictChart([row(0, 0.5, 0.3), row(10, 0.6, 0.2)], "substring");
 * assertEquals((spec.layer as unknown[]).length, 3);
 * ```
 */
export function markedProxyStrictChart(
  curve: readonly {
    step: number;
    proxy: number;
    strict: number;
    holdout: number;
    kl: number;
    codes: Record<string, number>;
  }[],
  rubric: string,
): VegaLiteSpec {
  const spec = proxyStrictChart(curve, rubric);
  const turn = goodhartLesson(curve).divergeStep;
  return turn === null ? spec : markStep(spec, turn, `divergence: step ${turn}`);
}

/** One end point of a β sweep's run. */
export interface SweepPoint {
  beta: number;
  proxy: number;
  strict: number;
  kl: number;
}

/**
 * The reward–KL frontier of a real sequence policy: for each β of a sweep, the run's final proxy
 * reward and strict pass rate (y) against its KL to the base (x, nats per completion), one line
 * per measure joined in order of β, each point labelled `β=…`.
 */
export function sequenceFrontierChart(
  points: readonly SweepPoint[],
  rubric: string,
): VegaLiteSpec {
  const proxy = `proxy (${rubric})`;
  const values = points.flatMap((p) => [
    { beta: p.beta, kl: p.kl, reward: p.proxy, measure: proxy, label: `β=${p.beta}` },
    { beta: p.beta, kl: p.kl, reward: p.strict, measure: "strict", label: `β=${p.beta}` },
  ]);
  return {
    ...frame({
      title: "Reward vs KL to the base: a β sweep of the tiny policy",
      subtitle: "each point: one RL run's last evaluation; small β buys proxy reward with KL",
      xTitle: "KL(π‖π_base) (nats per completion)",
      yTitle: "reward (share of samples)",
    }),
    data: { values },
    encoding: {
      x: { field: "kl", type: "quantitative", title: "KL(π‖π_base) (nats per completion)" },
      y: {
        field: "reward",
        type: "quantitative",
        title: "reward (share of samples)",
        scale: { domain: [0, 1] },
      },
      color: {
        field: "measure",
        type: "nominal",
        title: "measure",
        legend: { orient: "right", labelLimit: 400, titleLimit: 400 },
      },
      order: { field: "beta", type: "quantitative" },
    },
    layer: [
      { mark: { type: "line" } },
      { mark: { type: "point", filled: true, size: 60 } },
      {
        mark: { type: "text", align: "left", dx: 6, dy: -6, fontSize: 11 },
        encoding: { text: { field: "label", type: "nominal" } },
      },
    ],
  };
}
