/**
 * The gate, the specification: one test per Locked Room knob (each a named reason in the course's
 * words), the missing and unreadable manifest, the sampling rule (decoding vs policy identity),
 * the decision rule with the noise band and significance, the walkthrough, and the CLI's exit
 * codes. Runs are built in temporary folders.
 */
import { join } from "node:path";
import { runEval } from "../../lib/measure/eval.ts";
import {
  comparePaired,
  decide,
  gate,
  GATE_DEFAULTS,
  type GateVerdict,
  readRun,
} from "../../lib/compare/gate.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask } from "../cli.ts";
import { gateStory } from "../../lib/present/gate_story.ts";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";

const FP = (x: string) => sha256Text(x);

/** A small synthetic run: a manifest with every field the gate compares, and results. */
async function writeRun(
  dir: string,
  rewards: number[],
  over: Record<string, unknown> = {},
  opts: { ids?: string[] } = {},
): Promise<string> {
  const ids = opts.ids ?? rewards.map((_, i) => `q${String(i).padStart(4, "0")}`);
  await Deno.mkdir(dir, { recursive: true });
  const manifest = {
    kind: "eval",
    dataset_fingerprint: FP("dataset"),
    scorer_version: "1.0.0",
    scorer_name: "final-int-strict",
    scorer_fingerprint: FP("scorer"),
    prompts_fingerprint: FP("prompts"),
    example_ids_fingerprint: sha256Text([...ids].sort().join("\n")),
    n_examples: ids.length,
    inputs: { completions: { path: "c.jsonl", bytes: 1, sha256: FP(rewards.join("")), rows: 1 } },
    sampling: { policy: "sim-weak-v1", temperature: 1, seed: 2026, synthetic: true },
    selection_n: 1,
    ...over,
  };
  await Deno.writeTextFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  await Deno.writeTextFile(
    join(dir, "results.jsonl"),
    ids.map((id, i) => JSON.stringify({ id, reward: rewards[i] })).join("\n") + "\n",
  );
  return dir;
}

const BASE = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 1 : 0)); // 40/120
const BETTER = BASE.map((r, i) => (i < 60 && r === 0 ? 1 : r)); // +40 items

async function verdict(
  baseOver: Record<string, unknown>,
  candOver: Record<string, unknown>,
  cand = BETTER,
  base = BASE,
  minDelta = 0,
): Promise<GateVerdict> {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, base, baseOver);
  const b = await writeRun(`${root}/b`, cand, candOver);
  const v = await gate(a, b, { ...GATE_DEFAULTS, minDelta });
  await Deno.remove(root, { recursive: true });
  return v;
}

function violation(v: GateVerdict, check: string) {
  return v.reasons.find((r) => r.check === check && r.severity === "violation");
}

/** Asserts REJECT with a violation of `check` whose message names `words`. */
function assertRejectedFor(v: GateVerdict, check: string, words: string) {
  assertEquals([v.decision, v.exit_code], ["REJECT", 1]);
  const r = violation(v, check);
  assert(r !== undefined, `no violation '${check}' in ${JSON.stringify(v.reasons)}`);
  assertStringIncludes(r.message, words);
  assertEquals(v.comparison, null, "no comparison across a turned knob");
}

// --- one test per knob -----------------------------------------------------------------------

Deno.test("gate() rejects a changed dataset fingerprint as the environment", async () => {
  const v = await verdict({}, { dataset_fingerprint: FP("other") });
  assertRejectedFor(v, "dataset fingerprint", "the environment (dataset/prompts) changed");
});

Deno.test("gate() rejects changed prompts as the environment", async () => {
  const v = await verdict({}, { prompts_fingerprint: FP("other") });
  assertRejectedFor(v, "prompts fingerprint", "the prompts differ");
});

Deno.test("gate() rejects another scorer name as the measurement instrument", async () => {
  const v = await verdict({}, { scorer_name: "lenient" });
  assertRejectedFor(v, "scorer name", "the measurement instrument (scorer/spec)");
});

Deno.test("gate() rejects another scorer version as the measurement instrument", async () => {
  const v = await verdict({}, { scorer_version: "1.1.0", scorer_fingerprint: FP("new") });
  assertRejectedFor(v, "scorer version", "the measurement instrument (scorer/spec) changed");
  assertStringIncludes(violation(v, "scorer fingerprint")!.message, "(with the version)");
});

Deno.test("gate() reports a changed scorer fingerprint under the same version as UNVERSIONED", async () => {
  const v = await verdict({}, { scorer_fingerprint: FP("edited") });
  assertRejectedFor(v, "scorer fingerprint", "UNVERSIONED change of the measurement instrument");
  assertEquals(violation(v, "scorer version"), undefined);
});

