/**
 * M6's reference tables as data: the RLHF/RLVR loop in pseudocode, each line beside the
 * library call that implements it in this course; the same loop as the tiny policy's RL engine
 * runs it, one step at a time; and the comparison of selection, rejection-sampling fine-tuning
 * (RFT) and RL. Kept as data so a test can check that every named call
 * exists (docs that name code must run, or they rot).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { RLVR_LOOP } from "./rlvr_loop.ts";
 * assertEquals(RLVR_LOOP[0].call, "loadDataset");
 * ```
 * @module
 */

/** One line of the loop: pseudocode, the course's call, its module, and the loop it belongs to. */
export interface LoopLine {
  pseudocode: string;
  /** The exported function (or constant) that implements the line. */
  call: string;
  /** Its module, relative to the project root. */
  module: string;
  /** A, B or C (lib's three loops), or "gate". */
  loop: string;
  /** What it stands for in a real LLM pipeline, where the course simplifies. */
  note: string;
}

/** The RLVR loop (verifiable reward; RLHF swaps the verifier for a learned reward model). */
export const RLVR_LOOP: readonly LoopLine[] = [
  {
    pseudocode: "prompts ← sealed dataset (fingerprinted)",
    call: "loadDataset",
    module: "lib/measure/dataset.ts",
    loop: "A",
    note: "the environment; its SHA-256 is in every manifest",
  },
  {
    pseudocode: "reward(x, y) ← verifier: spec v1 + golden gate",
    call: "score",
    module: "lib/instrument/scorer.ts",
    loop: "A",
    note: "RLHF: a learned reward model, which is hackable in the same ways",
  },
  {
    pseudocode: "assert the verifier passes its golden sets",
    call: "goldenGate",
    module: "lib/instrument/golden.ts",
    loop: "A",
    note: "a reward you have not red-teamed is a proxy",
  },
  {
    pseudocode: "baseline ← evaluate π₀ on the dev set",
    call: "runEval",
    module: "lib/experiments/eval.ts",
    loop: "A",
    note: "frozen completions stand for sampling π₀",
  },
  {
    pseudocode: "for each prompt: y₁..y_N ~ π(·|x)",
    call: "runSelect",
    module: "lib/experiments/select.ts",
    loop: "B",
    note: "a pack of N samples per prompt",
  },
  {
    pseudocode: "  r_i ← reward(x, y_i); keep the best (selection / RFT data)",
    call: "pickBest",
    module: "lib/select/selection.ts",
    loop: "B",
    note: "RFT fine-tunes on the kept samples (lib/learn/rft.ts, run on the tiny policy in M6)",
  },
  {
    pseudocode: "  A_i ← r_i − b (baseline from other samples)",
    call: "groupAdvantages",
    module: "lib/learn/rl.ts",
    loop: "C",
    note: "b = the mean reward of the prompt's group (the tiny policy's RL; GRPO also divides " +
      "by the group's std, RLOO leaves the sample itself out)",
  },
  {
    pseudocode: "  θ ← θ + lr · A_i · ∇ log π(y_i|x)",
    call: "surrogateGradient",
    module: "lib/policy/policy_gradient.ts",
    loop: "C",
    note: "the exact gradient of −A·Σ_t log π(y_t|prefix) through the tiny GRU, then one Adam step",
  },
  {
    pseudocode: "  objective: E[r] − β · KL(π ‖ π_ref)",
    call: "klOptimalPolicy",
    module: "lib/learn/kl.ts",
    loop: "C",
    note: "the closed-form optimum π* ∝ π_ref · exp(r/β)",
  },
  {
    pseudocode: "candidate ← evaluate π_new on the same dev set, same scorer",
    call: "runEval",
    module: "lib/experiments/eval.ts",
    loop: "A",
    note: "the later policy's rollouts stand for π_new",
  },
  {
    pseudocode: "promote π_new only if the gate says PROMOTE",
    call: "gate",
    module: "lib/compare/gate.ts",
    loop: "gate",
    note: "Locked Room first, then paired significance and the noise rule",
  },
];

