/**
 * The gradient connection, for one completion: what one policy-gradient step does to every
 * token of a sampled completion.
 *
 * The surrogate for one completion y of prompt x with advantage A is
 * `L(θ) = −A · Σ_t log π_θ(y_t | x, y_<t)`, and one plain gradient step is θ' = θ − lr · ∇L(θ).
 * The same scalar A multiplies the whole sum, so every token's log-probability is pushed in
 * the same direction, the first token as much as the last: a reward that arrives at the end
 * trains the token generated twelve steps before it too. Per token, the explainer shows:
 *
 * - `prob_before`: π_θ(y_t | x, y_<t);
 * - `logit_push`: A · (1 − π_θ(y_t | ·)), the gradient of −L with respect to the token's own
 *   logit (how hard the update pulls it up; zero when the token is already certain);
 * - `grad_norm`: ‖∇_θ log π_θ(y_t | ·)‖, the size of the token's own direction in weight space
 *   (the update is A times the sum of these directions);
 * - `prob_after`: π_θ'(y_t | x, y_<t), re-measured after the step.
 *
 * Plain gradient descent, not Adam, so the step is exactly "−lr times the gradient". It runs on
 * the reference engine (float64), so finite differences can check it.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "../policy/gru.ts";
 * import { buildVocab } from "../policy/vocab.ts";
 * import { explainUpdate } from "./explain.ts";
 * const vocab = buildVocab(["Compute 4+5.", "Final: 9"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const e = explainUpdate(policy, "Compute 4+5.", "Final: 9", { advantage: 1, lr: 0.5 });
 * assert(e.rows.every((r) => r.prob_after > r.prob_before)); // A > 0 lifts every token
 * ```
 * @module
 */
import { type GruParams, logitsBackward, paramsView, Scratch, stateLogp } from "../policy/gru.ts";
import { completionLogprobs } from "../policy/logprobs.ts";
import type { SamplerPolicy } from "../policy/sampler.ts";
import { backwardTape, forwardTape } from "../policy/sequence.ts";
import { encodeCompletion, encodeText, END } from "../policy/vocab.ts";
import { l2norm } from "../policy/adam.ts";

/** One token of the explained update. */
export interface ExplainRow {
  /** Position in the completion (END last). */
  t: number;
  /** The token, whitespace visible. */
  token: string;
  prob_before: number;
  logit_push: number;
  grad_norm: number;
  prob_after: number;
}

/** The explained update. */
export interface Explanation {
  advantage: number;
  lr: number;
  rows: ExplainRow[];
  /** log π(y | x) before and after the step. */
  logprob_before: number;
  logprob_after: number;
  /** The step θ' − θ, for an oracle to check. */
  step: Float64Array;
}

/**
 * ∇_θ log π_θ(y_t | x, y_<t) for one position t of a completion (vocabulary indices, END last).
 */
export function tokenLogprobGradient(
  p: GruParams,
  prompt: readonly number[],
  actions: readonly number[],
  t: number,
): Float64Array {
  const grads = paramsView(p.cfg, new Float64Array(p.flat.length));
  const s = new Scratch(p.cfg.vocab, p.cfg.hidden), H = p.cfg.hidden;
  const inputs = [...prompt, END, ...actions.slice(0, t)];
  forwardTape(p, new Float64Array(H), inputs, s.tape, s.g);
  const dhs = s.stateGrads(s.tape.length);
  const T = s.tape.length, h = s.tape.state(T);
  stateLogp(p, h, s);
  // L = log p_y  ⇒  ∂L/∂logits = onehot(y) − p; backward adds into grads
  for (let v = 0; v < p.cfg.vocab; v++) s.logits[v] = -Math.exp(s.logp[v]);
  s.logits[actions[t]] += 1;
  logitsBackward(p, h, s.logits, grads, dhs.subarray(T * H, (T + 1) * H));
  backwardTape(p, s.tape, dhs, grads, s.g);
  return grads.flat;
}

/**
 * Explains one gradient step on one completion (see the module doc).
 *
 * @throws RangeError when the completion needs a token outside the policy's vocabulary
 */
export function explainUpdate(
  policy: SamplerPolicy,
  prompt: string,
  completion: string,
  opts: { advantage: number; lr: number },
): Explanation {
  const enc = encodeCompletion(policy.vocab, completion);
  if ("missing" in enc) {
    throw new RangeError(`token ${JSON.stringify(enc.missing.text)} is not in the vocabulary`);
  }
  const p = policy.params, ids = encodeText(policy.vocab, prompt);
  const actions = [...enc.ids, END];
  const before = completionLogprobs(policy, prompt, completion, "reference");
  const perToken = actions.map((_, t) => tokenLogprobGradient(p, ids, actions, t));
  // ∇L = −A · Σ_t ∇ log π(y_t)  ⇒  θ' = θ + lr · A · Σ_t ∇ log π(y_t)
  const step = new Float64Array(p.flat.length);
  for (const g of perToken) {
    for (let i = 0; i < step.length; i++) step[i] += opts.lr * opts.advantage * g[i];
  }
  const moved = paramsView(p.cfg, Float64Array.from(p.flat, (x, i) => x + step[i]));
  const after = completionLogprobs(
    { params: moved, vocab: policy.vocab },
    prompt,
    completion,
    "reference",
  );
  return {
    advantage: opts.advantage,
    lr: opts.lr,
    rows: before.tokens.map((tok, t) => ({
      t,
      token: tok.shown,
      prob_before: tok.prob,
      logit_push: opts.advantage * (1 - tok.prob),
      grad_norm: l2norm(perToken[t]),
      prob_after: after.tokens[t].prob,
    })),
    logprob_before: before.logprob,
    logprob_after: after.logprob,
    step,
  };
}
