/**
 * Loop C on the tiny policy, one call per notebook cell (reads the shipped data): the base
 * checkpoint and the small environment, the shipped default runs, one scored group of samples,
 * a notebook-sized RL run, the holdout pass@k of any policy, the β sweep, and the
 * frozen-vs-fresh comparison of lesson 3. Each returns data; the notebooks display it with
 * lib/present/.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { RL_NOTEBOOK } from "./rl_lab.ts";
 * assertEquals(RL_NOTEBOOK.rubric, "strict");
 * ```
 * @module
 */
import { readJsonl } from "../core/jsonl.ts";
import { dataPath } from "../core/paths.ts";
import { score } from "../instrument/scorer.ts";
import type { RubricName } from "../instrument/rubrics.ts";
import { loadCheckpoint, type Policy } from "../policy/checkpoint.ts";
import { readPrompt, sampleOne, samplingOptions } from "../policy/sampler.ts";
import { passAtKCurve } from "../select/passk.ts";
import { betaFrontier, type PassAtK } from "../learn/lessons.ts";
import {
  type CurveRow,
  groupAdvantages,
  RL_DEFAULTS,
  type RlConfig,
  type RlResult,
  runRl,
} from "../learn/rl.ts";
import type { RlExample } from "../learn/rl_eval.ts";
import { loadRlExamples, type RlExperiment, rlExperimentFrom } from "../experiments/rl.ts";
import { paramsView } from "../policy/gru.ts";
import { exactJson, type MemoCodec, memoized } from "./host.ts";

/** The notebook-sized run: a few seconds on a laptop core, the same algorithm as the default. */
export const RL_NOTEBOOK: RlConfig = {
  ...RL_DEFAULTS,
  steps: 40,
  promptsPerStep: 8,
  groupSize: 8,
  lr: 2e-3,
  evalEvery: 10,
  evalPrompts: 24,
  evalSamples: 4,
};

/** The shipped base policy and the small environment, ready for RL. */
export interface PolicyLab {
  base: Policy;
  train: RlExample[];
  holdout: RlExample[];
}

/** Loads data/policy/base.json with small_dev (training) and small_holdout (measured). */
export async function loadPolicyLab(checkpoint = dataPath("policy/base.json")): Promise<PolicyLab> {
  const base = await loadCheckpoint(checkpoint);
  const train = (await loadRlExamples(dataPath("datasets/small_dev.jsonl"), base)).examples;
  const holdout = (await loadRlExamples(dataPath("datasets/small_holdout.jsonl"), base)).examples;
  return { base, train, holdout };
}

/** The default runs of `deno task rl` shipped in data/policy/ (re-made by `deno task rl --check`). */
export type ShippedRun = "rl_strict" | "rl_substring";

/**
 * A shipped default run: its trained policy (`data/policy/<name>/checkpoint.json`) and its
 * evaluations (`curve.jsonl`), as the run wrote them.
 */
export async function loadShippedRun(
  name: ShippedRun,
): Promise<{ policy: Policy; curve: CurveRow[] }> {
  const policy = await loadCheckpoint(dataPath(`policy/${name}/checkpoint.json`));
  const rows = await readJsonl(dataPath(`policy/${name}/curve.jsonl`));
  return { policy, curve: rows.map((r) => r.value as CurveRow) };
}

/** One prompt's group, as one RL step sees it: completions, strict rewards, advantages. */
export interface ScoredGroup {
  completions: string[];
  rewards: number[];
  /** r_i − mean(r) ({@link groupAdvantages}). */
  advantages: number[];
}

/**
 * `n` samples of one prompt from `policy` at `temperature` (default 1), scored by the strict
 * scorer, with their group advantages. Sample `i` comes from the stream `deno task sample` uses
 * for the prompt's id, `seed` and `i`, so it is that command's sample `i`.
 */
export function sampleGroup(
  policy: Policy,
  example: RlExample,
  opts: { n: number; seed: number; temperature?: number },
): ScoredGroup {
  const s = samplingOptions({
    n: opts.n,
    temperature: opts.temperature ?? 1,
    max_tokens: RL_DEFAULTS.maxTokens,
    seed: opts.seed,
  });
  const state = readPrompt(policy, example.ids);
  const completions = Array.from(
    { length: opts.n },
    (_, i) => sampleOne(policy, state, s, example.id, i).text,
  );
  const rewards = completions.map((c) => score(example, c).reward as number);
  return { completions, rewards, advantages: groupAdvantages(rewards) };
}

/**
 * What a policy's computations read of it: its name, weights and vocabulary (not the path it was
 * loaded from), the inputs {@link memoized} keys on.
 */
function policyInputs(p: Policy) {
  return { name: p.name, sha256: p.sha256, cfg: p.params.cfg, flat: p.params.flat, vocab: p.vocab };
}

