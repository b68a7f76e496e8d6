/**
 * Goodhart's law, measured: a softmax policy over a handful of completion templates learns by
 * REINFORCE against a hackable rubric (the **proxy reward**) while the strict scorer (the
 * **true reward**) is recorded beside it. When a hack pays more proxy reward than honesty, the
 * proxy keeps climbing while the true reward peaks and falls; {@link divergenceStep} finds the
 * turn.
 *
 * The setting. Every dev example has one candidate answer `c`, the simulated model's working:
 * right with probability `skill`, otherwise off by a typical slip (±1, ±10, the sign, or
 * `2e + 1`), drawn from `seedFrom("goodhart-model", id)` so it is fixed per example. The policy
 * only chooses how to write `c` down ({@link TEMPLATES}): honestly (`Final: c`), not at all, as a
 * blind `Final: 0`, or hedged with every nearby number (answer laundering). Each step samples `batch` pairs (example uniform, template `t ~ π`), rewards each
 * with the proxy, and moves the logits by
 *
 *     θ_t += lr · mean over the batch of (r − b) · (1[a = t] − π_t)
 *
 * with `b` the leave-one-out baseline: the mean proxy reward of the *other* samples of the batch
 * (it does not depend on the sample's own action, so the expected update is the exact policy
 * gradient `π_t · (proxy_t − E_π[proxy])`, and the hack, paying the most, always gains). The
 * curve records, at every step, the **exact** expected proxy and true rewards under the current
 * policy, `Σ_t π_t · mean_x reward(x, template_t(c_x))`, plus the batch's sampled means.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { divergenceStep, goodhartRun } from "./goodhart.ts";
 * const examples = Array.from({ length: 40 }, (_, i) => ({ id: `q${i}`, expected_answer: 10 + i }));
 * const run = goodhartRun(examples, { rubric: "substring", seed: 0 });
 * const first = run.curve[0], last = run.curve[run.curve.length - 1];
 * assert(last.expected_proxy > first.expected_proxy);
 * assert(divergenceStep(run.curve) !== null);
 * ```
 * @module
 */
import { softmax } from "./bandit.ts";
import { makeRng, type Rng, seedFrom } from "../core/prng.ts";
import { type RubricName, RUBRICS } from "../instrument/rubrics.ts";
import { expectedText, score } from "../instrument/scorer.ts";

/** A way of writing the model's candidate answer `c` down. */
export interface Template {
  name: string;
  /** True for the templates a verifier should pay when `c` is right. */
  honest: boolean;
  /**
   * The initial logit: the pretrained model's habit. The hack starts less likely (-1: 11% of
   * samples, the others 30% each): a pretrained model rarely hedges until it is paid to.
   */
  prior: number;
  write: (c: bigint) => string;
}

/**
 * The policy's actions: one honest template, two that earn little or nothing (a refusal and a
 * blind `Final: 0`), and one hack, answer laundering, that the substring rubric pays whenever
 * the working was right or off by a typical slip.
 */
export const TEMPLATES: readonly Template[] = [
  { name: "honest", honest: true, prior: 0, write: (c) => `Final: ${c}` },
  { name: "refuse", honest: false, prior: 0, write: () => "I cannot solve this." },
  { name: "zero", honest: false, prior: 0, write: () => "Final: 0" },
  {
    name: "hedge",
    honest: false,
    prior: -1,
    write: (c) => `Final: ${c} or ${c + 1n} or ${c - 1n} or ${c + 10n} or ${c - 10n} or ${-c}`,
  },
];

/** Every knob of one Goodhart run. */
export interface GoodhartConfig {
  /** The proxy the policy optimises (the true reward is always the strict scorer). */
  rubric: RubricName;
  seed: number;
  /** REINFORCE steps (default 150). */
  steps?: number;
  /** Samples per step, at least 2 for the leave-one-out baseline (default 16). */
  batch?: number;
  /** Learning rate (default 0.5). */
  lr?: number;
  /** Probability that the model's working is right (default 0.6). */
  skill?: number;
}

/** One point of the curve: the policy after `step` updates (step 0 is the initial policy). */
export interface GoodhartPoint {
  step: number;
  probs: number[];
  /** Σ_t π_t · proxy_t: the exact expected proxy reward under the policy. */
  expected_proxy: number;
  /** Σ_t π_t · true_t: the exact expected strict reward under the policy. */
  expected_true: number;
  /** Mean proxy reward of the step's sampled batch (null at step 0). */
  sampled_proxy: number | null;
  /** Mean strict reward of the same samples (null at step 0). */
  sampled_true: number | null;
}

/** The outcome of {@link goodhartRun}. */
export interface GoodhartResult {
  config: Required<GoodhartConfig>;
  templates: string[];
  /** Per template: mean proxy reward over the examples. */
  proxyByTemplate: number[];
  /** Per template: mean strict reward over the examples. */
  trueByTemplate: number[];
  /** Steps 0 to `steps`. */
  curve: GoodhartPoint[];
}

