/**
 * The contracts of the notebooks' exercises: each function takes the student's version, runs it
 * against the library's reference on fixed inputs, and says in plain words whether it meets the
 * contract and, if not, the first place it does not. Notebooks display the verdict with
 * lib/course/display.ts's `check()`, which the teacher review reads.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkUpdateRule } from "./exercise_checks.ts";
 * // The correct rule: θ_i + lr · A · (1[a = i] − π_i).
 * const ok = checkUpdateRule((params, probs, action, advantage, lr) =>
 *   params.map((t, i) => t + lr * advantage * ((i === action ? 1 : 0) - probs[i])));
 * assert(ok.ok);
 * ```
 * @module
 */
import { train } from "../learn/bandit.ts";
import { loadDataset } from "../measure/dataset.ts";
import { forEachKeyedRow } from "../measure/keyed_rows.ts";
import { COMPLETION_STYLES, klOptimalPolicy } from "../learn/kl.ts";
import { score } from "../instrument/scorer.ts";
import { packSamples, type PickFn, type ScoredSample } from "../select/selection.ts";

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
 * fractional and negative too) and must reproduce lib/learn/bandit.ts's θ after every step to 1e-9.
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
  return { ok: true, why: `matches lib/learn/bandit.ts on ${run.log.length} steps` };
}

/** The student's KL-regularised optimum: π from π_ref, r and β. */
export type PolicySolver = (
  ref: readonly number[],
  rewards: readonly number[],
  beta: number,
) => number[];

/**
 * M3's exercise: the closed form `π(a) ∝ π_ref(a) · exp(r(a) / β)`. The student's solver must
 * match lib/learn/kl.ts to 1e-9 on the course's completion styles for β ∈ {0.1, 0.5, 1, 5}, and return
 * probabilities that sum to 1.
 *
 * @example
 * ```ts
 * import { assert, assertStringIncludes } from "../core/testing.ts";
 * import { checkOptimalPolicy } from "./exercise_checks.ts";
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

export type { PickFn };

/** Fixed cases of the pickBest contract: `[name, expected answer, completions, chosen index]`. */
const PICK_CASES: readonly [string, number, readonly string[], number][] = [
  ["the only correct sample is chosen", 7, ["Final: 6", "Final:  7", "Final: 7"], 2],
  ["a tie goes to the first index", 7, ["Final: 6", "Final: 7", "Final: 7"], 1],
  ["sample 0 is kept when it is already correct", 7, ["Final: 7", "Final: 7"], 0],
  ["when nothing passes, sample 0 is kept", 7, ["Final: 6", "final: 7", "Final: 8"], 0],
  ["one sample is its own best", 7, ["Final: 7"], 0],
];

/** The samples of a contract case, each scored once by the strict scorer. */
function scoredCase(expected: number, completions: readonly string[]): ScoredSample[] {
  return completions.map((completion) => ({
    completion,
    reward: score({ expected_answer: expected }, completion).reward,
  }));
}

/**
 * M0.5's exercise: best-of-N selection with a deterministic tie-break (the first index among the
 * highest reward, lib/select/selection.ts's `TIE_BREAK`). The rule receives the samples already
 * scored (`{completion, reward}`, each scored once) and must choose the same index and report the
 * same reward as the contract on five fixed cases (ties, all failing, one sample).
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { checkPickBest } from "./exercise_checks.ts";
 * import { pickBest } from "../select/selection.ts";
 * assert(checkPickBest(pickBest).ok);
 * ```
 */
export function checkPickBest(pick: PickFn): Verdict {
  for (const [name, expected, completions, want] of PICK_CASES) {
    const scored = scoredCase(expected, completions);
    let got: { index: number; reward: number };
    try {
      got = pick(scored);
    } catch (e) {
      return { ok: false, why: `${name}: your rule threw ${(e as Error).message}` };
    }
    const wantReward = scored[want].reward;
    if (got?.index !== want || got?.reward !== wantReward) {
      return {
        ok: false,
        why: `${name}: for [${completions.map((c) => JSON.stringify(c)).join(", ")}] you chose ` +
          `index ${got?.index} (reward ${got?.reward}); the contract chooses ${want} (reward ${wantReward})`,
      };
    }
  }
  return {
    ok: true,
    why: `all ${PICK_CASES.length} contract cases, ties included, choose as the contract does`,
  };
}

/**
 * The sabotage of M0.5: best-of-N whose ties are broken by `random()` instead of by index. It
 * chooses a sample of the same reward, so pass@N does not move, but which completion is kept
 * depends on the draw: pass `Math.random` and two runs on the same inputs differ.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { randomTieBreakPick } from "./exercise_checks.ts";
 * const pick = randomTieBreakPick(() => 0.99); // always the last of the tied samples
 * const scored = [{ completion: "Final: 7", reward: 1 }, { completion: "Final: 7", reward: 1 }] as const;
 * assertEquals(pick(scored), { index: 1, reward: 1 });
 * ```
 */
export function randomTieBreakPick(random: () => number): PickFn {
  return (scored) => {
    const best = Math.max(...scored.map((s) => s.reward));
    const tied = scored.flatMap((s, i) => (s.reward === best ? [i] : []));
    return { index: tied[Math.floor(random() * tied.length)], reward: best };
  };
}

/**
 * Applies a selection rule to the first `n` samples of every prompt of a pack (reads the dataset
 * and the pack; writes nothing), each sample scored once by the strict scorer, and returns the
 * chosen index per prompt, in pack order: what `results.jsonl`'s `chosen` column would hold if
 * the run used this rule. Reads the pack as `runSelect` does: an id the dataset lacks, a
 * duplicate id or a malformed row is an InputError, never skipped.
 */
export async function selectionChoices(
  pick: PickFn,
  opts: { dataset: string; samples: string; n: number },
): Promise<{ id: string; chosen: number; reward: number }[]> {
  const dataset = await loadDataset(opts.dataset);
  const out: { id: string; chosen: number; reward: number }[] = [];
  await forEachKeyedRow(opts.samples, dataset, (row, i, line) => {
    const expected = dataset.expectedAt(i);
    const samples = packSamples(row, opts.samples, line).slice(0, opts.n);
    const scored = samples.map((s): ScoredSample => ({
      ...s,
      reward: score({ expected_answer: expected }, s.completion).reward,
    }));
    const { index, reward } = pick(scored);
    out.push({ id: dataset.idAt(i), chosen: index, reward });
  });
  return out;
}