Deno.test("gate() rejects changed decoding settings as the sampling knob", async () => {
  const v = await verdict({}, {
    sampling: { policy: "sim-weak-v1", temperature: 0.7, seed: 2026, synthetic: true },
  });
  assertRejectedFor(v, "sampling settings", "temperature 1 → 0.7");
});

Deno.test("gate() rejects another selection N as selection compute", async () => {
  const v = await verdict({ kind: "select", selection_n: 1 }, { kind: "select", selection_n: 4 });
  assertRejectedFor(v, "selection N", "selection compute (N) changed");
});

Deno.test("gate() rejects another kind of run (eval vs select)", async () => {
  const v = await verdict({}, { kind: "select" });
  assertRejectedFor(v, "kind of run", '"eval" → "select"');
});

Deno.test("gate() rejects another set of example ids as the environment", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, [1, 0, 1]);
  const b = await writeRun(`${root}/b`, [1, 1, 1], {}, { ids: ["q0000", "q0001", "zz"] });
  const v = await gate(a, b, GATE_DEFAULTS);
  assertRejectedFor(v, "example ids", "the set of examples differs");
  await Deno.remove(root, { recursive: true });
});

// --- the record: manifest and results --------------------------------------------------------

Deno.test("gate() rejects a run without a manifest, never a silent pass", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  const b = await writeRun(`${root}/b`, BETTER);
  await Deno.remove(`${b}/manifest.json`);
  const v = await gate(a, b, GATE_DEFAULTS);
  assertRejectedFor(v, "manifest", "has no manifest.json");
  assert(violation(v, "locked room") !== undefined);
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() rejects a run whose manifest is not JSON", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  await Deno.writeTextFile(`${a}/manifest.json`, "{ not json");
  const v = await gate(a, await writeRun(`${root}/b`, BASE), GATE_DEFAULTS);
  assertRejectedFor(v, "manifest", "manifest.json cannot be read");
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() rejects a manifest that lacks a compared field", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE, { scorer_fingerprint: undefined });
  const v = await gate(a, await writeRun(`${root}/b`, BASE), GATE_DEFAULTS);
  assertRejectedFor(v, "manifest", "lacks a string field 'scorer_fingerprint'");
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() rejects a run without results.jsonl", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  const b = await writeRun(`${root}/b`, BASE);
  await Deno.remove(`${b}/results.jsonl`);
  assertRejectedFor(await gate(a, b, GATE_DEFAULTS), "results", "no such file");
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() rejects results edited after the run (ids differ from the manifest)", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  const b = await writeRun(`${root}/b`, BASE);
  const lines = (await Deno.readTextFile(`${b}/results.jsonl`)).trimEnd().split("\n");
  await Deno.writeTextFile(`${b}/results.jsonl`, lines.slice(1).join("\n") + "\n");
  assertRejectedFor(await gate(a, b, GATE_DEFAULTS), "results", "other examples than its manifest");
  await Deno.remove(root, { recursive: true });
});

Deno.test("readRun() throws for a folder that does not exist (unusable input)", async () => {
  let message = "";
  await readRun("/nonexistent/run").catch((e) => (message = e.message));
  assertEquals(message, "/nonexistent/run: no such run folder");
});

// --- the sampling rule: decoding vs the policy -----------------------------------------------

Deno.test("gate() promotes a policy change: another policy name and seed are the change under test", async () => {
  const v = await verdict({}, {
    sampling: { policy: "sim-weak-v2", temperature: 1, seed: 2027, synthetic: true },
  });
  assertEquals(v.decision, "PROMOTE");
  const note = v.reasons.find((r) => r.check === "policy identity")!;
  assertEquals([note.severity, note.knob], ["note", "policy"]);
  assertStringIncludes(note.message, '"sim-weak-v1" → "sim-weak-v2"');
});

Deno.test("gate() promotes completions with unknown sampling settings, stating a warning", async () => {
  const v = await verdict({}, { sampling: null });
  assertEquals([v.decision, v.exit_code], ["PROMOTE", 0]);
  const w = v.reasons.find((r) => r.check === "sampling settings")!;
  assertEquals(w.severity, "warning");
  assertStringIncludes(w.message, "unknown for the candidate");
});

// --- the decision ----------------------------------------------------------------------------

Deno.test("gate() in a locked room reports delta, paired counts, McNemar and bootstrap", async () => {
  const v = await verdict({}, {});
  assertEquals([v.decision, v.exit_code], ["PROMOTE", 0]);
  const c = v.comparison!;
  assertEquals([c.n, c.baseline_passes, c.candidate_passes], [120, 40, 80]);
  assertEquals([c.baseline_pass_candidate_fail, c.baseline_fail_candidate_pass], [0, 40]);
  assertEquals(c.delta, 40 / 120);
  assertEquals(c.mcnemar_p, 2 / 2 ** 40);
  assert(c.ci95[0] > 0.2 && c.ci95[1] < 0.45 && c.significant);
});

