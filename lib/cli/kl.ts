/**
 * `deno task kl`: the KL-regularised optimum E_pi[r] - beta * KL(pi || pi_ref) over a sweep of
 * beta, in closed form and checked by gradient ascent. Thin: parse, run the experiment
 * (lib/experiments/kl.ts), print.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { runKl } from "../experiments/kl.ts";
import { COMPLETION_STYLES, DEFAULT_BETAS } from "../learn/kl.ts";
import { klStory } from "../present/kl_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";

export const KL = {
  name: "deno task kl",
  summary: `For each beta, the policy over ${COMPLETION_STYLES.length} completion styles that ` +
    `maximises E_pi[r] - beta * KL(pi || pi_ref): closed form pi ∝ pi_ref * exp(r / beta), ` +
    `checked by (natural-)gradient ascent. Prints expected reward, KL and the top-3 styles.`,
  flags: {
    betas: flag.list("LIST", "comma-separated beta values >= 0", {
      default: DEFAULT_BETAS.map(String),
    }),
    plot: flag.bool("write frontier.svg (expected reward vs KL) into the run"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

/** The β values of `--betas`, each a decimal number >= 0, or a usage error naming the bad one. */
function betasOf(list: readonly string[]): number[] {
  const bad = list.find((s) => !/^\d+(\.\d*)?([eE][-+]?\d+)?$|^\.\d+$/.test(s.trim()));
  if (bad !== undefined) {
    throw new UsageError(
      `--betas must be comma-separated numbers >= 0, got ${JSON.stringify(bad)}`,
    );
  }
  return list.map(Number);
}

if (import.meta.main) {
  await runCommand(KL, async (f) => {
    const betas = betasOf(f.betas);
    const run = await prepareCommandRun(KL, f, "kl");
    const { runPath, points } = await runKl({
      actions: COMPLETION_STYLES,
      betas,
      ...run,
      plot: f.plot,
    });
    for (const line of klStory(COMPLETION_STYLES, points)) console.log(line);
    console.log(`\n${runWrittenLine(runPath)}${f.plot ? ` (frontier.svg inside)` : ""}`);
    return 0;
  });
}
