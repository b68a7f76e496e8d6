/**
 * The words of `deno task bandit`, as pure functions: the opening lines, the slow-motion story of
 * one REINFORCE step, the per-step log line and the closing lines. The CLI prints what these
 * return; a notebook can show the same story without running the CLI. The ablation's table is in
 * `bandit_ablation_story.ts`, the run's files in `bandit_summary.ts`.
 *
 * Number formats are fixed (STYLE rule 8): probabilities and baselines with 3 decimals
 * ({@link f3}), signed quantities with an explicit sign ({@link signed}), rates as percentages
 * with one decimal ({@link pct}).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepStory } from "./bandit_story.ts";
 * const r = train({ steps: 1, seed: 0, lr: 0.5, baseline: false });
 * assertStringIncludes(stepStory(r.log[0], r.bestAction, { baseline: false, lr: 0.5 }), "-- step 001");
 * ```
 * @module
 */
import { type AblationResult } from "../learn/bandit_ablation.ts";
import { type BanditResult, DEFAULT_REWARD_PROBS, type StepRecord } from "../learn/bandit.ts";
import { ablationIntro, ablationTable } from "./bandit_ablation_story.ts";
import { f3, padStep, signed, vector } from "./format.ts";

/** The settings of one bandit run that the report names (a subset of `BanditConfig`). */
export interface BanditRunSettings {
  steps: number;
  seed: number;
  lr: number;
  baseline: boolean;
}

// ---- the training story ----------------------------------------------------------------------

/**
 * The opening lines of a training run: the setting, the reward probabilities, and a warning
 * when a negative lr reverses every update.
 *
 * @param o the run's settings
 * @returns the lines to print, in order
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { banditHeader } from "./bandit_story.ts";
 * const o = { steps: 30, seed: 0, lr: -0.5, baseline: false };
 * assertEquals(banditHeader(o)[0], "bandit: REINFORCE, 30 steps, seed 0, lr -0.5, baseline off (b = 0)");
 * assert(banditHeader(o)[2].startsWith("warning: lr is negative"));
 * ```
 */
export function banditHeader(o: BanditRunSettings): string[] {
  const lines = [
    `bandit: REINFORCE, ${o.steps} steps, seed ${o.seed}, lr ${o.lr}, ` +
    `baseline ${o.baseline ? "on (mean of earlier rewards)" : "off (b = 0)"}`,
    `reward probabilities per action: ${DEFAULT_REWARD_PROBS.map(f3).join(", ")}`,
  ];
  if (o.lr < 0) {
    lines.push(
      "warning: lr is negative, so every update is reversed: the learner descends the " +
        "expected reward and the best action's probability should fall",
    );
  }
  return lines;
}

/**
 * How to read the slow-motion story: what the advantage A = r - b means, the update rule
 * `lr * A * (1[a=i] - p_i)`, and what this run's baseline and the sign of its lr imply.
 *
 * @param baseline whether b is the mean of earlier rewards (true) or 0
 * @param lr the learning rate (its sign decides whether the pushes climb or descend)
 * @returns a block of text, with an empty first and last line
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { explainAdvantage } from "./bandit_story.ts";
 * assertStringIncludes(explainAdvantage(false, 0.5), "a reward of 0 teaches nothing");
 * ```
 */
export function explainAdvantage(baseline: boolean, lr: number): string {
  return [
    "",
    "How to read each step",
    "  The advantage A = r - b says whether this reward beat the baseline b.",
    "  REINFORCE moves every logit i by lr * A * (1[a=i] - p_i):",
    "    A > 0: the sampled action's logit goes up, every other logit down (in proportion to p_i).",
    "    A < 0: the sampled action's logit goes down, every other logit up.",
    "    A = 0: nothing moves.",
    baseline
      ? "  Here b is the mean of the rewards of the earlier steps (0 at step 1), computed before\n" +
        "  the update, so a reward of 0 can push the sampled action down."
      : "  Here there is no baseline (b = 0), so A = r: a reward of 0 teaches nothing and a reward\n" +
        "  of 1 always pushes the sampled action up, even a poor one.",
    lr < 0
      ? "  The lr is negative: every push is reversed, so the learner descends the reward."
      : "  The lr is positive: the pushes climb the expected reward.",
    "",
  ].join("\n");
}

