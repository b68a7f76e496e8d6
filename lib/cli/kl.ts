/**
 * `deno task kl`: the KL-regularised optimum E_pi[r] - beta * KL(pi || pi_ref) over a sweep of
 * beta, on eight completion styles, in closed form and checked by gradient ascent. Parses flags,
 * sweeps with `lib/learn/kl.ts`, prints the story of `lib/present/kl_story.ts`, writes the run
 * (kl_tradeoff.csv, optional frontier.svg) with `lib/learn/run_writers.ts`.
 * @module
 */
import { uniqueRunPath } from "../core/run_dir.ts";
import { UsageError } from "../core/errors.ts";
import { COMPLETION_STYLES, DEFAULT_BETAS, klSweep } from "../learn/kl.ts";
import { klStory } from "../present/kl_story.ts";
import { checkRunTarget, writeKlRun } from "../learn/run_writers.ts";
import { runsPath } from "../core/paths.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task kl [options]

For each beta, the policy over ${COMPLETION_STYLES.length} completion styles that maximises
E_pi[r] - beta * KL(pi || pi_ref): closed form pi ∝ pi_ref * exp(r / beta), checked by
(natural-)gradient ascent on the logits. Prints expected reward, KL and the top-3 styles per beta.

Options:
  --betas LIST   comma-separated beta values >= 0 (default ${DEFAULT_BETAS.join(",")})
  --plot         write frontier.svg (expected reward vs KL) into the run (default off)
  --outdir DIR   the run folder (default runs/kl_<UTC time>)
  --force        replace an existing non-empty --outdir (default off)
  -h, --help     show this help`;

const FLAGS = {
  betas: { type: "string" },
  plot: { type: "boolean" },
  outdir: { type: "string" },
  force: { type: "boolean" },
} as const;

function parseBetas(text: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  return parts.map((s) => {
    const beta = s === "" ? NaN : Number(s);
    if (!Number.isFinite(beta) || beta < 0) {
      throw new UsageError(
        `--betas must be comma-separated numbers >= 0, got ${JSON.stringify(s)}`,
      );
    }
    return beta;
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  const betas = typeof values.betas === "string" ? parseBetas(values.betas) : [...DEFAULT_BETAS];
  const force = values.force === true;
  const path = typeof values.outdir === "string"
    ? values.outdir
    : await uniqueRunPath(runsPath(), "kl");
  await checkRunTarget(path, force); // refuse a taken or forbidden --outdir before any work
  const actions = COMPLETION_STYLES;
  const points = klSweep(actions, betas);
  for (const line of klStory(actions, points)) console.log(line);
  const runPath = await writeKlRun({ actions, points }, path, {
    command: "deno task kl",
    args: argv,
    force,
    plot: values.plot === true,
  });
  console.log(`\nrun written to ${runPath}`);
  return 0;
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
