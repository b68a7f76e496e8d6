/**
 * The views the notebooks show of the course's own policy: table rows for a completion token by
 * token, the near-miss variants, one scored group, the gradient connection of one update, the
 * gain of RL over the base at each k, and the RL loop beside what one run did at each line.
 * Pure: numbers stay numbers (the notebook's `table()` formats them), whitespace is made visible.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { groupRows } from "./policy_views.ts";
 * const rows = groupRows({ completions: ["Final: 9", "Final:  9"], rewards: [1, 0], advantages: [0.5, -0.5] });
 * assertEquals(rows[1], { sample: 1, completion: "Final:␣␣9", reward: 0, advantage: -0.5 });
 * ```
 * @module
 */
import { visible } from "../core/visible.ts";
import type { Explanation } from "../learn/explain.ts";
import type { SelectionVsLearning } from "../learn/lessons.ts";
import type { RlConfig } from "../learn/rl.ts";
import type { ScoredGroup } from "./rl_lab.ts";
import type { RlExperiment } from "../experiments/rl.ts";
import { RL_POLICY_LOOP } from "../learn/rlvr_loop.ts";
import type { CompletionLogprobs, VariantRow } from "../policy/logprobs.ts";
import { f3 } from "../present/format.ts";

/** A completion token by token: position, token, cl100k id, log π and π of each action. */
export function tokenRows(lp: CompletionLogprobs): Record<string, string | number>[] {
  return lp.tokens.map((t, i) => ({
    t: i,
    token: t.shown,
    cl100k: t.id,
    "log π(y_t | prefix)": t.logprob,
    "π(y_t | prefix)": t.prob,
  }));
}

/** The variants side by side: tokens, their count, log π(y|x), π(y|x), reward and code. */
export function variantRows(rows: readonly VariantRow[]): Record<string, string | number>[] {
  return rows.map((r) => ({
    variant: r.shown,
    tokens: r.missing === null ? r.tokens.map((t) => t.shown).join(" · ") : "(not in vocabulary)",
    count: r.tokens.length,
    "log π(y|x)": r.logprob,
    "π(y|x)": Math.exp(r.logprob),
    reward: r.reward,
    code: r.code,
  }));
}

/**
 * One group as an RL step sees it: each sample, its strict reward and its advantage, and, when
 * the group has them, how many actions the episode took and how it ended (the end token, or the
 * cap on a completion's length).
 */
export function groupRows(
  g:
    & Pick<ScoredGroup, "completions" | "rewards" | "advantages">
    & Partial<Pick<ScoredGroup, "lengths" | "finish">>,
): Record<string, string | number>[] {
  return g.completions.map((c, i) => ({
    sample: i,
    completion: visible(c, { unicode: false }),
    reward: g.rewards[i],
    advantage: g.advantages[i],
    ...(g.lengths ? { actions: g.lengths[i] } : {}),
    ...(g.finish ? { "ended by": g.finish[i] === "stop" ? "<|end|>" : "the cap" } : {}),
  }));
}

/**
 * The gradient connection per token: π before, the push on the token's own logit A·(1 − π), the
 * size of its log-probability gradient, π after one step, and the change.
 */
export function explainRows(e: Explanation): Record<string, string | number>[] {
  return e.rows.map((r) => ({
    t: r.t,
    token: r.token,
    "π before": r.prob_before,
    "A·(1−π) push": r.logit_push,
    "‖∇ log π‖": r.grad_norm,
    "π after": r.prob_after,
    change: r.prob_after - r.prob_before,
  }));
}

/** Lesson 2 at chosen k: the base's and the trained policy's pass@k, and the gain. */
export function gainRows(
  s: SelectionVsLearning,
  ks: readonly number[] = [1, 2, 4, 8, 16, 32, 64],
): Record<string, number>[] {
  return s.gains.filter((g) => ks.includes(g.k)).map((g) => ({
    k: g.k,
    base: g.base,
    "after RL": g.trained,
    "gain (points)": 100 * g.gain,
  }));
}

/** What one line of the loop did in a run, keyed by the line's call. */
function measured(
  sizes: { train: number; holdout: number },
  cfg: RlConfig,
  exp: RlExperiment,
): Record<string, string> {
  const { steps, curve } = exp.result;
  const first = curve[0], last = curve[curve.length - 1];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const signal = mean(steps.map((s) => s.signal));
  return {
    loadPolicyLab: `${sizes.train} training prompts; ${sizes.holdout} holdout prompts, never drawn`,
    runRl: `${cfg.steps} steps × ${cfg.promptsPerStep} prompts, seed ${cfg.seed}`,
    sampleOne: `${cfg.steps * cfg.promptsPerStep * cfg.groupSize} completions at temperature ` +
      `${cfg.temperature}, ${cfg.groupSize} per prompt`,
    score: `rubric ${cfg.rubric}; mean reward ${f3(steps[0]?.reward ?? 0)} at step 1, ` +
      `${f3(steps[steps.length - 1]?.reward ?? 0)} at step ${steps.length}`,
    groupAdvantages: `${signal.toFixed(1)} of ${cfg.promptsPerStep} groups per step had unequal ` +
      "rewards (the rest gave no gradient)",
    surrogateGradient:
      `β = ${cfg.beta}; gradient norm ${f3(mean(steps.map((s) => s.grad_norm)))} ` +
      "on average",
    adamStep: `lr ${cfg.lr}, ${steps.length} steps`,
    evaluatePolicy: `${curve.length} evaluations: holdout strict ${f3(first.holdout)} → ` +
      `${f3(last.holdout)}, KL to the base ${f3(first.kl)} → ${f3(last.kl)} nats`,
  };
}

/**
 * The RL loop on the course's own policy ({@link RL_POLICY_LOOP}), each line beside its call
 * and what that line did in the run `exp` made with `cfg` on `sizes` prompts.
 */
export function rlLoopRows(
  sizes: { train: number; holdout: number },
  cfg: RlConfig,
  exp: RlExperiment,
): Record<string, string>[] {
  const did = measured(sizes, cfg, exp);
  return RL_POLICY_LOOP.map((l) => ({
    pseudocode: l.pseudocode,
    "course call": `${l.call}()`,
    "in this run": did[l.call] ?? "",
  }));
}