/**
 * The RL loop as `runRl` (lib/learn/rl.ts) executes it on the course's own policy, one line per
 * step of its algorithm, each beside the exported call that does it.
 */
export const RL_POLICY_LOOP: readonly LoopLine[] = [
  {
    pseudocode: "prompts ← small_dev (trained on); small_holdout (measured only)",
    call: "loadPolicyLab",
    module: "lib/course/rl_lab.ts",
    loop: "A",
    note: "the tiny policy's own environment, sealed like the other data",
  },
  {
    pseudocode: "for each step: draw P prompts (a seeded shuffle, epoch after epoch)",
    call: "runRl",
    module: "lib/learn/rl.ts",
    loop: "C",
    note: "the whole loop; everything below happens inside it",
  },
  {
    pseudocode: "  y₁..y_G ~ π_θ(·|x), from the current policy (on-policy)",
    call: "sampleOne",
    module: "lib/policy/sampler.ts",
    loop: "C",
    note: "each sample is used by exactly one update, so no PPO ratio is needed",
  },
  {
    pseudocode: "  r_i ← reward(x, y_i)",
    call: "score",
    module: "lib/instrument/scorer.ts",
    loop: "A",
    note: "the strict scorer by default; any rubric with --rubric",
  },
  {
    pseudocode: "  A_i ← r_i − mean(r of the group)",
    call: "groupAdvantages",
    module: "lib/learn/rl.ts",
    loop: "C",
    note: "no critic; a group whose rewards are all equal gives no gradient",
  },
  {
    pseudocode: "  g ← ∇ (1/N) Σ_i [−A_i Σ_t log π_θ(y_t|x, y_<t) + β Σ_t KL_t]",
    call: "surrogateGradient",
    module: "lib/policy/policy_gradient.ts",
    loop: "C",
    note: "exact backward pass through the GRU; the KL is summed over the vocabulary",
  },
  {
    pseudocode: "  θ ← θ − Adam(g, lr)",
    call: "adamStep",
    module: "lib/policy/adam.ts",
    loop: "C",
    note: "a fresh optimizer state: SFT's moments are not carried over",
  },
  {
    pseudocode: "every E steps: measure dev and holdout with fresh samples",
    call: "evaluatePolicy",
    module: "lib/learn/rl_eval.ts",
    loop: "A",
    note: "proxy, strict, KL to the base, entropy, scorer codes",
  },
];

/** One way of turning reward into a better policy, in M6's comparison table. */
export interface Method {
  method: string;
  changes: string;
  compute: string;
  /** What the gate says when its result is compared with a plain eval of the base policy. */
  gate: string;
}

/** Selection vs RFT vs RL. */
export const OPTIMISATION_METHODS: readonly Method[] = [
  {
    method: "selection (best-of-N)",
    changes: "nothing in the policy: N samples per prompt, the verifier picks one",
    compute: "N× sampling and scoring at inference, on every prompt, forever",
    gate: "REJECT against an N=1 eval: selection compute (N) changed; compare N with N",
  },
  {
    method: "RFT (rejection-sampling fine-tuning)",
    changes: "the weights: fine-tune on the verifier's kept samples, then sample once",
    compute: "N× sampling once over the training prompts, plus one fine-tuning run",
    gate: "a new policy at N=1 on the same data and scorer: a Locked Room comparison, " +
      "decided by delta, significance and the noise rule",
  },
  {
    method: "RL (RLVR / RLHF)",
    changes: "the weights, on-policy: sample, score, advantage, gradient step, repeat",
    compute: "many rounds of sampling and scoring during training; N=1 at inference",
    gate: "the same Locked Room comparison as RFT, after red-teaming the reward it optimised " +
      "(Goodhart)",
  },
];