/**
 * Why logit i moved the way it did, in words: the sign rule of the update
 * `lr * A * (1[a=i] - p_i)`, for the sampled action and for the others.
 *
 * @param sampled whether i is the sampled action
 * @param a the sampled action
 * @param advantage A = r - b
 * @param lr the learning rate
 * @returns a short reason, e.g. `sampled and beat the baseline: made likelier`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pushReason } from "./bandit_story.ts";
 * assertEquals(pushReason(true, 2, -0.5, 0.5), "sampled and fell short: made less likely");
 * assertEquals(pushReason(false, 2, 0, 0.5), "A = 0: no push");
 * ```
 */
export function pushReason(sampled: boolean, a: number, advantage: number, lr: number): string {
  if (advantage === 0) return "A = 0: no push";
  if (lr === 0) return "lr = 0: no push";
  const reversed = lr < 0 ? ", reversed by the negative lr" : "";
  if (sampled) {
    return advantage > 0
      ? `sampled and beat the baseline: made likelier${reversed}`
      : `sampled and fell short: made less likely${reversed}`;
  }
  return advantage > 0
    ? `not sampled: gives way to action ${a}, more so the likelier it is${reversed}`
    : `not sampled: takes a share of what action ${a} loses${reversed}`;
}

/**
 * One REINFORCE step told in slow motion: parameters and probabilities before, the sampled
 * action, reward, baseline and advantage (with its sign named), the push on every logit with the
 * resulting change of its probability and the reason, and the state after. Warns when a
 * probability moves against its own logit (the others moved more; the probabilities still sum
 * to 1).
 *
 * @param rec the step's record (one line of `log.jsonl`)
 * @param best the index of the best action, marked `(best)`
 * @param opts the run's baseline setting and learning rate
 * @returns the story, several lines joined by `\n`
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepStory } from "./bandit_story.ts";
 * const { log, bestAction } = train({ steps: 5, seed: 0, lr: 0.5, baseline: true });
 * const rec = log.find((r) => r.advantage < 0)!;
 * assertStringIncludes(stepStory(rec, bestAction, { baseline: true, lr: 0.5 }), "(negative: ");
 * ```
 */
export function stepStory(
  rec: StepRecord,
  best: number,
  opts: { baseline: boolean; lr: number },
): string {
  const a = rec.action;
  const sign = rec.advantage > 0 ? "positive" : rec.advantage < 0 ? "negative" : "zero";
  const meaning = rec.advantage > 0
    ? "the reward beat the baseline"
    : rec.advantage < 0
    ? "the reward fell short of the baseline"
    : "the reward equalled the baseline";
  const lines = [
    `-- step ${padStep(rec.step, 3)} ` + "-".repeat(60),
    `  params  theta  ${vector(rec.params_before, signed)}`,
    `  probs   p      ${vector(rec.probs_before, f3)}`,
    `  sampled action a=${a} (p=${f3(rec.probs_before[a])})`,
    `  reward  r=${rec.reward} (action ${a} pays 1 with probability ${
      f3(DEFAULT_REWARD_PROBS[a])
    })`,
    opts.baseline
      ? rec.step === 1
        ? `  baseline b=0.000 (step 1: no earlier rewards yet)`
        : `  baseline b=${f3(rec.baseline)} (mean of the ${rec.step - 1} earlier rewards)`
      : `  baseline b=0.000 (no baseline)`,
    `  advantage A = r - b = ${signed(rec.advantage)} (${sign}: ${meaning})`,
    `  push on each logit, lr * A * (1[a=i] - p_i), and the resulting change of p_i:`,
  ];
  for (let i = 0; i < rec.gradient.length; i++) {
    const push = opts.lr * rec.gradient[i];
    const dp = rec.probs_after[i] - rec.probs_before[i];
    const why = pushReason(i === a, a, rec.advantage, opts.lr);
    let line = `    action ${i}${i === best ? " (best)" : "       "}: logit ${signed(push)}  ` +
      `p ${signed(dp)} ${dp > 0 ? "up  " : dp < 0 ? "down" : "same"}  (${why})`;
    if (push !== 0 && dp !== 0 && Math.sign(push) !== Math.sign(dp)) {
      line += "\n      note: p moved against its logit: the other logits moved more, and the " +
        "probabilities must still sum to 1";
    }
    lines.push(line);
  }
  lines.push(
    `  params  theta' ${vector(rec.params_after, signed)}`,
    `  probs   p'     ${vector(rec.probs_after, f3)}`,
    `  p(best = action ${best}): ${f3(rec.probs_before[best])} -> ${f3(rec.probs_after[best])}`,
  );
  return lines.join("\n");
}

