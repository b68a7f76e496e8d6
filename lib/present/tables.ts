/**
 * Views of library results for the notebooks: the rows of a table and the story lines, with
 * fixed keys and fixed precision, so a cell is one call and every notebook prints the same way.
 * Pure; display them with lib/course/display.ts (`table()`, `text()`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { banditStepRows } from "./tables.ts";
 * import { train } from "../learn/bandit.ts";
 * const rec = train({ steps: 1, seed: 0, lr: 0.5, baseline: true }).log[0];
 * assertEquals(banditStepRows(rec).length, 4);
 * ```
 * @module
 */
import type { StepRecord } from "../learn/bandit.ts";
import type { KlAction } from "../learn/kl.ts";
import type { KlPoint } from "../learn/kl_sweep.ts";
import type { MdpResult } from "../learn/mdp.ts";
import { f3, signed } from "./format.ts";

/**
 * One bandit step as a table, one row per action: π before, the gradient component
 * `A · (1[a = i] − π_i)`, θ after and π after; the taken action is marked.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { banditStepRows } from "./tables.ts";
 * import { train } from "../learn/bandit.ts";
 * const rec = train({ steps: 1, seed: 0, lr: 0.5, baseline: false }).log[0];
 * const rows = banditStepRows(rec);
 * assertEquals(rows.length, 4);
 * assertEquals(rows.filter((r) => r.taken === "←").length, 1);
 * ```
 */
export function banditStepRows(rec: StepRecord): Record<string, string | number>[] {
  return rec.probs_before.map((p, i) => ({
    action: i,
    taken: i === rec.action ? "←" : "",
    "π before": f3(p),
    "gradient A·(1[a=i]−π_i)": signed(rec.gradient[i]),
    "θ after": signed(rec.params_after[i]),
    "π after": f3(rec.probs_after[i]),
  }));
}

/**
 * A run of consecutive bandit steps, one row each: the sampled action, its reward, the
 * baseline, the advantage, its probability before and after the update, and p(best) after.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditLogRows } from "./tables.ts";
 * const run = train({ steps: 2, seed: 7, lr: 0.5, baseline: true });
 * assertEquals(banditLogRows(run.log, run.bestAction).map((r) => r.step), [1, 2]);
 * ```
 */
export function banditLogRows(
  log: readonly StepRecord[],
  best: number,
): Record<string, string | number>[] {
  return log.map((rec) => ({
    step: rec.step,
    "action a": rec.action,
    "reward r": rec.reward,
    "baseline b": f3(rec.baseline),
    "advantage A": signed(rec.advantage),
    "π(a) before → after": `${f3(rec.probs_before[rec.action])} → ${
      f3(rec.probs_after[rec.action])
    }`,
    "p(best) after": f3(rec.probs_after[best]),
  }));
}

/**
 * One row per β of a KL sweep: expected reward, KL, the three most likely actions by name, and
 * the gradient-ascent oracle's steps and largest difference from the closed form.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { klSweepRows } from "./tables.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * const [row] = klSweepRows(klSweep(COMPLETION_STYLES, [0]), COMPLETION_STYLES);
 * assertEquals([row["E_π[r]"], row["ascent steps"]], ["0.767", "—"]);
 * ```
 */
export function klSweepRows(
  points: readonly KlPoint[],
  actions: readonly KlAction[],
): Record<string, string>[] {
  return points.map((p) => ({
    β: String(p.beta),
    "E_π[r]": f3(p.expected_reward),
    "KL (nats)": f3(p.kl),
    "most likely": p.top3.map((a) => `${actions[a].name} ${f3(p.probs[a])}`).join("; "),
    "ascent steps": p.ascent === null ? "—" : String(p.ascent.iterations),
    "max |Δπ| vs closed form": p.ascent === null ? "—" : p.ascent.max_abs_diff.toExponential(1),
  }));
}

/**
 * The final policy of a two-step MDP run as rows: p1(R), p2(L | R), the probability of the
 * rewarded path, and the success rate over training.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { mdpSummaryRow } from "./tables.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * const row = mdpSummaryRow("no credit", trainMdp({ episodes: 50, seed: 0, lr: 0.5, creditStep1: false }));
 * assertEquals(row["p1(R)"], "0.500");
 * ```
 */
export function mdpSummaryRow(label: string, run: MdpResult): Record<string, string> {
  return {
    run: label,
    "p1(R)": f3(run.final.step1.R),
    "p2(L | R)": f3(run.final.step2.R.L),
    "p(path R→L)": f3(run.final_path_prob),
    "success rate": f3(run.success_rate),
  };
}
