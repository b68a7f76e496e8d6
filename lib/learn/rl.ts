/**
 * Loop C on the course's own policy: on-policy RL with a verifiable reward.
 *
 * Reading order, one sitting from a flag to the weights (sample → score → advantage → loss →
 * gradient → Adam):
 * - this file, `runRl`: the loop below, and `groupAdvantages` (A = r − mean of the group);
 * - lib/policy/sampler.ts: a completion drawn token by token from the current policy;
 * - lib/policy/policy_gradient.ts: the surrogate loss and its exact gradient (β enters here);
 * - lib/policy/sequence.ts: the forward pass over a completion that records a tape, and its
 *   backward pass;
 * - lib/policy/gru.ts: one GRU step forward and backward, the output layer, log-softmax;
 * - lib/policy/adam.ts: the update of the flat parameter vector.
 *
 * (That is the reference engine, the code to read. The commands run the same steps batched on
 * the fast engine: lib/learn/rl_engines.ts says which function does each; see below.)
 *
 * What runs, each step:
 * 1. draw `promptsPerStep` prompts from the training set (a seeded shuffle, one epoch after
 *    another; holdout is never drawn);
 * 2. sample `groupSize` completions per prompt from the **current** policy (on-policy: the
 *    samples are used once, by the update they were drawn for);
 * 3. score each with the chosen rubric (the strict scorer by default): reward r ∈ {0, 1};
 * 4. advantage A_i = r_i − mean(r of its group): the per-prompt baseline, with no critic and no
 *    division by the group's standard deviation. A group whose rewards are all equal has A = 0
 *    for every completion and gives no gradient; it still counts in the batch size N, so a step
 *    with few informative groups is a small step, not a rescaled one. `signal` in the step log
 *    counts the informative groups;
 * 5. one Adam step on the surrogate of lib/policy/policy_gradient.ts,
 *    L = (1/N) Σ_i [−A_i Σ_t log π(y_t | x, y_<t) + β Σ_t KL_t], from a **fresh** optimizer state
 *    (the supervised run's moments are not carried over).
 *
 * What it is not: no PPO ratio or clipping (each batch is used for exactly one step, so the ratio
 * would be 1), no value network, no reward normalisation, no entropy bonus. The KL leash is
 * optional (β = 0 by default) and exact (a sum over the vocabulary).
 *
 * Every `evalEvery` steps (and at step 0) the policy is measured with lib/learn/rl_eval.ts on a
 * fixed dev subset and on holdout. At a temperature T ≠ 1 the samples come from
 * softmax(logits / T) and the loss differentiates that distribution's log-probabilities (the
 * policy it sampled from: on-policy at any temperature, as verl and OpenRLHF do).
 *
 * Two engines run the same algorithm on the same streams: `"fast"` (the default: the weights
 * stay in the wasm kernels' memory in float32; lib/policy/batch_sampler.ts,
 * lib/policy/policy_gradient_fast.ts, lib/learn/rl_eval_fast.ts) and `"reference"` (float64, one
 * sample at a time). Each is deterministic: the same inputs, seed and engine give the same curve
 * and the same weights, bit for bit.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { buildVocab, encodeText } from "../policy/vocab.ts";
 * import { RL_DEFAULTS, runRl } from "./rl.ts";
 * const vocab = buildVocab(["Compute 1+1.", "Final: 2 3"]);
 * const params = initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0));
 * const ex = { id: "a", prompt: "Compute 1+1.", expected_answer: 2, ids: encodeText(vocab, "Compute 1+1.") };
 * const cfg = { ...RL_DEFAULTS, steps: 2, promptsPerStep: 1, groupSize: 2, evalEvery: 1, evalPrompts: 1, evalSamples: 2, maxTokens: 4 };
 * const a = runRl({ params, vocab }, [ex], [ex], cfg), b = runRl({ params, vocab }, [ex], [ex], cfg);
 * assertEquals([a.curve.length, a.params.flat], [3, b.params.flat]);
 * ```
 * @module
 */
