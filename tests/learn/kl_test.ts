/**
 * The KL trade-off: closed form against gradient ascent, the beta = 0 collapse, the monotone
 * frontier, and the CLI's CSV.
 */
import {
  COMPLETION_STYLES,
  DEFAULT_BETAS,
  expectedReward,
  klDivergence,
  klOptimalPolicy,
} from "../../lib/learn/kl.ts";
import { klAscent } from "../../lib/learn/kl_ascent.ts";
import { klSweep } from "../../lib/learn/kl_sweep.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine } from "../refusal.ts";
import { KL } from "../../lib/cli/kl.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertStringIncludes,
} from "../../lib/core/testing.ts";

const REF = COMPLETION_STYLES.map((a) => a.ref);
const R = COMPLETION_STYLES.map((a) => a.reward);

Deno.test("klOptimalPolicy() agrees with gradient ascent to 1e-6 for several beta", () => {
  // 0.01 and 0.02 are where plain (even accelerated) ascent stalled on a plateau.
  for (const beta of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]) {
    const closed = klOptimalPolicy(REF, R, beta);
    const ascent = klAscent(REF, R, beta);
    assert(ascent.converged, `beta ${beta}: no convergence after ${ascent.iterations} steps`);
    closed.forEach((p, a) =>
      assertAlmostEquals(ascent.probs[a], p, 1e-6, `beta ${beta}, action ${a}`)
    );
  }
});

Deno.test("klAscent() converges for beta across twelve orders of magnitude", () => {
  for (const beta of [1e-6, 1e-4, 1e-3, 0.01, 100, 1e6]) {
    const ascent = klAscent(REF, R, beta);
    assert(ascent.converged, `beta ${beta}: no convergence after ${ascent.iterations} steps`);
    assert(ascent.iterations < 100, `beta ${beta}: ${ascent.iterations} steps`);
    const closed = klOptimalPolicy(REF, R, beta);
    closed.forEach((p, a) => assertAlmostEquals(ascent.probs[a], p, 1e-6, `beta ${beta}, ${a}`));
  }
});

Deno.test("klAscent() reports non-convergence when the iterations run out", () => {
  const ascent = klAscent(REF, R, 0.01, { maxIters: 5 });
  assertEquals([ascent.converged, ascent.iterations], [false, 5]);
  assert(ascent.residual >= 1e-8, `residual ${ascent.residual}`);
});

Deno.test("klAscent() with an unstable step (lr = 2 / beta) oscillates and never claims convergence", () => {
  // In log space each step multiplies the distance to the optimum by 1 - lr * beta = -1.
  const ascent = klAscent(REF, R, 0.1, { lr: 2 / 0.1, maxIters: 200 });
  assertEquals([ascent.converged, ascent.iterations], [false, 200]);
  const gap = Math.max(
    ...klOptimalPolicy(REF, R, 0.1).map((p, a) => Math.abs(p - ascent.probs[a])),
  );
  assert(gap > 1e-3, `gap ${gap}`);
});

Deno.test("klAscent() stopped at a loose tol is within a relative 2 * tol of every probability", () => {
  // The residual is computed in log space, so it bounds the error of tiny probabilities too.
  const tol = 1e-3;
  for (const beta of [0.01, 0.1, 1]) {
    const ascent = klAscent(REF, R, beta, { tol });
    assert(ascent.converged && ascent.residual < tol);
    klOptimalPolicy(REF, R, beta).forEach((p, a) => {
      const rel = Math.abs(ascent.probs[a] / p - 1);
      assert(rel <= Math.expm1(2.01 * tol), `beta ${beta}, action ${a}: relative error ${rel}`);
    });
  }
});

Deno.test("klOptimalPolicy() agrees with gradient ascent on a reference with zeros", () => {
  const ref = [0, 0.5, 0.3, 0.2], r = [5, 0.2, 0.9, 0.4];
  const closed = klOptimalPolicy(ref, r, 0.3);
  const ascent = klAscent(ref, r, 0.3);
  assertEquals([closed[0], ascent.probs[0]], [0, 0]);
  closed.forEach((p, a) => assertAlmostEquals(ascent.probs[a], p, 1e-6));
});

Deno.test("klOptimalPolicy() is stable for tiny beta (no overflow)", () => {
  const pi = klOptimalPolicy(REF, R, 1e-6);
  assert(pi.every(Number.isFinite));
  assertAlmostEquals(pi[7], 1, 1e-12);
});

Deno.test("klOptimalPolicy() at beta = 0 collapses on the best action", () => {
  assertEquals(klOptimalPolicy(REF, R, 0), [0, 0, 0, 0, 0, 0, 0, 1]);
});

Deno.test("klOptimalPolicy() at beta = 0 splits ties in proportion to pi_ref, within its support", () => {
  assertEquals(klOptimalPolicy([0.125, 0.375, 0.5, 0], [1, 1, 0, 2], 0), [0.25, 0.75, 0, 0]);
});

