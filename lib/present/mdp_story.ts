/**
 * The words and numbers of a two-step MDP run, as pure functions: the story `deno task mdp`
 * prints, `summary.json`, `summary.md` and the learning-curve chart. The CLI prints and
 * `mdp_summary.ts` writes the run; a notebook can show the same story.
 *
 * Number formats are fixed (STYLE rule 8): probabilities and baselines with 3 decimals, the
 * advantage with an explicit sign.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpStory } from "./mdp_story.ts";
 * const r = trainMdp({ episodes: 50, seed: 0, lr: 0.5, creditStep1: false });
 * assertStringIncludes(mdpStory(r).join("\n"), "Why step 1 never learned");
 * ```
 * @module
 */
import { type MdpEpisode, type MdpResult, REWARDED_PATH } from "../learn/mdp.ts";
import { f3, signed } from "./format.ts";

/** Window (in episodes) of the moving success rate in the learning-curve chart. */
export const MDP_SUCCESS_WINDOW = 25;

const path = REWARDED_PATH.join(" then ");

/**
 * One episode as a fixed-format line: actions, return, baseline, advantage, and p1(R), p2(L|R)
 * after the update.
 *
 * @param ep the episode (one line of `trajectories.jsonl`)
 * @param width digits of the episode number (at least 3)
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpProgressLine } from "./mdp_story.ts";
 * const [ep] = trainMdp({ episodes: 1, seed: 0, lr: 0.5, creditStep1: true }).episodes;
 * assert(/^ep 001 \| a=[LR],[LR] \| return=[01] \| b=0\.000 \| A=[+-]\d\.\d{3} \| p1\(R\)=/.test(mdpProgressLine(ep, 3)));
 * ```
 */
export function mdpProgressLine(ep: MdpEpisode, width: number): string {
  return `ep ${String(ep.episode).padStart(width, "0")} | a=${ep.a1},${ep.a2} | ` +
    `return=${ep.return} | b=${f3(ep.baseline)} | A=${signed(ep.advantage)} | ` +
    `p1(R)=${f3(ep.p1_R_after)} | p2(L|R)=${f3(ep.p2_L_given_R_after)}`;
}

/**
 * Why step 1 learned (or, with its credit withheld, why it never did), in words and with this
 * run's numbers.
 *
 * @param result the training result
 * @returns the explanation's lines
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpExplanation } from "./mdp_story.ts";
 * const r = trainMdp({ episodes: 300, seed: 0, lr: 0.5, creditStep1: true });
 * assertEquals(mdpExplanation(r)[0], "Why step 1 learned although it never earns anything itself:");
 * ```
 */
export function mdpExplanation(result: MdpResult): string[] {
  const f = result.final;
  if (!result.config.creditStep1) {
    return [
      "Why step 1 never learned:",
      "  Step 2 still gets the advantage, so in state R it learns L: p2(L|R) 0.500 -> " +
      `${f3(f.step2.R.L)}.`,
      "  Step 1 got no credit: its logits were never updated, so p1(R) stayed exactly at " +
      `${f3(f.step1.R)}.`,
      "  Half of all episodes still start with L, where no second move can pay, so the success",
      `  rate is capped near 0.5 (here ${
        f3(result.success_rate)
      }). The step-1 choice mattered: the`,
      "  reward needs R first. Only the shared end-of-episode return could have told it so.",
    ];
  }
  return [
    "Why step 1 learned although it never earns anything itself:",
    "  The reward arrives only after step 2, but the return of an episode belongs to every",
    "  decision in it. REINFORCE scales grad log p1(a1) by the same advantage as step 2, so",
    "  episodes that went R then L (A > 0) push p1(R) up, and episodes that started with L can",
    "  never pay, so their A < 0 pushes p1(L) down. Step 1 is credited for making the reward",
    "  possible, which is the whole of credit assignment in this tiny world.",
    `  Result: p1(R) 0.500 -> ${f3(f.step1.R)}, ` +
    `p2(L|R) 0.500 -> ${f3(f.step2.R.L)}.`,
    `  Note p2(L|L) = ${f3(f.step2.L.L)}: state L never pays, so its table only drifts`,
    "  (every visit has A <= 0 and pushes away from whatever it did); it stops mattering as",
    "  step 1 stops going there.",
  ];
}

/**
 * The whole story of a run, as `deno task mdp` prints it: the setting, the three phases (start,
 * training with about twelve progress lines, the learned policy) and the explanation.
 *
 * @param result the training result
 * @returns the lines to print, in order (some hold a leading line break)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { trainMdp } from "../learn/mdp.ts";
 * import { mdpStory } from "./mdp_story.ts";
 * const story = mdpStory(trainMdp({ episodes: 24, seed: 0, lr: 0.5, creditStep1: true }));
 * assertEquals(story.filter((l) => l.startsWith("ep ")).length, 13); // episode 1 and every 2nd
 * ```
 */
export function mdpStory(result: MdpResult): string[] {
  const c = result.config;
  const sabotage = !c.creditStep1;
  const lines = [
    `mdp: two steps, actions L/R, reward 1 only for ${path}, paid at the ` +
    `end; ${c.episodes} episodes, seed ${c.seed}, lr ${c.lr}`,
    "phase 1: the policy starts uniform: p1(R) = 0.500, p2(L|R) = 0.500, so one episode in four " +
    "is rewarded by luck",
    sabotage
      ? "phase 2: training with step-1 credit WITHHELD (--sabotage): only step 2 is updated"
      : "phase 2: training; both steps get the same advantage A = return - baseline",
  ];
  const every = Math.max(1, Math.round(c.episodes / 12));
  const width = Math.max(3, String(c.episodes).length);
  for (const ep of result.episodes) {
    if (ep.episode % every === 0 || ep.episode === 1 || ep.episode === c.episodes) {
      lines.push(mdpProgressLine(ep, width));
    }
  }
  const f = result.final;
  lines.push(
    "\nphase 3: the learned policy",
    `  step 1:            p1(L)   = ${f3(f.step1.L)}   p1(R)   = ${f3(f.step1.R)}`,
    `  step 2 in state R: p2(L|R) = ${f3(f.step2.R.L)}   p2(R|R) = ${f3(f.step2.R.R)}`,
    `  step 2 in state L: p2(L|L) = ${f3(f.step2.L.L)}   p2(R|L) = ${f3(f.step2.L.R)}`,
    `  success rate over training: ${f3(result.success_rate)}; ` +
      `p(path ${path}) now ${f3(result.final_path_prob)}`,
    `\n${mdpExplanation(result).join("\n")}`,
  );
  return lines;
}
