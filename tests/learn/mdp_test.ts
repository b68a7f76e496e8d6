/**
 * The two-step MDP: determinism, learning of both steps with shared credit, and the sabotage
 * (no credit for step 1) that freezes step 1 while step 2 learns. Also the CLI end to end.
 */
import { movingSuccess, trainMdp } from "../../lib/learn/mdp.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine } from "../refusal.ts";
import { MDP } from "../../lib/cli/mdp.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";
import { runMdp } from "../../lib/experiments/mdp.ts";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";

const BASE = { episodes: 300, seed: 0, lr: 0.5, creditStep1: true };

Deno.test("trainMdp() with the same config gives identical trajectories", () => {
  assertEquals(trainMdp(BASE), trainMdp(BASE));
});

Deno.test("trainMdp() with another seed samples other trajectories", () => {
  const a = trainMdp(BASE).episodes.map((e) => e.a1 + e.a2).join("");
  const b = trainMdp({ ...BASE, seed: 1 }).episodes.map((e) => e.a1 + e.a2).join("");
  assert(a !== b);
});

Deno.test("mdp with shared credit learns both steps", () => {
  for (const seed of [0, 1, 2, 3, 4]) {
    const run = trainMdp({ ...BASE, seed });
    assert(run.final.step1.R > 0.95, `seed ${seed}: p1(R) = ${run.final.step1.R}`);
    assert(run.final.step2.R.L > 0.95, `seed ${seed}: p2(L|R) = ${run.final.step2.R.L}`);
    assert(run.success_rate > 0.85, `seed ${seed}: success rate ${run.success_rate}`);
  }
});

Deno.test("mdp with step-1 credit withheld leaves p1 unchanged", () => {
  for (const seed of [0, 1, 2, 3, 4]) {
    const run = trainMdp({ ...BASE, seed, creditStep1: false });
    assertEquals(run.final.step1, { L: 0.5, R: 0.5 });
    assert(run.episodes.every((e) => e.p1_R === 0.5 && e.p1_R_after === 0.5));
  }
});

Deno.test("mdp with step-1 credit withheld still teaches step 2", () => {
  for (const seed of [0, 1, 2, 3, 4]) {
    const run = trainMdp({ ...BASE, seed, creditStep1: false });
    assert(run.final.step2.R.L > 0.95, `seed ${seed}: p2(L|R) = ${run.final.step2.R.L}`);
    assert(run.success_rate < 0.6, `seed ${seed}: success rate ${run.success_rate}`);
  }
});

Deno.test("trainMdp() pays reward 1 exactly on the path R then L", () => {
  const run = trainMdp({ ...BASE, episodes: 200 });
  for (const e of run.episodes) assertEquals(e.reward, e.a1 === "R" && e.a2 === "L" ? 1 : 0);
});

Deno.test("trainMdp() baseline is the mean of earlier returns and A = return - baseline", () => {
  const run = trainMdp({ ...BASE, episodes: 50 });
  let sum = 0;
  run.episodes.forEach((e, i) => {
    assertEquals(e.baseline, i === 0 ? 0 : sum / i);
    assertEquals(e.advantage, e.return - e.baseline);
    sum += e.return;
  });
});

Deno.test("movingSuccess() averages a trailing window", () => {
  const eps = trainMdp({ ...BASE, episodes: 40 }).episodes;
  const curve = movingSuccess(eps, 10);
  const last = eps.slice(30).reduce((s, e) => s + e.reward, 0) / 10;
  assertEquals(curve[39], last);
});

Deno.test("deno task mdp writes a complete run and refuses to overwrite it", async () => {
  const dir = await scratch("mdp_test_");
  try {
    const run = "runs/mdp";
    const args = ["--episodes", "120", "--sabotage", "--plot"];
    const first = await runTask("mdp", [...args, "--outdir", run], { cwd: dir });
    assertEquals(first.code, 0, first.stderr);
    assertStringIncludes(first.stdout, "Why step 1 never learned");
    assertStringIncludes(first.stdout, "ep 120 | a=");
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/${run}/summary.json`));
    assertEquals(summary.final_probs.step1, { L: 0.5, R: 0.5 });
    assertEquals(summary.sabotage, true);
    const lines = (await Deno.readTextFile(`${dir}/${run}/trajectories.jsonl`)).trim().split("\n");
    assertEquals(lines.length, 120);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/${run}/manifest.json`));
    assertEquals([manifest.kind, manifest.seed], ["mdp", 0]);
    // Provenance at top level, as in every manifest.
    assertEquals(manifest.deno_version, Deno.version.deno);
    assert("git_commit" in manifest && "created_at" in manifest && !("provenance" in manifest));
    assert((await Deno.readTextFile(`${dir}/${run}/learning_curve.svg`)).startsWith("<svg"));
    assertStringIncludes(await Deno.readTextFile(`${dir}/${run}/summary.md`), "p1(R)");

    // Refused before any work without --force (exit 2), replaced with it: as the task's body
    // does (lib/cli/mdp.ts), in process.
    const again = async (argv: string[]) => {
      const f = parseCommand(MDP, argv).flags;
      const run = await prepareCommandRun(MDP, f, "mdp", { argv });
      const settings = { episodes: f.episodes, seed: f.seed, lr: f.lr, creditStep1: !f.sabotage };
      return await runMdp({ ...settings, ...run, plot: f.plot });
    };
    const argv = [...args, "--outdir", `${dir}/${run}`];
    assertStringIncludes(await exitTwoLine(again(argv)), "already holds a run");
    await again([...argv, "--force"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task mdp rejects an unknown flag with exit 2", async () => {
  const out = await runTask("mdp", ["--episode", "3"]);
  assertEquals(out.code, 2);
  assertStringIncludes(out.stderr, "usage: deno task mdp");
});