/**
 * One fixed-format line per step (`--log-steps`): p(best) after the update, action, reward,
 * baseline, advantage.
 *
 * @param rec the step's record
 * @param best the index of the best action
 * @param width digits of the step number (at least 3)
 * @returns e.g. `step 010 | p(best)=0.412 | a=2 | r=1 | b=0.300 | A=+0.700`
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { stepLine } from "./bandit_story.ts";
 * const { log, bestAction } = train({ steps: 10, seed: 0, lr: 0.5, baseline: true });
 * assert(/^step 010 \| p\(best\)=\d\.\d{3} \| a=\d \| r=[01] \| b=\d\.\d{3} \| A=[+-]\d\.\d{3}$/
 *   .test(stepLine(log[9], bestAction, 3)));
 * ```
 */
export function stepLine(rec: StepRecord, best: number, width: number): string {
  return `step ${padStep(rec.step, width)} | p(best)=${
    f3(rec.probs_after[best])
  } | a=${rec.action} | ` +
    `r=${rec.reward} | b=${f3(rec.baseline)} | A=${signed(rec.advantage)}`;
}

/**
 * The closing lines of a training run: the final probabilities and how p(best) moved.
 *
 * @param r the training result
 * @returns two lines (the first starts with an empty line)
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { finalLines } from "./bandit_story.ts";
 * const r = train({ steps: 0, seed: 0, lr: 0.5, baseline: false });
 * assertStringIncludes(finalLines(r)[1], "0.250 -> 0.250 (unchanged)");
 * ```
 */
export function finalLines(r: BanditResult): string[] {
  const moved = r.finalBestProb > r.initialBestProb
    ? "rose"
    : r.finalBestProb < r.initialBestProb
    ? "fell"
    : "unchanged";
  return [
    `\nfinal action probabilities: ${vector(r.finalProbs, f3)}`,
    `p(best = action ${r.bestAction}): ${f3(r.initialBestProb)} -> ${f3(r.finalBestProb)} ` +
    `(${moved})`,
  ];
}

/** How much of a training run to tell: every step as a story, one line per step, or neither. */
export type BanditVerbosity = "slow" | "log-steps" | "quiet";

/**
 * Everything `deno task bandit` prints about one training run, in order: the opening lines, the
 * advantage's explanation and a story per step (`slow`), or one line per step (`log-steps`), the
 * closing lines, and the baseline ablation's table when there is one.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { train } from "../learn/bandit.ts";
 * import { banditTranscript } from "./bandit_story.ts";
 * const o = { steps: 3, seed: 0, lr: 0.5, baseline: true };
 * const lines = banditTranscript(train(o), o, "log-steps");
 * assertEquals(lines.filter((l) => l.startsWith("step ")).length, 3);
 * ```
 */
export function banditTranscript(
  r: BanditResult,
  o: BanditRunSettings,
  verbosity: BanditVerbosity,
  ablation: AblationResult | null = null,
): string[] {
  const lines = banditHeader(o);
  if (verbosity === "slow") {
    lines.push(explainAdvantage(o.baseline, o.lr));
    for (const rec of r.log) lines.push(stepStory(rec, r.bestAction, o));
  } else if (verbosity === "log-steps") {
    const width = Math.max(3, String(o.steps).length);
    for (const rec of r.log) lines.push(stepLine(rec, r.bestAction, width));
  }
  lines.push(...finalLines(r));
  if (ablation !== null) {
    lines.push(ablationIntro(ablation.seeds, ablation.steps, ablation.lr), ablationTable(ablation));
  }
  return lines;
}
