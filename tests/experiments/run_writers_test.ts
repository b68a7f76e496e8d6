// The run folders of the Loop C learners (lib/experiments/*.ts through core/write_run.ts), as the CLIs and the notebooks write
// them. One rule per test; the CLIs' end-to-end tests (bandit_test.ts, mdp_test.ts, kl_test.ts)
// pin that `deno task …` writes through these same functions.
import { parse } from "npm:csv-parse@6.2.0/sync";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { baselineAblation } from "../../lib/learn/bandit_ablation.ts";
import { train } from "../../lib/learn/bandit.ts";
import { COMPLETION_STYLES, DEFAULT_BETAS } from "../../lib/learn/kl.ts";
import { klSweep } from "../../lib/learn/kl_sweep.ts";
import { checkRunTarget } from "../../lib/core/write_run.ts";
import type { RunOptions } from "../../lib/core/run_options.ts";
import { writeBanditRun } from "../../lib/experiments/bandit.ts";
import { writeKlRun } from "../../lib/experiments/kl.ts";
import { writeMdpRun } from "../../lib/experiments/mdp.ts";
import { writeTestbedRun } from "../../lib/experiments/testbed.ts";
import { trainMdp } from "../../lib/learn/mdp.ts";
import { gradientBanditTestbed, testbedRows } from "../../lib/learn/testbed.ts";

const OPTS: RunOptions = { command: "notebook M1_reinforce_slow_motion", plot: true };
const SETTINGS = { steps: 30, seed: 0, lr: 0.5, baseline: true };

async function withTmp(body: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "loopc_runs_test_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const files = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path));

/** The error message of a promise that must reject. */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a rejection");
}

Deno.test("writeBanditRun() writes the log, the summary, the ablation and the charts", async () => {
  await withTmp(async (dir) => {
    const result = train(SETTINGS);
    const ablation = baselineAblation({ seeds: 50, steps: 30, lr: 0.5 });
    const path = await writeBanditRun({ result, settings: SETTINGS, ablation }, `${dir}/b`, OPTS);
    assertEquals(path, `${dir}/b`);
    assertEquals(files(path), [
      "ablation.csv",
      "ablation.svg",
      "final_probs.svg",
      "learning_curve.svg",
      "log.jsonl",
      "manifest.json",
      "summary.json",
      "summary.md",
    ]);
    const summary = await readJson(`${path}/summary.json`);
    assertEquals([summary.best_action, summary.final_probs], [2, result.finalProbs]);
    assertEquals(summary.ablation.variance_ratio, ablation.varianceRatio);
    const log = (await Deno.readTextFile(`${path}/log.jsonl`)).trim().split("\n");
    assertEquals(log, result.log.map((rec) => JSON.stringify(rec))); // one compact line per step
  });
});

Deno.test("writeBanditRun() records the caller's command and args, then settings, then provenance", async () => {
  await withTmp(async (dir) => {
    const path = await writeBanditRun(
      { result: train(SETTINGS), settings: SETTINGS, ablation: null },
      `${dir}/b`,
      { command: "deno task bandit", args: ["--baseline"] },
    );
    const m = await readJson(`${path}/manifest.json`);
    assertEquals(Object.keys(m), [
      "kind",
      "command",
      "args",
      "seed",
      "lr",
      "steps",
      "baseline",
      "reward_probs",
      "ablation_seeds",
      "artifacts",
      "deno_version",
      "git_commit",
      "git_dirty",
      "created_at",
    ]);
    assertEquals([m.kind, m.command, m.args, m.seed, m.ablation_seeds], [
      "bandit",
      "deno task bandit",
      ["--baseline"],
      0,
      null,
    ]);
    // Without plot, no charts; without an ablation, no ablation.csv.
    assertEquals(files(path), ["log.jsonl", "manifest.json", "summary.json", "summary.md"]);
  });
});

Deno.test("writeBanditRun() with the same seed writes a byte-identical log.jsonl", async () => {
  await withTmp(async (dir) => {
    for (const name of ["a", "b"]) {
      await writeBanditRun(
        { result: train(SETTINGS), settings: SETTINGS, ablation: null },
        `${dir}/${name}`,
        OPTS,
      );
    }
    const a = await Deno.readFile(`${dir}/a/log.jsonl`);
    assert(a.length > 0);
    assertEquals(a, await Deno.readFile(`${dir}/b/log.jsonl`));
  });
});

Deno.test("writeBanditRun() refuses a taken folder, keeps its files and leaves no temporary folder", async () => {
  await withTmp(async (dir) => {
    await Deno.mkdir(`${dir}/taken`);
    await Deno.writeTextFile(`${dir}/taken/keep.txt`, "someone's run");
    const input = { result: train(SETTINGS), settings: SETTINGS, ablation: null };
    assertStringIncludes(
      await rejection(writeBanditRun(input, `${dir}/taken`, OPTS)),
      "already holds a run",
    );
    assertEquals(files(`${dir}/taken`), ["keep.txt"]);
    assertEquals(files(dir), ["taken"]);
    await writeBanditRun(input, `${dir}/taken`, { ...OPTS, force: true });
    assert(files(`${dir}/taken`).includes("summary.json"));
  });
});