Deno.test("klOptimalPolicy() at beta = 0 is the limit of small beta", () => {
  const ref = [0.1, 0.3, 0.6], r = [1, 1, 0];
  const limit = klOptimalPolicy(ref, r, 0);
  const near = klOptimalPolicy(ref, r, 1e-3);
  limit.forEach((p, a) => assertAlmostEquals(near[a], p, 1e-9));
});

Deno.test("klSweep() KL decreases and expected reward decreases as beta grows", () => {
  const points = klSweep(COMPLETION_STYLES, DEFAULT_BETAS);
  for (let i = 1; i < points.length; i++) {
    assert(points[i].kl < points[i - 1].kl, `KL at beta ${points[i].beta}`);
    assert(points[i].expected_reward < points[i - 1].expected_reward, `E[r] at ${points[i].beta}`);
  }
});

Deno.test("klSweep() with the same inputs gives identical results", () => {
  assertEquals(
    klSweep(COMPLETION_STYLES, DEFAULT_BETAS),
    klSweep(COMPLETION_STYLES, DEFAULT_BETAS),
  );
});

Deno.test("klSweep() reports the collapse at beta = 0 without an ascent", () => {
  const [p] = klSweep(COMPLETION_STYLES, [0]);
  assertEquals([p.collapsed, p.ascent, p.top3, p.expected_reward], [true, null, [7], 56 / 73]);
  assertAlmostEquals(p.kl, -Math.log(73 / 960), 1e-12);
});

Deno.test("klSweep() top-3 lists the most likely actions first", () => {
  const [p] = klSweep(COMPLETION_STYLES, [1]);
  const sorted = [...p.probs].sort((a, b) => b - a);
  assertEquals(p.top3.map((a) => p.probs[a]), sorted.slice(0, 3));
});

Deno.test("klDivergence() is 0 for identical policies and infinite off the support", () => {
  assertEquals(klDivergence(REF, REF), 0);
  assertEquals(klDivergence([0.5, 0.5], [1, 0]), Infinity);
});

Deno.test("expectedReward() and klDivergence() match the optimum's identity J = beta log Z", () => {
  const beta = 0.5;
  const pi = klOptimalPolicy(REF, R, beta);
  const logZ = Math.log(REF.reduce((s, p, a) => s + p * Math.exp(R[a] / beta), 0));
  assertAlmostEquals(expectedReward(pi, R) - beta * klDivergence(pi, REF), beta * logZ, 1e-12);
});

Deno.test("klOptimalPolicy() rejects a negative beta and a reference that does not sum to 1", () => {
  let msg = "";
  try {
    klOptimalPolicy(REF, R, -1);
  } catch (e) {
    msg = (e as Error).message;
  }
  assertStringIncludes(msg, "beta must be finite and >= 0");
  try {
    klOptimalPolicy([0.5, 0.4], [0, 1], 1);
  } catch (e) {
    msg = (e as Error).message;
  }
  assertStringIncludes(msg, "ref must sum to 1");
});

Deno.test("deno task kl writes kl_tradeoff.csv with header beta,expected_reward,kl", async () => {
  const dir = await scratch("kl_test_");
  try {
    const run = "runs/kl";
    const out = await runTask("kl", ["--betas", "0,0.1,1", "--plot", "--outdir", run], {
      cwd: dir,
    });
    assertEquals(out.code, 0, out.stderr);
    assertStringIncludes(out.stdout, "collapses on the best action(s)");
    const lines = (await Deno.readTextFile(`${dir}/${run}/kl_tradeoff.csv`)).trim().split("\n");
    assertEquals(lines[0], "beta,expected_reward,kl");
    assertEquals(lines.slice(1).map((l) => l.split(",")[0]), ["0", "0.1", "1"]);
    assert((await Deno.readTextFile(`${dir}/${run}/frontier.svg`)).startsWith("<svg"));
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/${run}/summary.json`));
    assertEquals(summary.points.length, 3);
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/${run}/manifest.json`));
    assertEquals(Object.keys(manifest).slice(0, 4), ["kind", "command", "args", "seed"]);
    assertEquals([manifest.kind, manifest.seed, manifest.deno_version], [
      "kl",
      null,
      Deno.version.deno,
    ]);
    // Refused before any work (exit 2): the run folder is prepared first (lib/cli/kl.ts).
    const f = parseCommand(KL, ["--outdir", `${dir}/${run}`]).flags;
    assertStringIncludes(await exitTwoLine(prepareCommandRun(KL, f, "kl")), "already holds a run");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task kl rejects a negative beta with exit 2", async () => {
  const out = await runTask("kl", ["--betas", "1,-2"]);
  assertEquals(out.code, 2);
  assertStringIncludes(out.stderr, "--betas must be comma-separated numbers >= 0");
});
