/**
 * The contracts of the notebooks' exercises: each function takes the student's version, runs it
 * against the library's reference on fixed inputs, and says in plain words whether it meets the
 * contract and, if not, the first place it does not. Notebooks display the verdict with
 * lib/notebook.ts's `check()`, which the teacher review reads.
 *
 * @example
 * ```ts
 * import { assert } from "./testing.ts";
 * import { checkUpdateRule } from "./exercises.ts";
 * // The correct rule: θ_i + lr · A · (1[a = i] − π_i).
 * const ok = checkUpdateRule((params, probs, action, advantage, lr) =>
 *   params.map((t, i) => t + lr * advantage * ((i === action ? 1 : 0) - probs[i])));
 * assert(ok.ok);
 * ```
 * @module
 */
import { train } from "./bandit.ts";
import { COMPLETION_STYLES, klOptimalPolicy } from "./kl.ts";

/** An exercise's verdict: `ok`, and in plain words why (what was verified, or what is wrong). */
export interface Verdict {
  ok: boolean;
  why: string;
}

const vec = (xs: readonly number[]) => `[${xs.map((x) => x.toFixed(4)).join(", ")}]`;

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  return Math.max(...a.map((x, i) => Math.abs(x - b[i])));
}

/** The student's REINFORCE update: θ after one step, from θ and π before it. */
export type UpdateRule = (
  params: readonly number[],
  probs: readonly number[],
  action: number,
  advantage: number,
  lr: number,
) => number[];

/**
 * M1's exercise: the REINFORCE update `θ_i += lr · A · (1[a = i] − π_i)`. The student's rule is
 * replayed on the first 20 steps of a seeded bandit run (with a baseline, so advantages are
 * fractional and negative too) and must reproduce lib/bandit.ts's θ after every step to 1e-9.
 */
export function checkUpdateRule(rule: UpdateRule): Verdict {
  const lr = 0.5;
  const run = train({ steps: 20, seed: 7, lr, baseline: true });
  for (const rec of run.log) {
    let got: number[];
    try {
      got = rule(rec.params_before, rec.probs_before, rec.action, rec.advantage, lr);
    } catch (e) {
      return { ok: false, why: `step ${rec.step}: your rule threw ${(e as Error).message}` };
    }
    if (!Array.isArray(got) || maxAbsDiff(got, rec.params_after) > 1e-9) {
      const hint = rec.advantage < 0
        ? "here the advantage is negative: the taken action must lose probability"
        : "check the sign of (1[a = i] − π_i) for the actions not taken";
      return {
        ok: false,
        why: `step ${rec.step} (a=${rec.action}, A=${rec.advantage.toFixed(3)}): your θ after is ` +
          `${Array.isArray(got) ? vec(got) : String(got)}, REINFORCE gives ${
            vec(rec.params_after)
          }; ${hint}`,
      };
    }
  }
  return { ok: true, why: `matches lib/bandit.ts on ${run.log.length} steps` };
}

/** The student's KL-regularised optimum: π from π_ref, r and β. */
export type PolicySolver = (
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
) => number[];

/**
 * M3's exercise: the closed form `π(a) ∝ π_ref(a) · exp(r(a) / β)`. The student's solver must
 * match lib/kl.ts to 1e-9 on the course's completion styles for β ∈ {0.1, 0.5, 1, 5}, and return
 * probabilities that sum to 1.
 *
 * @example
 * ```ts
 * import { assert, assertStringIncludes } from "./testing.ts";
 * import { checkOptimalPolicy } from "./exercises.ts";
 * const wrong = checkOptimalPolicy((ref) => [...ref]); // ignores the reward
 * assert(!wrong.ok);
 * assertStringIncludes(wrong.why, "β=0.1");
 * ```
 */
export function checkOptimalPolicy(solve: PolicySolver): Verdict {
  const ref = COMPLETION_STYLES.map((a) => a.ref);
  const rewards = COMPLETION_STYLES.map((a) => a.reward);
  const betas = [0.1, 0.5, 1, 5];
  for (const beta of betas) {
    let got: number[];
    try {
      got = solve(ref, rewards, beta);
    } catch (e) {
      return { ok: false, why: `β=${beta}: your solver threw ${(e as Error).message}` };
    }
    if (!Array.isArray(got) || got.length !== ref.length) {
      return {
        ok: false,
        why: `β=${beta}: expected ${ref.length} probabilities, got ${JSON.stringify(got)}`,
      };
    }
    const total = got.reduce((s, p) => s + p, 0);
    if (Math.abs(total - 1) > 1e-9) {
      return {
        ok: false,
        why: `β=${beta}: your probabilities sum to ${total.toFixed(6)}, not 1 (divide by Z)`,
      };
    }
    const want = klOptimalPolicy(ref, rewards, beta);
    if (maxAbsDiff(got, want) > 1e-9) {
      return { ok: false, why: `β=${beta}: you give ${vec(got)}, the optimum is ${vec(want)}` };
    }
  }
  return { ok: true, why: `matches the closed form for β = ${betas.join(", ")}` };
}
