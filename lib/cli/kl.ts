/**
 * `deno task kl`: the KL-regularised optimum E_pi[r] - beta * KL(pi || pi_ref) over a sweep of
 * beta, in closed form and checked by gradient ascent. Thin: sweep, print, write the run.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { COMPLETION_STYLES, DEFAULT_BETAS } from "../learn/kl.ts";
import { klSweep } from "../learn/kl_sweep.ts";
import { klStory } from "../present/kl_story.ts";
import { writeKlRun } from "../present/kl_summary.ts";
import { type Command, runCommand } from "./command.ts";
import { prepareRun, RUN_FLAGS, runWrittenLine } from "./run_target.ts";

export const KL = {
  name: "deno task kl",
  summary: `For each beta, the policy over ${COMPLETION_STYLES.length} completion styles that ` +
    `maximises E_pi[r] - beta * KL(pi || pi_ref): closed form pi ∝ pi_ref * exp(r / beta), ` +
    `checked by (natural-)gradient ascent. Prints expected reward, KL and the top-3 styles.`,
  flags: {
    betas: {
      type: "list",
      arg: "LIST",
      help: "comma-separated beta values >= 0",
      default: DEFAULT_BETAS.map(String),
    },
    plot: { type: "boolean", help: "write frontier.svg (expected reward vs KL) into the run" },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(KL, async (f) => {
    const betas = f.betas.map((s) => (s.trim() === "" ? NaN : Number(s)));
    const bad = f.betas.find((_, i) => !Number.isFinite(betas[i]) || betas[i] < 0);
    if (bad !== undefined) {
      throw new UsageError(
        `--betas must be comma-separated numbers >= 0, got ${JSON.stringify(bad)}`,
      );
    }
    const path = await prepareRun(f.outdir, "kl", f.force);
    const points = klSweep(COMPLETION_STYLES, betas);
    for (const line of klStory(COMPLETION_STYLES, points)) console.log(line);
    const opts = { command: KL.name, args: Deno.args, force: f.force, plot: f.plot };
    const runPath = await writeKlRun({ actions: COMPLETION_STYLES, points }, path, opts);
    console.log(`\n${runWrittenLine(runPath)}${f.plot ? ` (frontier.svg inside)` : ""}`);
    return 0;
  });
}