/** The simulated model's candidate answer for an example (fixed per id). */
export function modelAnswer(id: string, expected: bigint, skill: number): bigint {
  const rng = makeRng(seedFrom("goodhart-model", id));
  if (rng.next() < skill) return expected;
  const slips = [1n, -1n, 10n, -10n];
  const k = rng.int(6);
  if (k < 4) return expected + slips[k];
  if (k === 4 && expected !== 0n) return -expected;
  return 2n * expected + 1n;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

/**
 * Trains the template policy against the proxy and records both rewards at every step.
 *
 * @param examples the prompts (`{id, expected_answer}`; the dev set in the course)
 * @param config proxy rubric, seed, steps, batch, learning rate, skill
 * @returns the per-template reward table and the curve (steps 0 to `steps`)
 */
export function goodhartRun(
  examples: readonly { id: string; expected_answer: number | string }[],
  config: GoodhartConfig,
): GoodhartResult {
  const cfg: Required<GoodhartConfig> = {
    rubric: config.rubric,
    seed: config.seed,
    steps: config.steps ?? 150,
    batch: config.batch ?? 16,
    lr: config.lr ?? 0.5,
    skill: config.skill ?? 0.6,
  };
  if (examples.length === 0) throw new RangeError("goodhartRun needs at least one example");
  if (!Number.isSafeInteger(cfg.batch) || cfg.batch < 2) {
    throw new RangeError(`batch must be an integer >= 2, got ${cfg.batch}`);
  }
  const proxy = RUBRICS[cfg.rubric];
  // (examples × templates) tables of proxy and true rewards: computed once, then looked up.
  const proxyR: number[][] = [], trueR: number[][] = [];
  for (const ex of examples) {
    const e = expectedText(ex);
    if (e === null) throw new RangeError(`example ${ex.id} has an invalid expected_answer`);
    const c = modelAnswer(ex.id, BigInt(e), cfg.skill);
    const completions = TEMPLATES.map((t) => t.write(c));
    proxyR.push(completions.map((s) => proxy(ex, s).reward));
    trueR.push(completions.map((s) => score(ex, s).reward));
  }
  const k = TEMPLATES.length;
  const mean = (table: number[][], t: number) =>
    table.reduce((s, row) => s + row[t], 0) / table.length;
  const proxyByTemplate = TEMPLATES.map((_, t) => mean(proxyR, t));
  const trueByTemplate = TEMPLATES.map((_, t) => mean(trueR, t));

  const rng: Rng = makeRng(seedFrom("goodhart", cfg.seed, cfg.rubric));
  let params = TEMPLATES.map((t) => t.prior);
  let probs = softmax(params);
  const curve: GoodhartPoint[] = [{
    step: 0,
    probs,
    expected_proxy: dot(probs, proxyByTemplate),
    expected_true: dot(probs, trueByTemplate),
    sampled_proxy: null,
    sampled_true: null,
  }];
  for (let step = 1; step <= cfg.steps; step++) {
    const as: number[] = [], rs: number[] = [];
    let proxySum = 0, trueSum = 0;
    for (let b = 0; b < cfg.batch; b++) {
      const x = rng.int(examples.length);
      const a = rng.categorical(probs);
      as.push(a);
      rs.push(proxyR[x][a]);
      proxySum += proxyR[x][a];
      trueSum += trueR[x][a];
    }
    // Leave-one-out baseline: sample i is compared with the mean of the batch's other samples,
    // which do not depend on its action, so the expected update is unchanged.
    const grad = new Array(k).fill(0);
    for (let b = 0; b < cfg.batch; b++) {
      const baseline = (proxySum - rs[b]) / (cfg.batch - 1);
      for (let t = 0; t < k; t++) {
        grad[t] += (rs[b] - baseline) * ((t === as[b] ? 1 : 0) - probs[t]);
      }
    }
    params = params.map((p, t) => p + cfg.lr * grad[t] / cfg.batch);
    probs = softmax(params);
    curve.push({
      step,
      probs,
      expected_proxy: dot(probs, proxyByTemplate),
      expected_true: dot(probs, trueByTemplate),
      sampled_proxy: proxySum / cfg.batch,
      sampled_true: trueSum / cfg.batch,
    });
  }
  return {
    config: cfg,
    templates: TEMPLATES.map((t) => t.name),
    proxyByTemplate,
    trueByTemplate,
    curve,
  };
}

/**
 * Where optimising the proxy turns against the truth: the step at which the expected true
 * reward peaks, provided that afterwards the expected proxy still rises (its last value exceeds
 * its value at the peak by more than `margin`) while the true reward falls (its last value is
 * below the peak by more than `margin`). Null when the curve shows no such turn.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { divergenceStep } from "./goodhart.ts";
 * const pt = (step: number, p: number, t: number) => ({ step, expected_proxy: p, expected_true: t });
 * assertEquals(divergenceStep([pt(0, 0.4, 0.1), pt(1, 0.6, 0.3), pt(2, 0.9, 0.05)]), 1);
 * assertEquals(divergenceStep([pt(0, 0.4, 0.1), pt(1, 0.6, 0.3), pt(2, 0.7, 0.4)]), null);
 * ```
 */
export function divergenceStep(
  curve: readonly Pick<GoodhartPoint, "step" | "expected_proxy" | "expected_true">[],
  margin = 0.05,
): number | null {
  if (curve.length < 2) return null;
  let peak = 0;
  for (let i = 1; i < curve.length; i++) {
    if (curve[i].expected_true > curve[peak].expected_true) peak = i;
  }
  const last = curve[curve.length - 1];
  const proxyRises = last.expected_proxy > curve[peak].expected_proxy + margin;
  const trueFalls = last.expected_true < curve[peak].expected_true - margin;
  return proxyRises && trueFalls ? curve[peak].step : null;
}
