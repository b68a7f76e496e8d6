/**
 * The gate, the specification of its decision: in a locked room the paired comparison (delta,
 * McNemar, bootstrap), the min-delta rule, the noise rule and the significance warning; a policy
 * change promoted; the walkthrough on the shipped data; and the CLI's exit codes. Runs are real
 * (runEval on small datasets) in temporary folders. What makes a run untrustworthy is in
 * run_verification_test.ts; each knob of the Locked Room is in locked_room_test.ts.
 */
import { runEval } from "../../lib/experiments/eval.ts";
import {
  comparePaired,
  decide,
  gate,
  GATE_DEFAULTS,
  type GateVerdict,
  readRun,
} from "../../lib/compare/gate.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask } from "../cli.ts";
import { gateStory } from "../../lib/present/gate_story.ts";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { evalRun, SAMPLING } from "./runs.ts";

const BASE = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 1 : 0)); // 40/120
const BETTER = BASE.map((r, i) => (i < 60 && r === 0 ? 1 : r)); // +40 items

async function verdict(
  cand: number[],
  base = BASE,
  minDelta = 0,
  sampling: { base?: Record<string, unknown> | null; cand?: Record<string, unknown> | null } = {},
): Promise<GateVerdict> {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  try {
    const a = await evalRun(root, "a", base, { sampling: sampling.base });
    const b = await evalRun(root, "b", cand, { sampling: sampling.cand });
    return await gate(a, b, { ...GATE_DEFAULTS, minDelta });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const reason = (v: GateVerdict, check: string) => v.reasons.find((r) => r.check === check);

Deno.test("gate() in a locked room reports delta, paired counts, McNemar and bootstrap", async () => {
  const v = await verdict(BETTER);
  assertEquals([v.decision, v.exit_code], ["PROMOTE", 0]);
  const c = v.comparison!;
  assertEquals([c.n, c.baseline_passes, c.candidate_passes], [120, 40, 80]);
  assertEquals([c.baseline_pass_candidate_fail, c.baseline_fail_candidate_pass], [0, 40]);
  assertEquals(c.delta, 40 / 120);
  assertEquals(c.mcnemar_p, 2 / 2 ** 40);
  assert(c.ci95[0] > 0.2 && c.ci95[1] < 0.45 && c.significant);
  assertStringIncludes(reason(v, "policy outputs")!.message, "40 of 120 completions changed");
});

Deno.test("gate() promotes a policy change: another policy name and seed are the change under test", async () => {
  const v2 = { policy: "sim-weak-v2", temperature: 1, seed: 2027, synthetic: true };
  const v = await verdict(BETTER, BASE, 0, { cand: v2 });
  assertEquals(v.decision, "PROMOTE");
  const note = reason(v, "policy identity")!;
  assertEquals([note.severity, note.knob], ["note", "policy"]);
});

Deno.test("gate() rejects changed decoding settings between two real runs", async () => {
  const v = await verdict(BETTER, BASE, 0, { cand: { ...SAMPLING, temperature: 0.7 } });
  assertEquals([v.decision, v.comparison], ["REJECT", null]);
  assertStringIncludes(reason(v, "sampling settings")!.message, "temperature 1 → 0.7");
});

Deno.test("gate() rejects completions with unknown sampling settings: the room cannot be shown locked", async () => {
  const v = await verdict(BETTER, BASE, 0, { cand: null });
  assertEquals([v.decision, v.exit_code, v.comparison], ["REJECT", 1, null]);
  const w = reason(v, "sampling settings")!;
  assertEquals(w.severity, "violation");
  assertStringIncludes(w.message, "unknown for the candidate");
  assertStringIncludes(w.message, "cannot be shown locked");
});

Deno.test("gate() rejects a delta below --min-delta, in a locked room", async () => {
  const v = await verdict(BETTER, BASE, 0.5);
  assertEquals([v.decision, v.exit_code], ["REJECT", 1]);
  const r = reason(v, "min delta")!;
  assertEquals(r.severity, "violation");
  assertStringIncludes(r.message, "+33.3 points is below --min-delta +50.0");
});

Deno.test("gate() rejects a loss at --min-delta 0 and accepts it at a negative --min-delta", async () => {
  const worse = BASE.map((r, i) => (i === 0 ? 0 : r)); // −1 item of 120
  assertEquals((await verdict(worse)).decision, "REJECT");
  assertEquals((await verdict(worse, BASE, -0.05)).decision, "PROMOTE");
});

Deno.test("gate() rejects two separately made runs of the same completions: nothing to promote", async () => {
  const v = await verdict(BASE);
  assertEquals([v.decision, v.exit_code, v.comparison], ["REJECT", 1, null]);
  const same = reason(v, "policy outputs")!;
  assertEquals(same.severity, "violation");
  assertStringIncludes(
    same.message,
    "nothing to promote: the two runs measured the same completions",
  );
  assertEquals(
    gateStory(v).split("\n")[0],
    "REJECT: nothing to promote (the policy did not change)",
  );
});

Deno.test("gate() states the noise rule when a PROMOTE under 100 items is within 5 points", async () => {
  const base = Array.from({ length: 50 }, (_, i) => (i < 20 ? 1 : 0));
  const cand = base.map((r, i) => (i === 20 || i === 21 ? 1 : r)); // +2/50 = +4 points
  const v = await verdict(cand, base);
  assertEquals(v.decision, "PROMOTE");
  const noise = reason(v, "noise rule")!;
  assertEquals(noise.severity, "warning");
  assertStringIncludes(noise.message, "with 50 < 100 items a change of 5 points or less is noise");
  assert(v.comparison!.inside_noise_band);
});

Deno.test("comparePaired() is independent of row order (pairs in sorted id order)", () => {
  const a = new Map([["x", 1], ["y", 0], ["z", 0]]), b = new Map([["x", 0], ["y", 1], ["z", 1]]);
  const ra = new Map([...a].reverse()), rb = new Map([...b].reverse());
  const opts = { seed: 5, resamples: 500 };
  assertEquals(comparePaired(a, b, opts), comparePaired(ra, rb, opts));
});

Deno.test("decide() lists every Locked Room check, passing or not", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await readRun(await evalRun(root, "a", BASE));
  const b = await readRun(await evalRun(root, "b", BETTER));
  const checks = decide(a, b, GATE_DEFAULTS).checks.map((r) => r.check);
  for (
    const check of [
      "kind of run",
      "dataset fingerprint",
      "prompts fingerprint",
      "example ids",
      "number of examples",
      "scorer name",
      "scorer version",
      "scorer fingerprint",
      "sampling settings",
      "selection N",
      "policy outputs",
    ]
  ) assert(checks.includes(check), check);
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() decides two 20,000-item runs, re-scoring every row (its speed: tests/bench/gate_bench.ts)", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const n = 20_000;
  const a = await evalRun(root, "a", Array.from({ length: n }, (_, i) => i % 2));
  const b = await evalRun(
    root,
    "b",
    Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : i % 2)),
  );
  const v = await gate(a, b, GATE_DEFAULTS);
  assertEquals([v.decision, v.comparison!.n], ["PROMOTE", n]);
  await Deno.remove(root, { recursive: true });
});