import { makeRng, seedFrom } from "../core/prng.ts";
import { type RubricName, RUBRICS } from "../instrument/rubrics.ts";
import type { GruParams } from "../policy/gru.ts";
import type { SamplerPolicy } from "../policy/sampler.ts";
import { type Engine, fastShape, mark, release } from "../policy/kernels.ts";
import type { Group } from "../policy/policy_gradient.ts";
import type { EvalSnapshot, RlExample } from "./rl_eval.ts";
import { fastEngine, referenceEngine, type RlEngine } from "./rl_engines.ts";
import { assertFiniteStep } from "../policy/finite.ts";

/** Every knob of a run. */
export interface RlConfig {
  steps: number;
  promptsPerStep: number;
  groupSize: number;
  /** Adam's learning rate (constant). */
  lr: number;
  /** Weight of the exact per-token KL to the reference (0: no leash). */
  beta: number;
  /** The rubric whose reward is optimised. */
  rubric: RubricName;
  temperature: number;
  /** Cap on a completion's tokens. */
  maxTokens: number;
  seed: number;
  /** Evaluate every this many steps (and at step 0 and the last step). */
  evalEvery: number;
  /** Size of the fixed dev subset evaluated (the first prompts of the training set). */
  evalPrompts: number;
  /** Samples per prompt in an evaluation. */
  evalSamples: number;
}

/** The defaults of `deno task rl`. */
export const RL_DEFAULTS: RlConfig = {
  steps: 120,
  promptsPerStep: 16,
  groupSize: 8,
  lr: 5e-4,
  beta: 0,
  rubric: "strict",
  temperature: 1,
  maxTokens: 48,
  seed: 0,
  evalEvery: 10,
  evalPrompts: 48,
  evalSamples: 8,
};

/** One training step, as logged. */
export interface StepRow {
  step: number;
  /** Mean rubric reward of the step's samples. */
  reward: number;
  /** Groups whose rewards were not all equal (the only ones with a gradient when β = 0). */
  signal: number;
  /** The surrogate's value before the update. */
  loss: number;
  /** The gradient's L2 norm. */
  grad_norm: number;
}

/** One evaluation, as written to curve.jsonl (dev subset, then holdout). */
export interface CurveRow {
  step: number;
  proxy: number;
  strict: number;
  strict_greedy: number;
  holdout: number;
  holdout_greedy: number;
  pass_at_n: number;
  holdout_pass_at_n: number;
  kl: number;
  entropy: number;
  length: number;
  /** Mean rubric reward of the training samples since the previous evaluation (null at 0). */
  train_reward: number | null;
  /** Mean informative groups per step since the previous evaluation (null at 0). */
  signal: number | null;
  codes: Record<string, number>;
}

/** A finished run: the trained weights, the evaluations and the step log. */
export interface RlResult {
  params: GruParams;
  curve: CurveRow[];
  steps: StepRow[];
}

/** Progress callbacks (for a CLI's progress line); they must not change anything. */
export interface RlHooks {
  onStep?: (row: StepRow) => void;
  onEval?: (row: CurveRow) => void;
  /** Each step's groups as sampled and scored: prompt id, completions, rewards. */
  onGroups?: (step: number, groups: LoggedGroup[]) => void;
}

/** One prompt's group of a training step, as {@link RlHooks.onGroups} receives it. */
export interface LoggedGroup {
  id: string;
  completions: string[];
  rewards: number[];
}

/**
 * The advantages of one group (step 4 of the module doc): `A_i = r_i − mean(r)`, the reward of
 * each completion minus the mean reward of the completions sampled for the same prompt. They sum
 * to 0; a group whose rewards are all equal gets A = 0 everywhere (no gradient).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { groupAdvantages } from "./rl.ts";
 * assertEquals(groupAdvantages([1, 0, 0, 1]), [0.5, -0.5, -0.5, 0.5]);
 * assertEquals(groupAdvantages([0, 0, 0]), [0, 0, 0]);
 * ```
 */
export function groupAdvantages(rewards: readonly number[]): number[] {
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  return rewards.map((r) => r - mean);
}

