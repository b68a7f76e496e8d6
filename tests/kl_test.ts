/**
 * The KL trade-off: closed form against gradient ascent, the beta = 0 collapse, the monotone
 * frontier, and the CLI's CSV.
 */
import {
  COMPLETION_STYLES,
  DEFAULT_BETAS,
  expectedReward,
  klAscent,
  klDivergence,
  klOptimalPolicy,
  klSweep,
} from "../lib/kl.ts";
import { PROJECT_ROOT } from "../lib/paths.ts";
import { assert, assertAlmostEquals, assertEquals, assertStringIncludes } from "../lib/testing.ts";

const REF = COMPLETION_STYLES.map((a) => a.ref);
const R = COMPLETION_STYLES.map((a) => a.reward);

Deno.test("klOptimalPolicy() agrees with gradient ascent to 1e-6 for several beta", () => {
  for (const beta of [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]) {
    const closed = klOptimalPolicy(REF, R, beta);
    const ascent = klAscent(REF, R, beta);
    assert(ascent.converged, `beta ${beta}: no convergence after ${ascent.iterations} steps`);
    closed.forEach((p, a) =>
      assertAlmostEquals(ascent.probs[a], p, 1e-6, `beta ${beta}, action ${a}`)
    );
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
  assertAlmostEquals(pi[6], 1, 1e-12);
});

Deno.test("klOptimalPolicy() at beta = 0 collapses on the best action", () => {
  assertEquals(klOptimalPolicy(REF, R, 0), [0, 0, 0, 0, 0, 0, 1, 0]);
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
  assertEquals([p.collapsed, p.ascent, p.top3, p.expected_reward], [true, null, [6], 1]);
  assertAlmostEquals(p.kl, -Math.log(0.001), 1e-12);
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

async function cli(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: PROJECT_ROOT }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("deno task kl writes kl_tradeoff.csv with header beta,expected_reward,kl", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const run = `${tmp}/kl`;
    const out = await cli([
      "run",
      "--quiet",
      "--allow-read",
      `--allow-write=${tmp}`,
      "--allow-run=git",
      "lib/cli/kl.ts",
      "--betas",
      "0,0.1,1",
      "--plot",
      "--outdir",
      run,
    ]);
    assertEquals(out.code, 0, out.stderr);
    assertStringIncludes(out.stdout, "collapses on the best action(s)");
    const lines = (await Deno.readTextFile(`${run}/kl_tradeoff.csv`)).trim().split("\n");
    assertEquals(lines[0], "beta,expected_reward,kl");
    assertEquals(lines.slice(1).map((l) => l.split(",")[0]), ["0", "0.1", "1"]);
    assert((await Deno.readTextFile(`${run}/frontier.svg`)).startsWith("<svg"));
    const summary = JSON.parse(await Deno.readTextFile(`${run}/summary.json`));
    assertEquals(summary.points.length, 3);
    const again = await cli([
      "run",
      "--quiet",
      "--allow-read",
      `--allow-write=${tmp}`,
      "lib/cli/kl.ts",
      "--outdir",
      run,
    ]);
    assertEquals(again.code, 2);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task kl rejects a negative beta with exit 2", async () => {
  const out = await cli(["run", "--quiet", "--allow-read", "lib/cli/kl.ts", "--betas", "1,-2"]);
  assertEquals(out.code, 2);
  assertStringIncludes(out.stderr, "--betas must be comma-separated numbers >= 0");
});