Deno.test("writeTestbedRun() writes testbed.csv with the library's rows, the summary and the figure", async () => {
  await withTmp(async (dir) => {
    const config = { runs: 20, steps: 1000, alphas: [0.1, 0.4], seed: 0, arms: 10, trueMean: 4 };
    const result = gradientBanditTestbed(config);
    const path = await writeTestbedRun(
      { result, config, elapsedSeconds: null },
      `${dir}/t`,
      OPTS,
    );
    assertEquals(files(path), [
      "manifest.json",
      "summary.json",
      "summary.md",
      "testbed.csv",
      "testbed.svg",
    ]);
    const csv = (await Deno.readTextFile(`${path}/testbed.csv`)).trim().split("\n");
    assertEquals(csv[0], "alpha,baseline,step,optimal_action_rate");
    const rows = testbedRows(result);
    assertEquals(csv.length, 1 + rows.length);
    assertEquals(csv[1].split(",").map(String), [
      String(rows[0].alpha),
      String(rows[0].baseline),
      String(rows[0].step),
      String(rows[0].optimal_action_rate),
    ]);
    const summary = await readJson(`${path}/summary.json`);
    assertEquals(summary.curves.length, 4);
    assertEquals(Object.keys(summary.curves[0].optimal_action_rate_at), ["100", "500", "1000"]);
    const m = await readJson(`${path}/manifest.json`);
    assertEquals([m.kind, m.command, m.seed, m.runs, m.elapsed_seconds], [
      "testbed",
      OPTS.command,
      0,
      20,
      null,
    ]);
  });
});

Deno.test("writeTestbedRun() refuses a taken folder", async () => {
  await withTmp(async (dir) => {
    await Deno.mkdir(`${dir}/t`);
    await Deno.writeTextFile(`${dir}/t/x`, "");
    const config = { runs: 2, steps: 10, alphas: [0.1], seed: 0 };
    const input = { result: gradientBanditTestbed(config), config, elapsedSeconds: null };
    assertStringIncludes(
      await rejection(writeTestbedRun(input, `${dir}/t`, OPTS)),
      "already holds",
    );
  });
});

Deno.test("writeMdpRun() writes trajectories, the final probabilities of both steps and the curve", async () => {
  await withTmp(async (dir) => {
    const result = trainMdp({ episodes: 120, seed: 0, lr: 0.5, creditStep1: false });
    const path = await writeMdpRun(result, `${dir}/m`, OPTS);
    assertEquals(files(path), [
      "learning_curve.svg",
      "manifest.json",
      "summary.json",
      "summary.md",
      "trajectories.jsonl",
    ]);
    const summary = await readJson(`${path}/summary.json`);
    assertEquals([summary.sabotage, summary.final_probs], [true, result.final]);
    assertEquals(summary.final_probs.step1, { L: 0.5, R: 0.5 });
    const m = await readJson(`${path}/manifest.json`);
    assertEquals([m.kind, m.command, m.credit_step1, m.rewarded_path], [
      "mdp",
      OPTS.command,
      false,
      ["R", "L"],
    ]);
  });
});

Deno.test("writeMdpRun() with the same seed writes byte-identical trajectories; a taken folder is refused", async () => {
  await withTmp(async (dir) => {
    const config = { episodes: 100, seed: 3, lr: 0.5, creditStep1: true };
    await writeMdpRun(trainMdp(config), `${dir}/a`, OPTS);
    await writeMdpRun(trainMdp(config), `${dir}/b`, OPTS);
    assertEquals(
      await Deno.readFile(`${dir}/a/trajectories.jsonl`),
      await Deno.readFile(`${dir}/b/trajectories.jsonl`),
    );
    assertStringIncludes(
      await rejection(writeMdpRun(trainMdp(config), `${dir}/a`, OPTS)),
      "already holds a run",
    );
  });
});

Deno.test("writeKlRun() writes kl_tradeoff.csv (one row per beta), the summary and the frontier", async () => {
  await withTmp(async (dir) => {
    const points = klSweep(COMPLETION_STYLES, DEFAULT_BETAS);
    const path = await writeKlRun({ actions: COMPLETION_STYLES, points }, `${dir}/k`, OPTS);
    assertEquals(files(path), [
      "frontier.svg",
      "kl_tradeoff.csv",
      "manifest.json",
      "summary.json",
      "summary.md",
    ]);
    const text = await Deno.readTextFile(`${path}/kl_tradeoff.csv`);
    assertEquals(text.split("\n")[0], "beta,expected_reward,kl");
    // Read back with a real CSV parser: every number round-trips exactly.
    const rows = parse(text, { columns: true, cast: true }) as Record<string, number>[];
    assertEquals(
      rows,
      points.map((p) => ({ beta: p.beta, expected_reward: p.expected_reward, kl: p.kl })),
    );
    const summary = await readJson(`${path}/summary.json`);
    assertEquals(summary.points.length, DEFAULT_BETAS.length);
    assertEquals(summary.points[0].collapsed, true);
    const m = await readJson(`${path}/manifest.json`);
    assertEquals([m.kind, m.command, m.seed, m.betas], ["kl", OPTS.command, null, [
      ...DEFAULT_BETAS,
    ]]);
    assertStringIncludes(
      await rejection(writeKlRun({ actions: COMPLETION_STYLES, points }, path, OPTS)),
      "already holds a run",
    );
  });
});

Deno.test("checkRunTarget() refuses a taken folder unless forced, and accepts an absent one", async () => {
  await withTmp(async (dir) => {
    await checkRunTarget(`${dir}/new/run`, false);
    await Deno.mkdir(`${dir}/taken`);
    await Deno.writeTextFile(`${dir}/taken/x`, "");
    assertStringIncludes(await rejection(checkRunTarget(`${dir}/taken`, false)), "already holds");
    await checkRunTarget(`${dir}/taken`, true);
  });
});
