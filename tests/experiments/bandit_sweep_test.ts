// The bandit seed sweep: the engine's statistics (known answers), the run it writes, the CLI.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { train } from "../../lib/learn/bandit.ts";
import { banditSeedSweep } from "../../lib/learn/bandit_sweep.ts";
import { runBanditSweep } from "../../lib/experiments/bandit_sweep.ts";
import { runTask, scratch } from "../cli.ts";

Deno.test("banditSeedSweep() trains seed s exactly as train() with that seed", () => {
  const s = banditSeedSweep({ seeds: 3, steps: 20, lr: 0.5, baseline: true });
  for (let seed = 0; seed < 3; seed++) {
    assertEquals(
      s.finalBestProbs[seed],
      train({ steps: 20, seed, lr: 0.5, baseline: true }).finalBestProb,
    );
  }
});

Deno.test("banditSeedSweep() of one seed has sd 0 and every quantile equal to its value", () => {
  const s = banditSeedSweep({ seeds: 1, steps: 10, lr: 0.5, baseline: false });
  const p = s.finalBestProbs[0];
  assertEquals([s.mean, s.sd, s.q05, s.median, s.q95], [p, 0, p, p, p]);
});

Deno.test("banditSeedSweep() with 0 steps: every seed stays uniform (p(best) = 1/4, never ranked first)", () => {
  const s = banditSeedSweep({ seeds: 5, steps: 0, lr: 0.5, baseline: true });
  assertEquals([s.mean, s.sd, s.bestFirst], [0.25, 0, 0]);
});

Deno.test("banditSeedSweep() refuses a number of seeds below 1", () => {
  let thrown: unknown = null;
  try {
    banditSeedSweep({ seeds: 0, steps: 1, lr: 1, baseline: true });
  } catch (e) {
    thrown = e;
  }
  assert(thrown instanceof RangeError);
});

Deno.test("runBanditSweep() writes sweep.csv (one row per seed), summary.json and the manifest", async () => {
  const dir = await scratch("bandit_sweep_");
  const { runPath } = await runBanditSweep({
    seeds: 4,
    steps: 10,
    lr: 0.5,
    baseline: true,
    outdir: `${dir}/runs/s`,
  });
  const csv = (await Deno.readTextFile(`${runPath}/sweep.csv`)).trim().split("\n");
  assertEquals([csv[0], csv.length], ["seed,final_p_best", 5]);
  const manifest = JSON.parse(await Deno.readTextFile(`${runPath}/manifest.json`));
  assertEquals([manifest.kind, manifest.seeds, Object.keys(manifest.artifacts)], [
    "bandit_sweep",
    4,
    ["summary.json", "summary.md", "sweep.csv"],
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task bandit:sweep prints the spread and writes the run", async () => {
  const dir = await scratch("bandit_sweep_cli_");
  const res = await runTask(
    "bandit:sweep",
    ["--seeds", "20", "--baseline", "--outdir", "runs/sw"],
    {
      cwd: dir,
    },
  );
  assertEquals(res.code, 0, res.stderr);
  assert(res.stdout.includes("20 seeds × 30 steps"), res.stdout);
  assert(res.stdout.includes("run written to runs/sw"), res.stdout);
  await Deno.remove(dir, { recursive: true });
});