// --- the walkthrough, on the shipped data ------------------------------------------------------

Deno.test("gate() walkthrough: one expected_answer changed in a copy is a REJECT naming the dataset", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const lines = (await Deno.readTextFile(dataPath("datasets/math_dev.jsonl"))).trimEnd().split(
    "\n",
  );
  const first = JSON.parse(lines[0]);
  first.expected_answer = Number(first.expected_answer) + 1;
  lines[0] = JSON.stringify(first);
  await Deno.writeTextFile(`${root}/modified.jsonl`, lines.join("\n") + "\n");
  const completions = dataPath("rollouts/frozen_rollouts_dev.jsonl");
  const run = (dataset: string, outdir: string) =>
    runEval({ dataset, completions, outdir, force: false, args: [] });
  await run(dataPath("datasets/math_dev.jsonl"), `${root}/clean`);
  await run(`${root}/modified.jsonl`, `${root}/mod`);
  const v = await gate(`${root}/clean`, `${root}/mod`, GATE_DEFAULTS);
  assertEquals([v.decision, v.comparison], ["REJECT", null]);
  const r = v.reasons.find((x) => x.check === "dataset fingerprint" && x.severity === "violation")!;
  assertStringIncludes(r.message, "so the expected answers changed");
  assertEquals(v.reasons.find((x) => x.check === "prompts fingerprint"), undefined);
  assertStringIncludes(gateStory(v), "REJECT");
  await Deno.remove(root, { recursive: true });
});

// --- the CLI ---------------------------------------------------------------------------------

/** `deno task gate`, with the task's own (read-only) permissions. */
const gateCli = (...args: string[]) => runTask("gate", args);

Deno.test("deno task gate exits 0 on PROMOTE, 1 on REJECT, 2 on a missing folder or bad flag", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await evalRun(root, "a", BASE);
  const b = await evalRun(root, "b", BETTER);
  const promote = await gateCli("--baseline", a, "--candidate", b, "--min-delta", "0.00");
  assertEquals(promote.code, 0, promote.stdout + promote.stderr);
  assertStringIncludes(promote.stdout, "PROMOTE");
  const reject = await gateCli("--baseline", a, "--candidate", a);
  assertEquals(reject.code, 1);
  assertStringIncludes(reject.stdout, "nothing to promote");
  const missing = await gateCli("--baseline", `${root}/nope`, "--candidate", b);
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, `${root}/nope: no such run folder`);
  assertEquals((await gateCli("--baseline", a, "--candidate", b, "--bogus")).code, 2);
  assertEquals((await gateCli("--baseline", a, "--candidate", b, "--min-delta", "x")).code, 2);
  await Deno.remove(root, { recursive: true });
});

Deno.test("deno task gate --json prints one JSON object; --min-delta takes a negative number", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await evalRun(root, "a", BASE);
  const b = await evalRun(root, "b", BASE.map((r, i) => (i === 0 ? 0 : r)));
  const r = await gateCli("--baseline", a, "--candidate", b, "--min-delta", "-0.05", "--json");
  assertEquals(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout);
  assertEquals([v.decision, v.exit_code, v.min_delta], ["PROMOTE", 0, -0.05]);
  assertEquals(v.comparison.bootstrap, { resamples: 2000, seed: 2026 });
  await Deno.remove(root, { recursive: true });
});