function curveRow(step: number, dev: EvalSnapshot, ho: EvalSnapshot, since: StepRow[]): CurveRow {
  const mean = (xs: number[]) => xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    step,
    proxy: dev.proxy,
    strict: dev.strict,
    strict_greedy: dev.greedy,
    holdout: ho.strict,
    holdout_greedy: ho.greedy,
    pass_at_n: dev.passAtN,
    holdout_pass_at_n: ho.passAtN,
    kl: dev.kl,
    entropy: dev.entropy,
    length: dev.length,
    train_reward: mean(since.map((s) => s.reward)),
    signal: mean(since.map((s) => s.signal)),
    codes: dev.codes,
  };
}

/**
 * Trains a copy of `policy` (the original is the frozen reference) on `train`, measuring on
 * the first `evalPrompts` of `train` and on `holdout`. See the module doc for the algorithm.
 */
export function runRl(
  policy: SamplerPolicy,
  train: readonly RlExample[],
  holdout: readonly RlExample[],
  cfg: RlConfig,
  hooks: RlHooks = {},
  engine: Engine = "fast",
): RlResult {
  const top = mark();
  try {
    const fast = engine === "fast" && fastShape(policy.params.cfg);
    return loop(
      fast ? fastEngine(policy, cfg) : referenceEngine(policy, cfg),
      train,
      holdout,
      cfg,
      hooks,
    );
  } finally {
    release(top);
  }
}

function loop(
  e: RlEngine,
  train: readonly RlExample[],
  holdout: readonly RlExample[],
  cfg: RlConfig,
  hooks: RlHooks,
): RlResult {
  const rubric = RUBRICS[cfg.rubric];
  const evalSet = train.slice(0, cfg.evalPrompts);
  const evalOpts = {
    samples: cfg.evalSamples,
    temperature: cfg.temperature,
    maxTokens: cfg.maxTokens,
    seed: cfg.seed,
    rubric: cfg.rubric,
  };
  const curve: CurveRow[] = [], steps: StepRow[] = [];
  let since: StepRow[] = [];
  const evaluate = (step: number) => {
    const row = curveRow(step, e.evaluate(evalSet, evalOpts), e.evaluate(holdout, evalOpts), since);
    curve.push(row);
    since = [];
    hooks.onEval?.(row);
  };
  evaluate(0);
  let order: number[] = [], cursor = 0, epoch = 0;
  const nextPrompt = (): RlExample => {
    if (cursor >= order.length) { // a fresh seeded shuffle per epoch
      const rng = makeRng(seedFrom("rl-order", cfg.seed, epoch++));
      order = train.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      cursor = 0;
    }
    return train[order[cursor++]];
  };
  for (let step = 1; step <= cfg.steps; step++) {
    const exs = Array.from({ length: cfg.promptsPerStep }, () => nextPrompt());
    const drawn = e.sample(
      exs.map((ex, k) => ({ ids: ex.ids, key: `train/${step}/${k}/${ex.id}` })),
    );
    const logged: LoggedGroup[] = [];
    let rewardSum = 0, signal = 0;
    const groups: Group[] = exs.map((ex, k) => {
      const rewards = drawn[k].map((s) => rubric(ex, s.text).reward as number);
      const advantages = groupAdvantages(rewards);
      rewardSum += rewards.reduce((a, b) => a + b, 0);
      if (rewards.some((r) => r !== rewards[0])) signal++;
      logged.push({ id: ex.id, completions: drawn[k].map((s) => s.text), rewards });
      return {
        prompt: ex.ids,
        rollouts: drawn[k].map((s, i) => ({ tokens: s.tokens, advantage: advantages[i] })),
      };
    });
    hooks.onGroups?.(step, logged);
    const { loss, norm, weights } = e.step(groups);
    assertFiniteStep("rl", step, loss, weights); // exit 2, before any checkpoint is written
    const row: StepRow = {
      step,
      reward: rewardSum / (cfg.promptsPerStep * cfg.groupSize),
      signal,
      loss,
      grad_norm: norm,
    };
    steps.push(row);
    since.push(row);
    hooks.onStep?.(row);
    if (step % cfg.evalEvery === 0 || step === cfg.steps) evaluate(step);
  }
  return { params: e.params(), curve, steps };
}