/**
 * A notebook-sized run ({@link RL_NOTEBOOK}, with `overrides`) on the lab's base. In the grading
 * sandbox the training is read back, exactly, when the grader already made it from the same
 * inputs (lib/course/host.ts's `memoized`): every student's notebook repeats these runs.
 */
export function notebookRlRun(lab: PolicyLab, overrides: Partial<RlConfig> = {}): RlExperiment {
  const cfg = { ...RL_NOTEBOOK, ...overrides };
  const inputs = { base: policyInputs(lab.base), train: lab.train, holdout: lab.holdout, cfg };
  const result = memoized(
    "runRl",
    inputs,
    () => runRl(lab.base, lab.train, lab.holdout, cfg),
    RL_RESULT_CODEC,
  );
  return rlExperimentFrom(lab.base, cfg, result);
}

/** An RL result as text, exactly: its weights by their bytes, its rows as JSON. */
const RL_RESULT_CODEC: MemoCodec<RlResult> = {
  encode: (r) =>
    exactJson<unknown>().encode({
      cfg: r.params.cfg,
      flat: r.params.flat,
      curve: r.curve,
      steps: r.steps,
    }),
  decode: (text) => {
    const v = exactJson<
      {
        cfg: RlResult["params"]["cfg"];
        flat: Float64Array;
        curve: RlResult["curve"];
        steps: RlResult["steps"];
      }
    >()
      .decode(text);
    return { params: paramsView(v.cfg, v.flat), curve: v.curve, steps: v.steps };
  },
};

/**
 * Unbiased pass@k (k = 1 … n) of `policy` on `examples` from `n` samples per prompt at
 * `temperature`, streams keyed by prompt id and `seed` exactly as `deno task sample` keys them
 * (so it equals `sample` + `select` with the same settings).
 */
export function passAtKOf(
  policy: Policy,
  examples: readonly RlExample[],
  opts: { n: number; seed: number; temperature?: number; maxTokens?: number },
): PassAtK {
  const inputs = { policy: policyInputs(policy), examples, opts };
  return memoized(
    "passAtKOf",
    inputs,
    () => samplePassAtK(policy, examples, opts),
    exactJson<PassAtK>(),
  );
}

function samplePassAtK(
  policy: Policy,
  examples: readonly RlExample[],
  opts: { n: number; seed: number; temperature?: number; maxTokens?: number },
): PassAtK {
  const s = samplingOptions({
    n: opts.n,
    temperature: opts.temperature ?? 1,
    max_tokens: opts.maxTokens ?? RL_DEFAULTS.maxTokens,
    seed: opts.seed,
  });
  const correct = examples.map((ex) => {
    const state = readPrompt(policy, ex.ids);
    let c = 0;
    for (let i = 0; i < s.n; i++) c += score(ex, sampleOne(policy, state, s, ex.id, i).text).reward;
    return c;
  });
  const curve = passAtKCurve(examples.map(() => s.n), correct);
  return Object.fromEntries(curve.map((p) => [String(p.k), p.unbiased]));
}

/** Lesson 4's sweep: one notebook-sized run per β with a hackable rubric, and the frontier. */
export function betaSweep(
  lab: PolicyLab,
  betas: readonly number[],
  rubric: RubricName = "substring",
  overrides: Partial<RlConfig> = {},
): { runs: { beta: number; run: RlExperiment }[]; frontier: ReturnType<typeof betaFrontier> } {
  const runs = betas.map((beta) => ({
    beta,
    run: notebookRlRun(lab, { ...overrides, rubric, beta }),
  }));
  return {
    runs,
    frontier: betaFrontier(runs.map((r) => ({ beta: r.beta, curve: r.run.result.curve }))),
  };
}

/**
 * Lesson 3's warning in numbers: the base's frozen rollouts (sample 0 of every prompt) scored
 * before and after training (the same number: the data did not change), against fresh
 * rollouts of the base and of the trained policy.
 */
export function frozenVsFresh(
  base: Policy,
  trained: Policy,
  examples: readonly RlExample[],
  seed = 0,
): {
  frozenBefore: number;
  frozenAfter: number;
  freshBase: number;
  freshTrained: number;
  frozen: string[];
  fresh: string[];
} {
  const s = samplingOptions({ n: 1, max_tokens: RL_DEFAULTS.maxTokens, seed });
  const roll = (p: Policy) =>
    examples.map((ex) => sampleOne(p, readPrompt(p, ex.ids), s, ex.id, 0).text);
  const rate = (texts: readonly string[]) =>
    texts.reduce((a, t, i) => a + score(examples[i], t).reward, 0) / Math.max(1, texts.length);
  const frozen = roll(base); // written once, before training, and never re-sampled
  const fresh = roll(trained);
  return {
    frozenBefore: rate(frozen),
    frozenAfter: rate(frozen),
    freshBase: rate(roll(base)),
    freshTrained: rate(fresh),
    frozen,
    fresh,
  };
}
