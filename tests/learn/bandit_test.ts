// REINFORCE on the four-armed bandit, the baseline ablation, Sutton & Barto's Figure 2.5, and
// `deno task bandit` end to end. One rule per test.
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertStringIncludes,
} from "../../lib/core/testing.ts";
import {
  type BanditState,
  banditStep,
  DEFAULT_REWARD_PROBS,
  softmax,
  train,
} from "../../lib/learn/bandit.ts";
import { baselineAblation } from "../../lib/learn/bandit_ablation.ts";
import { makeRng, seedFrom } from "../../lib/core/prng.ts";
import {
  BOOK_TESTBED,
  gradientBanditTestbed,
  type TestbedResult,
} from "../../lib/learn/testbed.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine, usageRefusal } from "../refusal.ts";
import { BANDIT } from "../../lib/cli/bandit.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";
import { runBandit } from "../../lib/experiments/bandit.ts";
import { banditTranscript } from "../../lib/present/bandit_story.ts";

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: readonly number[]) => mean(xs.map((x) => x * x)) - mean(xs) ** 2;

Deno.test("banditStep() moves every logit by lr·(r − b)·(1[a=i] − π_i)", () => {
  const state: BanditState = { step: 3, params: [0.5, -0.2, 0.1, 0], rewardSum: 2 };
  const settings = { lr: 0.7, baseline: true, rewardProbs: DEFAULT_REWARD_PROBS };
  const { record, state: next } = banditStep(state, settings, makeRng(11));
  const pi = softmax(state.params);
  assertEquals(record.probs_before, pi);
  assertAlmostEquals(record.baseline, 2 / 3, 1e-15);
  assertAlmostEquals(record.advantage, record.reward - 2 / 3, 1e-15);
  for (let i = 0; i < 4; i++) {
    const expected = state.params[i] +
      0.7 * record.advantage * ((i === record.action ? 1 : 0) - pi[i]);
    assertAlmostEquals(record.params_after[i], expected, 1e-15);
  }
  assertEquals(record.probs_after, softmax(record.params_after));
  assertEquals(next, { step: 4, params: record.params_after, rewardSum: 2 + record.reward });
});

Deno.test("train() with the same seed gives the same log, and another seed a different one", () => {
  const config = { steps: 50, seed: 7, lr: 0.5, baseline: true };
  assertEquals(JSON.stringify(train(config).log), JSON.stringify(train(config).log));
  assertNotEquals(train(config).log, train({ ...config, seed: 8 }).log);
});

Deno.test("train() with baseline uses the mean of earlier rewards, computed before the update", () => {
  const { log } = train({ steps: 40, seed: 3, lr: 0.5, baseline: true });
  assertEquals(log[0].baseline, 0); // nothing seen before step 1
  let sum = 0;
  for (const rec of log) {
    // b_t = (r_1 + … + r_{t−1}) / (t − 1): this step's own reward is not in it.
    assertAlmostEquals(rec.baseline, rec.step === 1 ? 0 : sum / (rec.step - 1), 1e-12);
    assertAlmostEquals(rec.advantage, rec.reward - rec.baseline, 1e-15);
    sum += rec.reward;
  }
});

Deno.test("train() without baseline uses b = 0, so the advantage is the reward", () => {
  const { log } = train({ steps: 40, seed: 3, lr: 0.5, baseline: false });
  for (const rec of log) {
    assertEquals(rec.baseline, 0);
    assertEquals(rec.advantage, rec.reward);
  }
});

Deno.test("train() with positive lr raises the best action's probability", () => {
  const finals = Array.from(
    { length: 20 },
    (_, seed) => train({ steps: 100, seed, lr: 0.5, baseline: true }).finalBestProb,
  );
  assert(mean(finals) > 0.8, `mean final p(best) ${mean(finals)}`);
});