Deno.test("gate() rejects a delta below --min-delta, in a locked room", async () => {
  const v = await verdict({}, {}, BETTER, BASE, 0.5);
  assertEquals([v.decision, v.exit_code], ["REJECT", 1]);
  assertStringIncludes(
    violation(v, "min delta")!.message,
    "+33.3 points is below --min-delta +50.0",
  );
});

Deno.test("gate() rejects a loss at --min-delta 0 and accepts it at a negative --min-delta", async () => {
  const worse = BASE.map((r, i) => (i === 0 ? 0 : r)); // −1 item of 120
  assertEquals((await verdict({}, {}, worse)).decision, "REJECT");
  assertEquals((await verdict({}, {}, worse, BASE, -0.05)).decision, "PROMOTE");
});

Deno.test("gate() promotes identical runs at --min-delta 0, saying the evidence shows nothing", async () => {
  const v = await verdict({}, {}, BASE);
  assertEquals(v.decision, "PROMOTE");
  assertEquals([v.comparison!.delta, v.comparison!.mcnemar_p], [0, 1]);
  assertEquals(v.reasons.find((r) => r.check === "significance")!.severity, "warning");
  assertStringIncludes(v.reasons.at(-1)!.message, "does not show a real improvement");
});

Deno.test("gate() states the noise rule when a PROMOTE under 100 items is within 5 points", async () => {
  const base = Array.from({ length: 50 }, (_, i) => (i < 20 ? 1 : 0));
  const cand = base.map((r, i) => (i === 20 || i === 21 ? 1 : r)); // +2/50 = +4 points
  const v = await verdict({}, {}, cand, base);
  assertEquals(v.decision, "PROMOTE");
  const noise = v.reasons.find((r) => r.check === "noise rule")!;
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
  const a = await readRun(await writeRun(`${root}/a`, BASE));
  const checks = decide(a, a, GATE_DEFAULTS).checks.map((r) => r.check);
  for (
    const check of [
      "kind of run",
      "dataset fingerprint",
      "prompts fingerprint",
      "example ids",
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

// --- the walkthrough, on real runs -----------------------------------------------------------

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
  assertRejectedFor(v, "dataset fingerprint", "so the expected answers changed");
  assertEquals(violation(v, "prompts fingerprint"), undefined);
  assertStringIncludes(gateStory(v), "REJECT");
  await Deno.remove(root, { recursive: true });
});

// --- the CLI ---------------------------------------------------------------------------------

/** `deno task gate`, with the task's own (read-only) permissions. */
const gateCli = (...args: string[]) => runTask("gate", args);

Deno.test("deno task gate exits 0 on PROMOTE, 1 on REJECT, 2 on a missing folder or bad flag", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  const b = await writeRun(`${root}/b`, BETTER);
  const c = await writeRun(`${root}/c`, BETTER, { dataset_fingerprint: FP("x") });
  const promote = await gateCli("--baseline", a, "--candidate", b, "--min-delta", "0.00");
  assertEquals(promote.code, 0);
  assertStringIncludes(promote.stdout, "PROMOTE");
  const reject = await gateCli("--baseline", a, "--candidate", c);
  assertEquals(reject.code, 1);
  assertStringIncludes(reject.stdout, "REJECT");
  const missing = await gateCli("--baseline", `${root}/nope`, "--candidate", b);
  assertEquals(missing.code, 2);
  assertStringIncludes(missing.stderr, `${root}/nope: no such run folder`);
  assertEquals((await gateCli("--baseline", a, "--candidate", b, "--bogus")).code, 2);
  assertEquals((await gateCli("--baseline", a, "--candidate", b, "--min-delta", "x")).code, 2);
  await Deno.remove(root, { recursive: true });
});

Deno.test("deno task gate --json prints one JSON object; --min-delta takes a negative number", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_test_" });
  const a = await writeRun(`${root}/a`, BASE);
  const r = await gateCli("--baseline", a, "--candidate", a, "--min-delta", "-0.05", "--json");
  assertEquals(r.code, 0);
  const v = JSON.parse(r.stdout);
  assertEquals([v.decision, v.exit_code, v.min_delta], ["PROMOTE", 0, -0.05]);
  assertEquals(v.comparison.bootstrap, { resamples: 2000, seed: 2026 });
  await Deno.remove(root, { recursive: true });
});
