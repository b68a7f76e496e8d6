/**
 * `deno task mdp`: REINFORCE on the two-step MDP with a delayed reward (only R then L pays), told
 * as a story; `--sabotage` withholds credit from step 1. Parses flags, calls `lib/mdp.ts`, prints,
 * writes the run.
 * @module
 */
import { openRun, type RunDir, runManifest, uniqueRunPath } from "../artifacts.ts";
import { type MdpEpisode, type MdpResult, movingSuccess, REWARDED_PATH, trainMdp } from "../mdp.ts";
import { runsPath } from "../paths.ts";
import { lineChart, renderSvg } from "../plot.ts";
import { intFlag, numberFlag, parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task mdp [options]

Two-step MDP with a delayed reward: step 1 picks L or R, step 2 picks L or R, and only the path
${
  REWARDED_PATH.join(" then ")
} earns reward 1, paid at the end. Both steps learn by REINFORCE from the same
end-of-episode advantage A = return - baseline (baseline = mean of earlier returns).

Options:
  --episodes N   training episodes (default 300)
  --seed N       random seed, 0..4294967295 (default 0)
  --lr X         learning rate of both steps (default 0.5)
  --sabotage     withhold credit from step 1: only step 2 is updated (default off)
  --plot         write learning_curve.svg into the run (default off)
  --outdir DIR   the run folder (default runs/mdp_<UTC time>)
  --force        replace an existing non-empty --outdir (default off)
  -h, --help     show this help`;

const FLAGS = {
  episodes: { type: "string" },
  seed: { type: "string" },
  lr: { type: "string" },
  sabotage: { type: "boolean" },
  plot: { type: "boolean" },
  outdir: { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Window of the moving success rate in the plot. */
const WINDOW = 25;

const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => (x < 0 ? "-" : "+") + Math.abs(x).toFixed(3);

async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const episodes = intFlag(values, "episodes", 300, 1, 10_000_000);
  const seed = intFlag(values, "seed", 0, 0, 0xffffffff);
  const lr = numberFlag(values, "lr", 0.5);
  const sabotage = values.sabotage === true;
  const plot = values.plot === true;
  const force = values.force === true;
  const path = typeof values.outdir === "string"
    ? values.outdir
    : await uniqueRunPath(runsPath(), "mdp");
  // Refuse an occupied --outdir before training, not after.
  const run = await openRun(path, { force });
  try {
    const result = tell({ episodes, seed, lr, creditStep1: !sabotage });
    await writeRun(run, argv, result, plot);
    console.log(`\nrun written to ${await run.commit()}`);
  } catch (e) {
    await run.abort();
    throw e;
  }
  return 0;
}

/** Trains and prints the story; returns the result for the artifacts. */
function tell(config: Parameters<typeof trainMdp>[0]): MdpResult {
  const sabotage = !config.creditStep1;
  console.log(
    `mdp: two steps, actions L/R, reward 1 only for ${REWARDED_PATH.join(" then ")}, paid at the ` +
      `end; ${config.episodes} episodes, seed ${config.seed}, lr ${config.lr}`,
  );
  console.log(
    "phase 1: the policy starts uniform: p1(R) = 0.500, p2(L|R) = 0.500, so one episode in four " +
      "is rewarded by luck",
  );
  console.log(
    sabotage
      ? "phase 2: training with step-1 credit WITHHELD (--sabotage): only step 2 is updated"
      : "phase 2: training; both steps get the same advantage A = return - baseline",
  );
  const result = trainMdp(config);
  const every = Math.max(1, Math.round(config.episodes / 12));
  const width = Math.max(3, String(config.episodes).length);
  for (const ep of result.episodes) {
    if (ep.episode % every === 0 || ep.episode === 1 || ep.episode === config.episodes) {
      console.log(progressLine(ep, width));
    }
  }
  const f = result.final;
  console.log("\nphase 3: the learned policy");
  console.log(`  step 1:            p1(L)   = ${f3(f.step1.L)}   p1(R)   = ${f3(f.step1.R)}`);
  console.log(`  step 2 in state R: p2(L|R) = ${f3(f.step2.R.L)}   p2(R|R) = ${f3(f.step2.R.R)}`);
  console.log(`  step 2 in state L: p2(L|L) = ${f3(f.step2.L.L)}   p2(R|L) = ${f3(f.step2.L.R)}`);
  console.log(
    `  success rate over training: ${f3(result.success_rate)}; ` +
      `p(path ${REWARDED_PATH.join(" then ")}) now ${f3(result.final_path_prob)}`,
  );
  console.log(`\n${sabotage ? explainSabotage(result) : explainCredit(result)}`);
  return result;
}

function progressLine(ep: MdpEpisode, width: number): string {
  return `ep ${String(ep.episode).padStart(width, "0")} | a=${ep.a1},${ep.a2} | ` +
    `return=${ep.return} | b=${f3(ep.baseline)} | A=${signed(ep.advantage)} | ` +
    `p1(R)=${f3(ep.p1_R_after)} | p2(L|R)=${f3(ep.p2_L_given_R_after)}`;
}

function explainCredit(result: MdpResult): string {
  return [
    "Why step 1 learned although it never earns anything itself:",
    "  The reward arrives only after step 2, but the return of an episode belongs to every",
    "  decision in it. REINFORCE scales grad log p1(a1) by the same advantage as step 2, so",
    "  episodes that went R then L (A > 0) push p1(R) up, and episodes that started with L can",
    "  never pay, so their A < 0 pushes p1(L) down. Step 1 is credited for making the reward",
    "  possible, which is the whole of credit assignment in this tiny world.",
    `  Result: p1(R) 0.500 -> ${f3(result.final.step1.R)}, ` +
    `p2(L|R) 0.500 -> ${f3(result.final.step2.R.L)}.`,
    `  Note p2(L|L) = ${f3(result.final.step2.L.L)}: state L never pays, so its table only drifts`,
    "  (every visit has A <= 0 and pushes away from whatever it did); it stops mattering as",
    "  step 1 stops going there.",
  ].join("\n");
}

function explainSabotage(result: MdpResult): string {
  return [
    "Why step 1 never learned:",
    "  Step 2 still gets the advantage, so in state R it learns L: p2(L|R) 0.500 -> " +
    `${f3(result.final.step2.R.L)}.`,
    "  Step 1 got no credit: its logits were never updated, so p1(R) stayed exactly at " +
    `${f3(result.final.step1.R)}.`,
    "  Half of all episodes still start with L, where no second move can pay, so the success",
    `  rate is capped near 0.5 (here ${f3(result.success_rate)}). The step-1 choice mattered: the`,
    "  reward needs R first. Only the shared end-of-episode return could have told it so.",
  ].join("\n");
}

async function writeRun(run: RunDir, argv: string[], result: MdpResult, plot: boolean) {
  const c = result.config;
  await run.writeJson(
    "manifest.json",
    await runManifest({ kind: "mdp", command: "deno task mdp", args: argv, seed: c.seed }, {
      episodes: c.episodes,
      lr: c.lr,
      credit_step1: c.creditStep1,
      rewarded_path: REWARDED_PATH,
    }),
  );
  const log = await run.jsonl("trajectories.jsonl");
  for (const ep of result.episodes) await log.write(ep);
  await log.close();
  const summary = {
    episodes: c.episodes,
    seed: c.seed,
    lr: c.lr,
    sabotage: !c.creditStep1,
    final_probs: result.final,
    final_path_prob: result.final_path_prob,
    success_rate: result.success_rate,
  };
  await run.writeJson("summary.json", summary);
  const f = result.final;
  await run.writeText(
    "summary.md",
    [
      `# Two-step MDP${c.creditStep1 ? "" : " (sabotage: no credit for step 1)"}`,
      "",
      `${c.episodes} episodes, seed ${c.seed}, lr ${c.lr}. Reward 1 only for ` +
      `${REWARDED_PATH.join(" then ")}, paid at the end.`,
      "",
      "| probability | start | final |",
      "| --- | --- | --- |",
      `| p1(R) | 0.500 | ${f3(f.step1.R)} |`,
      `| p2(L\\|R) | 0.500 | ${f3(f.step2.R.L)} |`,
      `| p2(L\\|L) | 0.500 | ${f3(f.step2.L.L)} |`,
      `| p(R then L) | 0.250 | ${f3(result.final_path_prob)} |`,
      "",
      `Success rate over training: ${f3(result.success_rate)}.`,
      "",
    ].join("\n"),
  );
  if (plot) {
    const success = movingSuccess(result.episodes, WINDOW);
    const rows = result.episodes.flatMap((ep, i) => [
      { x: ep.episode, y: ep.p1_R_after, series: "p1(R)" },
      { x: ep.episode, y: ep.p2_L_given_R_after, series: "p2(L|R)" },
      { x: ep.episode, y: success[i], series: `success rate (last ${WINDOW})` },
    ]);
    const spec = lineChart({
      title: `Two-step MDP: learning curve${c.creditStep1 ? "" : " (step-1 credit withheld)"}`,
      subtitle: `${c.episodes} episodes, seed ${c.seed}, lr ${c.lr}`,
      xTitle: "episode",
      yTitle: "probability",
      rows,
      yDomain: [0, 1],
    });
    await run.writeText("learning_curve.svg", await renderSvg(spec));
  }
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