Deno.test("train() with negative lr lowers the best action's probability", () => {
  for (let seed = 0; seed < 20; seed++) {
    const r = train({ steps: 100, seed, lr: -0.5, baseline: true });
    assertEquals(r.bestAction, 2);
    assertEquals(r.initialBestProb, 0.25);
    assert(r.finalBestProb < r.initialBestProb, `seed ${seed}: ${r.finalBestProb}`);
  }
  const finals = Array.from(
    { length: 20 },
    (_, seed) => train({ steps: 100, seed, lr: -0.5, baseline: true }).finalBestProb,
  );
  assert(mean(finals) < 0.05, `mean final p(best) ${mean(finals)}`);
});

Deno.test("banditStep() gradient is unbiased with or without a baseline (oracle: π_b·(p_b − Σπp))", () => {
  // At the uniform policy, E[g_best] = π_best · (p_best − Σ_a π_a p_a) = 0.25 · (0.8 − 0.425),
  // whatever the baseline, as long as it does not depend on the action; its variance is not.
  const expected = 0.25 * (0.8 - mean(DEFAULT_REWARD_PROBS));
  const uniform = [0, 0, 0, 0];
  const sample = (baseline: boolean) =>
    Array.from({ length: 40_000 }, (_, i) => {
      // 40 earlier steps with 17 rewards: b = 0.425, the policy's mean reward.
      const state: BanditState = { step: 40, params: uniform, rewardSum: 17 };
      const settings = { lr: 1, baseline, rewardProbs: DEFAULT_REWARD_PROBS };
      return banditStep(state, settings, makeRng(seedFrom("oracle", i))).record.gradient[2];
    });
  const withB = sample(true), withoutB = sample(false);
  // Standard errors are below 0.002 at 40,000 draws; 0.01 is five of them.
  assertAlmostEquals(mean(withB), expected, 0.01);
  assertAlmostEquals(mean(withoutB), expected, 0.01);
  assert(variance(withB) < 0.7 * variance(withoutB), `${variance(withB)} vs ${variance(withoutB)}`);
});

Deno.test("baselineAblation() lowers the update's variance over seeds without changing its direction", () => {
  const r = baselineAblation({ seeds: 1000, steps: 30, lr: 0.5 });
  assertEquals(r.bestAction, 2);
  assert(r.varianceRatio > 1.2, `variance ratio ${r.varianceRatio}`);
  assert(r.withBaseline.gradVarBest < r.withoutBaseline.gradVarBest);
  assert(r.withBaseline.gradMeanBest > 0 && r.withoutBaseline.gradMeanBest > 0);
  // Same expected push on the best action, within sampling noise.
  assertAlmostEquals(r.withBaseline.gradMeanBest, r.withoutBaseline.gradMeanBest, 0.02);
  // The curves side by side: one value per step, both learning, baseline not behind.
  assertEquals(r.withBaseline.meanBestProb.length, 30);
  assert(r.withBaseline.finalBestProb > 0.5 && r.withoutBaseline.finalBestProb > 0.5);
  assert(r.withBaseline.finalBestProb >= r.withoutBaseline.finalBestProb);
});

let book: TestbedResult | null = null;
const bookResult = () => (book ??= gradientBanditTestbed(BOOK_TESTBED));
const at = (alpha: number, baseline: boolean, step: number) =>
  bookResult().curves.find((c) => c.alpha === alpha && c.baseline === baseline)!
    .optimalRate[step - 1];

Deno.test("gradientBanditTestbed() orders the curves as Figure 2.5 does at step 1000", () => {
  assert(at(0.1, true, 1000) > at(0.4, true, 1000));
  assert(at(0.4, true, 1000) > at(0.1, false, 1000));
  assert(at(0.1, false, 1000) > at(0.4, false, 1000));
  // Early on, the larger step size with baseline leads (the curves cross, as in the book).
  assert(at(0.4, true, 100) > at(0.1, true, 100));
});

