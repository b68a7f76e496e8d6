/**
 * `deno task kl`: the KL-regularised optimum E_pi[r] - beta * KL(pi || pi_ref) over a sweep of
 * beta, on eight completion styles, in closed form and checked by gradient ascent. Parses flags,
 * calls `lib/kl.ts`, prints a table, writes the run (kl_tradeoff.csv, optional frontier.svg).
 * @module
 */
import { stringify } from "csv-stringify/sync";
import { openRun, type RunDir, runManifest, uniqueRunPath } from "../artifacts.ts";
import { UsageError } from "../errors.ts";
import { COMPLETION_STYLES, DEFAULT_BETAS, type KlAction, type KlPoint, klSweep } from "../kl.ts";
import { runsPath } from "../paths.ts";
import { frontierChart, renderSvg } from "../plot.ts";
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
  help: { type: "boolean", short: "h" },
} as const;

/** The agreement the gradient-ascent check must reach, in probabilities. */
const AGREEMENT = 1e-6;

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);

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
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const betas = typeof values.betas === "string" ? parseBetas(values.betas) : [...DEFAULT_BETAS];
  const force = values.force === true;
  const path = typeof values.outdir === "string"
    ? values.outdir
    : await uniqueRunPath(runsPath(), "kl");
  const run = await openRun(path, { force }); // refuse an occupied --outdir before any work
  try {
    const actions = COMPLETION_STYLES;
    console.log(
      `kl: maximise E_pi[r] - beta * KL(pi || pi_ref) over ${actions.length} completion styles ` +
        `for ${betas.length} value(s) of beta`,
    );
    console.log("phase 1: the example (r = chance the strict verifier accepts the style)");
    console.log(actionTable(actions));
    console.log(
      "\nphase 2: solve each beta in closed form (softmax of log pi_ref + r / beta), then check\n" +
        "it by gradient ascent on the logits from pi = pi_ref (natural gradient f - E_pi[f] with\n" +
        "f = r - beta * log(pi / pi_ref); max|dp| = largest gap in probs)",
    );
    const points = klSweep(actions, betas);
    console.log(sweepTable(points, actions));
    for (const p of points) {
      if (p.collapsed) {
        const names = p.top3.map((a) => actions[a].name).join(", ");
        console.log(
          `note: beta = 0 has no KL penalty, so the policy collapses on the best action(s) in ` +
            `pi_ref's support (${names}); no r / beta is computed.`,
        );
      } else if (p.ascent !== null && (!p.ascent.converged || p.ascent.max_abs_diff > AGREEMENT)) {
        console.log(
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
    console.log(
      "\nphase 3: reading the sweep: as beta grows, the policy stays closer to pi_ref (KL falls)\n" +
        "and gives up reward (E_pi[r] falls). Small beta buys reward with KL; near beta = 0 it\n" +
        "chases the format hack that the reference almost never writes.",
    );
    await writeRun(run, argv, actions, points, values.plot === true);
    console.log(`\nrun written to ${await run.commit()}`);
  } catch (e) {
    await run.abort();
    throw e;
  }
  return 0;
}

function actionTable(actions: readonly KlAction[]): string {
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

function sweepTable(points: readonly KlPoint[], actions: readonly KlAction[]): string {
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

async function writeRun(
  run: RunDir,
  argv: string[],
  actions: readonly KlAction[],
  points: readonly KlPoint[],
  plot: boolean,
) {
  await run.writeJson(
    "manifest.json",
    // seed null: no randomness, closed form and deterministic gradient ascent
    await runManifest({ kind: "kl", command: "deno task kl", args: argv, seed: null }, {
      betas: points.map((p) => p.beta),
      actions,
    }),
  );
  await run.writeText(
    "kl_tradeoff.csv",
    stringify(points.map((p) => [p.beta, p.expected_reward, p.kl]), {
      header: true,
      columns: ["beta", "expected_reward", "kl"],
    }),
  );
  await run.writeJson("summary.json", {
    agreement_tolerance: AGREEMENT,
    points: points.map((p) => ({
      beta: p.beta,
      expected_reward: p.expected_reward,
      kl: p.kl,
      collapsed: p.collapsed,
      top3: p.top3.map((a) => ({ action: a, name: actions[a].name, prob: p.probs[a] })),
      probs: p.probs,
      ascent: p.ascent === null ? null : {
        iterations: p.ascent.iterations,
        converged: p.ascent.converged,
        max_abs_diff: p.ascent.max_abs_diff,
        residual: p.ascent.residual,
      },
    })),
  });
  await run.writeText(
    "summary.md",
    [
      "# KL trade-off",
      "",
      "The maximiser of E_pi[r] - beta * KL(pi || pi_ref) for each beta (closed form; max |dp| is",
      "the largest gap to gradient ascent on the logits).",
      "",
      "| beta | E_pi[r] | KL (nats) | max \\|dp\\| | top-3 styles |",
      "| --- | --- | --- | --- | --- |",
      ...points.map((p) =>
        `| ${p.beta} | ${f4(p.expected_reward)} | ${f4(p.kl)} | ${
          p.ascent === null ? "n/a (collapse)" : p.ascent.max_abs_diff.toExponential(1)
        } | ${p.top3.map((a) => `${actions[a].name} (${f3(p.probs[a])})`).join(", ")} |`
      ),
      "",
    ].join("\n"),
  );
  if (plot) {
    const spec = frontierChart({
      rows: points.map((p) => ({ beta: p.beta, reward: p.expected_reward, kl: p.kl })),
      subtitle: `${actions.length} completion styles; one dot per beta`,
    });
    await run.writeText("frontier.svg", await renderSvg(spec));
  }
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
