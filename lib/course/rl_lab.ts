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
import { makeRng, seedFrom } from "../core/prng.ts";
import { pairedBootstrap } from "../core/stats.ts";
import { dataPath } from "../core/paths.ts";
import { score } from "../instrument/scorer.ts";
import type { RubricName } from "../instrument/rubrics.ts";
import { loadCheckpoint, type Policy } from "../policy/checkpoint.ts";
import { samplePrompts, samplingOptions } from "../policy/sampler.ts";
import { passAtKCurve } from "../select/passk.ts";
import { betaFrontier, type PassAtK } from "../learn/lessons.ts";
import {
  type CurveRow,
  groupAdvantages,
  RL_DEFAULTS,
  type RlConfig,
  type RlHooks,
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
  /** The actions each completion took, the end token included when the policy stopped. */
  lengths: number[];
  /** How each episode ended: `stop` (the policy chose the end token) or `length` (the cap). */
  finish: ("stop" | "length")[];
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
  const [sampled] = samplePrompts(policy, [{ ids: example.ids, key: example.id }], s);
  const completions = sampled.map((c) => c.text);
  const rewards = completions.map((c) => score(example, c).reward as number);
  return {
    completions,
    rewards,
    advantages: groupAdvantages(rewards),
    lengths: sampled.map((c) => c.tokens.length),
    finish: sampled.map((c) => c.finish_reason),
  };
}

/**
 * What a policy's computations read of it: its name, weights and vocabulary (not the path it was
 * loaded from), the inputs {@link memoized} keys on.
 */
function policyInputs(p: Policy) {
  return { name: p.name, sha256: p.sha256, cfg: p.params.cfg, flat: p.params.flat, vocab: p.vocab };
}

/**
 * A notebook-sized run ({@link RL_NOTEBOOK}, with `overrides`) on the lab's base; `hooks` watch
 * it (M6 keeps one step's groups with `onGroups`) and change nothing. In the grading sandbox a
 * run without hooks is read back, exactly, when the grader already made it from the same inputs
 * (lib/course/host.ts's `memoized`): every student's notebook repeats these runs.
 */
export function notebookRlRun(
  lab: PolicyLab,
  overrides: Partial<RlConfig> = {},
  hooks: RlHooks = {},
): RlExperiment {
  const cfg = { ...RL_NOTEBOOK, ...overrides };
  const train = () => runRl(lab.base, lab.train, lab.holdout, cfg, hooks);
  if (Object.keys(hooks).length > 0) return rlExperimentFrom(lab.base, cfg, train());
  const inputs = { base: policyInputs(lab.base), train: lab.train, holdout: lab.holdout, cfg };
  return rlExperimentFrom(lab.base, cfg, memoized("runRl", inputs, train, RL_RESULT_CODEC));
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
 * How many of `n` samples pass, per example (strict scorer), with the streams `deno task sample`
 * keys by prompt id and `seed`: the counts pass@k and its interval are computed from.
 */
export function passCountsOf(
  policy: Policy,
  examples: readonly RlExample[],
  opts: { n: number; seed: number; temperature?: number; maxTokens?: number },
): number[] {
  const s = samplingOptions({
    n: opts.n,
    temperature: opts.temperature ?? 1,
    max_tokens: opts.maxTokens ?? RL_DEFAULTS.maxTokens,
    seed: opts.seed,
  });
  const drawn = samplePrompts(policy, examples.map((ex) => ({ ids: ex.ids, key: ex.id })), s);
  return examples.map((ex, j) => drawn[j].reduce((c, x) => c + score(ex, x.text).reward, 0));
}

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
  return memoized("passAtKOf", inputs, () => {
    const correct = passCountsOf(policy, examples, opts);
    const curve = passAtKCurve(examples.map(() => opts.n), correct);
    return Object.fromEntries(curve.map((p) => [String(p.k), p.unbiased]));
  }, exactJson<PassAtK>());
}

/**
 * The unbiased pass@1 of per-prompt counts (the mean of c/n over prompts) and its 95% interval:
 * a percentile bootstrap over prompts (2,000 resamples, seeded), since the prompts, not the
 * samples, are what another draw of the data would change most.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pass1Interval } from "./rl_lab.ts";
 * assertEquals(pass1Interval([4, 4, 4], 4), { estimate: 1, lo: 1, hi: 1 });
 * ```
 */
export function pass1Interval(
  counts: readonly number[],
  n: number,
  seed = 2026,
): { estimate: number; lo: number; hi: number } {
  const b = pairedBootstrap(counts.map((c) => c / n), makeRng(seedFrom("pass1-interval", seed)));
  return { estimate: b.delta, lo: b.lo, hi: b.hi };
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
    samplePrompts(p, examples.map((ex) => ({ ids: ex.ids, key: ex.id })), s).map((x) => x[0].text);
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