Deno.test("gradientBanditTestbed() reaches Figure 2.5's levels at step 1000 (2,000 runs)", () => {
  // The book's curves end near 85%, 75%, 50% and 30%; 2,000 runs give a standard error of
  // about 1 point, and the bands below also allow for reading values off a printed figure.
  const within = (x: number, lo: number, hi: number, what: string) =>
    assert(x >= lo && x <= hi, `${what}: ${x} not in [${lo}, ${hi}]`);
  within(at(0.1, true, 1000), 0.78, 0.92, "α=0.1 with baseline");
  within(at(0.4, true, 1000), 0.68, 0.82, "α=0.4 with baseline");
  within(at(0.1, false, 1000), 0.40, 0.60, "α=0.1 without baseline");
  within(at(0.4, false, 1000), 0.20, 0.38, "α=0.4 without baseline");
  // At step 1 the policy is uniform over 10 arms: about 10% optimal in every curve.
  for (const c of bookResult().curves) within(c.optimalRate[0], 0.07, 0.13, "step 1");
});

Deno.test("gradientBanditTestbed() with the same seed gives identical curves", () => {
  const config = { runs: 50, steps: 100, alphas: [0.1, 0.4], seed: 5 };
  const a = gradientBanditTestbed(config), b = gradientBanditTestbed(config);
  assertEquals(a.curves.map((c) => [...c.optimalRate]), b.curves.map((c) => [...c.optimalRate]));
});

// ---- deno task bandit, end to end, in a scratch folder (the task writes only under runs/) ----

/** `deno task bandit`, with the task's own permissions, in the scratch folder `dir`. */
const cli = (args: string[], dir: string) => runTask("bandit", args, { cwd: dir });

async function withTmp(body: (dir: string) => Promise<void>) {
  const dir = await scratch("bandit_test_");
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const TASK_ARGS = ["--steps", "30", "--seed", "0", "--lr", "0.5", "--baseline"];

Deno.test("deno task bandit --slow writes the run and tells each step's story", async () => {
  await withTmp(async (dir) => {
    const res = await cli([...TASK_ARGS, "--slow", "--plot", "--outdir", "runs/run"], dir);
    assertEquals(res.code, 0, res.stderr);
    assert(res.stdout.includes("How to read each step"));
    assertEquals(res.stdout.match(/^-- step \d{3} /gm)?.length, 30);
    for (const word of ["sampled action a=", "reward  r=", "baseline b=", "advantage A = r - b"]) {
      assert(res.stdout.includes(word), word);
    }
    const files = [...Deno.readDirSync(`${dir}/runs/run`)].map((e) => e.name).sort();
    assertEquals(files, [
      "final_probs.svg",
      "learning_curve.svg",
      "log.jsonl",
      "manifest.json",
      "summary.json",
      "summary.md",
    ]);
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/runs/run/summary.json`));
    assertEquals(summary.best_action, 2);
    assertEquals(summary.final_probs.length, 4);
    assertAlmostEquals(mean(summary.final_probs) * 4, 1, 1e-12);
    assertEquals(
      summary.final_probs,
      train({ steps: 30, seed: 0, lr: 0.5, baseline: true }).finalProbs,
    );
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/runs/run/manifest.json`));
    assertEquals([manifest.kind, manifest.seed, manifest.lr, manifest.steps, manifest.baseline], [
      "bandit",
      0,
      0.5,
      30,
      true,
    ]);
    // Provenance spread at top level, as in the measurement manifests of lib/core/manifest.ts.
    assertEquals(Object.keys(manifest).slice(0, 4), ["kind", "command", "args", "seed"]);
    assertEquals(manifest.deno_version, Deno.version.deno);
    assert("git_commit" in manifest && "git_dirty" in manifest && "created_at" in manifest);
    assert(!("provenance" in manifest));
    const log = (await Deno.readTextFile(`${dir}/runs/run/log.jsonl`)).trim().split("\n");
    assertEquals(log.length, 30);
    assert((await Deno.readTextFile(`${dir}/runs/run/learning_curve.svg`)).startsWith("<svg"));
  });
});

