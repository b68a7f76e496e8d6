/**
 * The RL surrogate of the course's tiny policy and its exact gradient: what one on-policy update
 * differentiates. For a batch of groups (one prompt x, completions y_1…y_G sampled from π_θ,
 * each with an advantage A_i), where π_θ is the distribution the completions were sampled from,
 * softmax(logits / T) at the run's temperature T (on-policy at any temperature, as verl and
 * OpenRLHF compute it), and π_ref the frozen reference at the same temperature:
 *
 *     L(θ) = (1/N) Σ_groups Σ_i [ −A_i · Σ_t log π_θ(y_{i,t} | x, y_{i,<t})
 *                                 + β · Σ_t KL( π_θ(·|x, y_{i,<t}) ‖ π_ref(·|x, y_{i,<t}) ) ]
 *
 * with N the number of completions in the batch. Normalisation: the token terms are **summed**
 * over a completion (a scalar reward at the end trains every token with the same A_i) and
 * **averaged** over completions, so a long completion weighs more than a short one: the
 * REINFORCE loss `loss = −A · Σ_t log π(y_t | prefix)` of M2's notebook, batched. The KL is
 * exact: a sum over the whole vocabulary at every position of the sampled completion (no estimator), and its per-completion sum is an
 * unbiased estimate of the sequence-level KL(π_θ ‖ π_ref). It is differentiated as a function of
 * the logits at the sampled prefixes (the prefixes themselves are data).
 *
 * Gradients with respect to one position's logits (p = softmax, q = the reference's):
 *
 *     ∂/∂logits of −A·log p_y  =  A · (p − onehot(y)) / T
 *     ∂/∂logits of KL(p‖q)      =  p ⊙ (log p − log q − KL) / T
 *
 * then back through the GRU (lib/policy/sequence.ts). The completions of one prompt share the
 * prompt's final state, so their gradients with respect to it are summed and sent back through
 * the prompt once. Without a reference, a completion with A = 0 contributes nothing and is
 * skipped. lib/policy/policy_gradient_fast.ts computes the same surrogate through the wasm kernels.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams, paramsView } from "./gru.ts";
 * import { surrogateGradient } from "./policy_gradient.ts";
 * const p = initParams({ vocab: 6, hidden: 4 }, makeRng(0));
 * const grads = paramsView(p.cfg, new Float64Array(p.flat.length));
 * const groups = [{ prompt: [2, 3], rollouts: [{ tokens: [4, 0], advantage: 0.5 }, { tokens: [5, 0], advantage: -0.5 }] }];
 * const stats = surrogateGradient(p, null, groups, 0, grads);
 * assert(stats.completions === 2 && grads.flat.some((g) => g !== 0));
 * ```
 * @module
 */
import { type GruParams, logitsBackward, readToken, runTokens, Scratch, stateLogp } from "./gru.ts";
import { backwardTape, forwardTape } from "./sequence.ts";
import { END } from "./vocab.ts";

/** One sampled completion: its actions (vocabulary indices, END last when it stopped). */
export interface Rollout {
  tokens: readonly number[];
  advantage: number;
}

/** One prompt (vocabulary indices, without END) and its sampled completions. */
export interface Group {
  prompt: readonly number[];
  rollouts: readonly Rollout[];
}

/** What a surrogate evaluation measured, besides adding the gradient. */
export interface SurrogateStats {
  /** L(θ) as defined in the module doc. */
  loss: number;
  /** Its policy-gradient part, −(1/N) Σ A_i Σ_t log π. */
  pgLoss: number;
  /** Mean over completions of Σ_t KL_t (nats; 0 without a reference). */
  kl: number;
  /** Completions in the batch (N). */
  completions: number;
  /** Completions differentiated (A ≠ 0, or any with a reference). */
  used: number;
}

/**
 * Evaluates the surrogate (see the module doc) on a batch and adds its gradient into `grads`.
 *
 * @param p the policy's parameters θ
 * @param ref the frozen reference's parameters, or null (then the KL term and its report are 0)
 * @param groups the batch
 * @param beta the KL weight β (ignored without a reference)
 * @param grads where ∇_θ L is added (not zeroed here)
 * @param temperature the temperature the completions were sampled at (1: the policy as it is)
 */
export function surrogateGradient(
  p: GruParams,
  ref: GruParams | null,
  groups: readonly Group[],
  beta: number,
  grads: GruParams,
  temperature = 1,
): SurrogateStats {
  const V = p.cfg.vocab, H = p.cfg.hidden, T1 = 1 / temperature;
  const w = new Scratch(V, H), wr = new Scratch(V, H);
  const N = groups.reduce((s, g) => s + g.rollouts.length, 0);
  let pgLoss = 0, klSum = 0, used = 0;
  const hRef = new Float64Array(H), hRefNext = new Float64Array(H);
  for (const group of groups) {
    const promptIn = [...group.prompt, END];
    forwardTape(p, new Float64Array(H), promptIn, w.promptTape, w.g);
    const hP = w.promptTape.state(w.promptTape.length);
    const refP = ref ? runTokens(ref, new Float64Array(H), promptIn) : null;
    w.dh.fill(0);
    for (const r of group.rollouts) {
      const A = r.advantage, T = r.tokens.length;
      if (T === 0 || (A === 0 && ref === null)) continue; // no signal, nothing to report
      used++;
      forwardTape(p, hP, r.tokens.slice(0, T - 1), w.tape, w.g); // states h_0 … h_{T-1}
      const dhs = w.stateGrads(T - 1);
      if (refP) hRef.set(refP);
      let klSeq = 0;
      for (let t = 0; t < T; t++) {
        const h = w.tape.state(t), y = r.tokens[t];
        stateLogp(p, h, w, w.logp, temperature);
        pgLoss -= A * w.logp[y] / N;
        const c = (A / N) * T1;
        for (let v = 0; v < V; v++) w.dlogits[v] = c * Math.exp(w.logp[v]); // A·p / T
        w.dlogits[y] -= c; //                                                  − A·onehot(y) / T
        if (ref && refP) {
          stateLogp(ref, hRef, wr, w.logq, temperature);
          let kl = 0;
          for (let v = 0; v < V; v++) kl += Math.exp(w.logp[v]) * (w.logp[v] - w.logq[v]);
          klSeq += kl;
          if (beta !== 0) {
            for (let v = 0; v < V; v++) {
              w.dlogits[v] += (beta / N) * T1 * Math.exp(w.logp[v]) * (w.logp[v] - w.logq[v] - kl);
            }
          }
          if (t < T - 1) {
            readToken(ref, y, hRef, hRefNext, wr);
            hRef.set(hRefNext);
          }
        }
        logitsBackward(p, h, w.dlogits, grads, dhs.subarray(t * H, (t + 1) * H));
      }
      klSum += klSeq;
      backwardTape(p, w.tape, dhs, grads, w.g);
      for (let i = 0; i < H; i++) w.dh[i] += dhs[i];
    }
    const P = w.promptTape.length;
    const dhsP = w.stateGrads(P);
    dhsP.set(w.dh, P * H);
    backwardTape(p, w.promptTape, dhsP, grads, w.g);
  }
  const kl = N === 0 ? 0 : klSum / N;
  return { loss: pgLoss + (ref ? beta * kl : 0), pgLoss, kl, completions: N, used };
}
