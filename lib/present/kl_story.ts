/**
 * The words and numbers of a KL sweep, as pure functions: the story `deno task kl` prints (the
 * example, the sweep table, the collapse note and the oracle's warnings), `summary.json`,
 * `summary.md`, the rows of `kl_tradeoff.csv` and the frontier chart. The CLI prints and
 * `kl_summary.ts` writes the run.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klStory } from "./kl_story.ts";
 * const story = klStory(COMPLETION_STYLES, klSweep(COMPLETION_STYLES, [0, 1])).join("\n");
 * assertStringIncludes(story, "collapses on the best action(s)");
 * ```
 * @module
 */
import type { KlAction } from "../learn/kl.ts";
import type { KlPoint } from "../learn/kl_sweep.ts";
import { f3, f4 } from "./format.ts";

/** The agreement the gradient-ascent check must reach, in probabilities. */
export const KL_AGREEMENT = 1e-6;

/**
 * The example as a table: index, style, reward and pi_ref per action.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { klActionTable } from "./kl_story.ts";
 * assertEquals(klActionTable([{ name: "a", reward: 1, ref: 1 }]).split("\n")[1], "  0  a   1.000   1.000");
 * ```
 */
export function klActionTable(actions: readonly KlAction[]): string {
  const width = Math.max(...actions.map((a) => a.name.length));
  const lines = [`  #  ${"style".padEnd(width)}  reward  pi_ref`];
  actions.forEach((a, i) => {
    lines.push(
      `  ${i}  ${a.name.padEnd(width)}  ${f3(a.reward).padStart(6)}  ${f3(a.ref).padStart(6)}`,
    );
  });
  return lines.join("\n");
}

function ascentCell(p: KlPoint): string {
  if (p.ascent === null) return "n/a (beta = 0)";
  return `${p.ascent.max_abs_diff.toExponential(1)} (${p.ascent.iterations} steps)`;
}

/**
 * The sweep as a fixed-width table: beta, E_pi[r], KL, the oracle's largest probability gap
 * (and steps), and the top-3 styles with their probabilities.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klSweepTable } from "./kl_story.ts";
 * assertStringIncludes(klSweepTable(klSweep(COMPLETION_STYLES, [0]), COMPLETION_STYLES),
 *   "hedge: 3+ numbers 1.000");
 * ```
 */
export function klSweepTable(points: readonly KlPoint[], actions: readonly KlAction[]): string {
  const rows = points.map((p) =>
    [
      String(p.beta).padStart(6),
      f4(p.expected_reward).padStart(7),
      f4(p.kl).padStart(7),
      ascentCell(p).padEnd(22),
      p.top3.map((a) => `${actions[a].name} ${f3(p.probs[a])}`).join("; "),
    ].join("  ")
  );
  const head = ["  beta", "E_pi[r]", "     KL", "ascent max|dp|".padEnd(22), "top-3 styles (prob)"]
    .join("  ");
  return [head, ...rows].join("\n");
}

/**
 * The notes on a sweep: the collapse at beta = 0 (said, not divided by zero), and a warning for
 * every beta where gradient ascent did not converge or missed the closed form by more than
 * {@link KL_AGREEMENT}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klNotes } from "./kl_story.ts";
 * assertEquals(klNotes(klSweep(COMPLETION_STYLES, [1, 10]), COMPLETION_STYLES), []);
 * ```
 */
export function klNotes(points: readonly KlPoint[], actions: readonly KlAction[]): string[] {
  const notes: string[] = [];
  for (const p of points) {
    if (p.collapsed) {
      const names = p.top3.map((a) => actions[a].name).join(", ");
      notes.push(
        `note: beta = 0 has no KL penalty, so the policy collapses on the best action(s) in ` +
          `pi_ref's support (${names}); no r / beta is computed.`,
      );
    } else if (p.ascent !== null && (!p.ascent.converged || p.ascent.max_abs_diff > KL_AGREEMENT)) {
      notes.push(
        `warning: at beta = ${p.beta} gradient ascent ${
          p.ascent.converged ? "converged" : "did not converge"
        } after ${p.ascent.iterations} steps (residual ${
          p.ascent.residual.toExponential(1)
        }) and differs from the closed form by ` +
          `${p.ascent.max_abs_diff.toExponential(1)}: the oracle check failed at this beta; ` +
          "do not trust this row until the two agree.",
      );
    }
  }
  return notes;
}

/**
 * The whole story of a sweep, as `deno task kl` prints it: the objective, the example (phase 1),
 * the sweep with its oracle check and notes (phase 2), and how to read it (phase 3).
 *
 * @param actions the example
 * @param points the sweep, from `klSweep(actions, betas)`
 * @returns the lines to print, in order (some hold line breaks)
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { COMPLETION_STYLES } from "../learn/kl.ts";
 * import { klSweep } from "../learn/kl_sweep.ts";
 * import { klStory } from "./kl_story.ts";
 * const story = klStory(COMPLETION_STYLES, klSweep(COMPLETION_STYLES, [1]));
 * assert(story[0].endsWith("for 1 value(s) of beta"));
 * ```
 */
export function klStory(actions: readonly KlAction[], points: readonly KlPoint[]): string[] {
  return [
    `kl: maximise E_pi[r] - beta * KL(pi || pi_ref) over ${actions.length} completion styles ` +
    `for ${points.length} value(s) of beta`,
    "phase 1: the example, measured on the tiny base's 960 samples of small_dev (pi_ref = the " +
    "style's share; r = the share of it the substring rubric pays)",
    klActionTable(actions),
    "\nphase 2: solve each beta in closed form (softmax of log pi_ref + r / beta), then check\n" +
    "it by gradient ascent on the logits from pi = pi_ref (natural gradient f - E_pi[f] with\n" +
    "f = r - beta * log(pi / pi_ref); max|dp| = largest gap in probs)",
    klSweepTable(points, actions),
    ...klNotes(points, actions),
    "\nphase 3: reading the sweep: as beta grows, the policy stays closer to pi_ref (KL falls)\n" +
    "and gives up reward (E_pi[r] falls). Small beta buys reward with KL; near beta = 0 it\n" +
    "chases the style the grader pays most (the hedge), whatever the reference's habits.",
  ];
}