// ---- the task's rules in process: its flag table (lib/cli/bandit.ts), the run it writes and the
// lines it prints are these functions; the spawns above and below keep the wiring tested ----

/** The task's run in process, made as its body makes it (lib/cli/bandit.ts) from `argv`. */
async function banditRun(outdir: string, argv: string[] = TASK_ARGS) {
  const f = parseCommand(BANDIT, [...argv, "--outdir", outdir]).flags;
  const run = await prepareCommandRun(BANDIT, f, "bandit", { argv });
  const settings = { steps: f.steps, seed: f.seed, lr: f.lr, baseline: f.baseline };
  const ablationSeeds = f.ablation ? f.seeds : 0;
  return { settings, ...await runBandit({ ...settings, ablationSeeds, ...run, plot: f.plot }) };
}

Deno.test("runBandit() with the same seed writes a byte-identical log.jsonl", async () => {
  await withTmp(async (dir) => {
    for (const name of ["a", "b"]) await banditRun(`${dir}/runs/${name}`);
    const a = await Deno.readFile(`${dir}/runs/a/log.jsonl`);
    const b = await Deno.readFile(`${dir}/runs/b/log.jsonl`);
    assert(a.length > 0);
    assertEquals(a, b);
  });
});

Deno.test("bandit --lr -0.5 lowers the best action's probability in summary.json, with a warning", async () => {
  await withTmp(async (dir) => {
    const argv = ["--steps", "100", "--lr", "-0.5", "--baseline"];
    const { result, settings } = await banditRun(`${dir}/runs/r`, argv);
    const printed = banditTranscript(result, settings, "quiet").join("\n");
    assertStringIncludes(printed, "warning: lr is negative");
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/runs/r/summary.json`));
    assert(summary.final_best_prob < summary.initial_best_prob);
    assert(summary.final_probs[summary.best_action] < 0.25);
  });
});

Deno.test("bandit --log-steps prints one fixed-format line per step", () => {
  const settings = { steps: 30, seed: 0, lr: 0.5, baseline: true };
  const lines = banditTranscript(train(settings), settings, "log-steps").flatMap((l) =>
    l.split("\n")
  ).filter((l) => l.startsWith("step "));
  assertEquals(lines.length, 30);
  const format =
    /^step \d{3} \| p\(best\)=\d\.\d{3} \| a=[0-3] \| r=[01] \| b=\d\.\d{3} \| A=[+-]\d\.\d{3}$/;
  for (const line of lines) assert(format.test(line), line);
  assert(lines[9].startsWith("step 010 | "));
});

Deno.test("bandit --ablation writes the curves side by side and the variance ratio", async () => {
  await withTmp(async (dir) => {
    await banditRun(`${dir}/runs/r`, [...TASK_ARGS, "--ablation", "--seeds", "300", "--plot"]);
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/runs/r/summary.json`));
    assert(summary.ablation.variance_ratio > 1);
    const csv = (await Deno.readTextFile(`${dir}/runs/r/ablation.csv`)).trim().split("\n");
    assertEquals(csv[0], "step,p_best_with_baseline,p_best_without_baseline");
    assertEquals(csv.length, 31);
    assert((await Deno.readTextFile(`${dir}/runs/r/ablation.svg`)).startsWith("<svg"));
  });
});

Deno.test("bandit refuses a non-empty --outdir unless --force (exit 2)", async () => {
  await withTmp(async (dir) => {
    await Deno.mkdir(`${dir}/runs/taken`);
    await Deno.writeTextFile(`${dir}/runs/taken/keep.txt`, "someone's run");
    const flags = { outdir: `${dir}/runs/taken`, force: false };
    const refused = await exitTwoLine(prepareCommandRun(BANDIT, flags, "bandit", { argv: [] }));
    assertStringIncludes(refused, "already holds a run");
    assertEquals(await Deno.readTextFile(`${dir}/runs/taken/keep.txt`), "someone's run");
    await banditRun(`${dir}/runs/taken`, [...TASK_ARGS, "--force"]);
    assert((await Deno.readTextFile(`${dir}/runs/taken/summary.json`)).includes("final_probs"));
  });
});

Deno.test("bandit rejects unknown flags and bad values (exit 2, before any work)", () => {
  assertStringIncludes(usageRefusal(BANDIT, ["--stepz", "3"]), "stepz");
  assertStringIncludes(usageRefusal(BANDIT, ["--steps", "-1"]), "--steps must be an integer >= 0");
  assertStringIncludes(usageRefusal(BANDIT, ["--lr", "fast"]), "--lr must be a number");
  assertStringIncludes(usageRefusal(BANDIT, ["--testbed"]), "testbed");
});

Deno.test("deno task bandit --slow --log-steps is exit 2 with the usage, writing nothing", async () => {
  await withTmp(async (dir) => {
    const res = await cli(["--slow", "--log-steps", "--outdir", "runs/r"], dir);
    assertEquals(res.code, 2, res.stderr);
    assert(res.stderr.startsWith("error: choose one of --slow and --log-steps"), res.stderr);
    assert(res.stderr.includes("usage: deno task bandit"), res.stderr);
    // Nothing was written: the scratch folder holds only its empty runs/.
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name), ["runs"]);
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  });
});

Deno.test("deno task bandit refuses an --outdir it may not write (exit 2, not a crash)", async () => {
  await withTmp(async (dir) => {
    // The task may write only under ./runs; a folder beside it is refused before any work.
    const res = await cli([...TASK_ARGS, "--outdir", "elsewhere/r"], dir);
    assertEquals(res.code, 2, res.stderr);
    assert(res.stderr.includes("may not be written"), res.stderr);
  });
});

Deno.test("deno task testbed writes testbed.csv (header, 4,000 rows), the table and the plot", async () => {
  await withTmp(async (dir) => {
    const res = await runTask("testbed", ["--outdir", "runs/tb"], { cwd: dir });
    assertEquals(res.code, 0, res.stderr);
    assert(/step 100\s+step 500\s+step 1000/.test(res.stdout), res.stdout);
    assert(!res.stdout.includes("FAIL"), res.stdout);
    const lines = (await Deno.readTextFile(`${dir}/runs/tb/testbed.csv`)).trim().split("\n");
    assertEquals(lines[0], "alpha,baseline,step,optimal_action_rate");
    assertEquals(lines.length, 1 + 2 * 2 * 1000);
    const rows = lines.slice(1).map((l) => l.split(","));
    assertEquals(
      new Set(rows.map((r) => `${r[0]},${r[1]}`)),
      new Set(["0.1,true", "0.1,false", "0.4,true", "0.4,false"]),
    );
    assertEquals(
      rows.filter((r) => r[0] === "0.1" && r[1] === "true").map((r) => Number(r[2])),
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    for (const r of rows) assert(Number(r[3]) >= 0 && Number(r[3]) <= 1, r.join(","));
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/runs/tb/manifest.json`));
    assertEquals([manifest.kind, manifest.runs, manifest.steps], ["testbed", 2000, 1000]);
    assertEquals([manifest.seed, manifest.deno_version], [0, Deno.version.deno]);
    assert("created_at" in manifest && !("provenance" in manifest));
    assert((await Deno.readTextFile(`${dir}/runs/tb/testbed.svg`)).startsWith("<svg"));
    // The CSV holds the same numbers as the library.
    const row1000 = rows.find((r) => r[0] === "0.1" && r[1] === "true" && r[2] === "1000")!;
    assertEquals(Number(row1000[3]), at(0.1, true, 1000));
  });
});
