/**
 * Provenance the gate verifies (issue 21 §1), one test per attack and per status: forged
 * completions claiming the course's own policy (its seed, another seed, the RL checkpoint),
 * completions forged inside results.jsonl with the hashes recomputed, the manifest's sampling
 * edited, tokens.jsonl edited; and what each side's provenance reads: re-sampled, sealed, a
 * seeded sample of a large run, a checkpoint not found here, self-reported (with a PROMOTE that
 * says so first). Runs are real: `runSample` with the shipped checkpoints, then `runEval`.
 */
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { sha256Bytes, sha256File } from "../../lib/core/hash.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { gate, GATE_DEFAULTS, type GateVerdict } from "../../lib/compare/gate.ts";
import { RESAMPLE_BUDGET, rowsToCheck } from "../../lib/compare/resample.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { gateStory } from "../../lib/present/gate_story.ts";

const SMALL = dataPath("datasets/small_dev.jsonl");
const SETTINGS = { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 };
const base = await loadCheckpoint(dataPath("policy/base.json"));
const root = await Deno.makeTempDir({ prefix: "provenance_test_" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

/** A sample run of `policy` (n samples per prompt of `dataset`) in `root/runs/<name>`. */
async function sample(
  name: string,
  opts: { policy?: typeof base; n?: number; dataset?: string; temperature?: number } = {},
) {
  const outdir = join(root, "runs", name);
  await runSample({
    policy: opts.policy ?? base,
    dataset: opts.dataset ?? SMALL,
    settings: { ...SETTINGS, n: opts.n ?? 1, temperature: opts.temperature ?? 1 },
    outdir,
  });
  return outdir;
}

/** Evals `completions` (with whatever `.meta.json` lies beside it) into `root/runs/<name>`. */
async function evalOf(name: string, completions: string, dataset = SMALL): Promise<string> {
  const outdir = join(root, "runs", name);
  await runEval({ dataset, completions, outdir });
  return outdir;
}

/** Completions answering every prompt correctly, with `meta` as their `.meta.json`. */
async function forged(name: string, meta: Record<string, unknown>): Promise<string> {
  const rows = (await Deno.readTextFile(SMALL)).trim().split("\n").map((l) => JSON.parse(l));
  const path = join(root, `${name}.jsonl`);
  await Deno.writeTextFile(
    path,
    rows.map((r) => JSON.stringify({ id: r.id, completion: `Final: ${r.expected_answer}` }))
      .join("\n") + "\n",
  );
  await Deno.writeTextFile(join(root, `${name}.meta.json`), JSON.stringify(meta));
  return path;
}

/** Rewrites a JSONL file through `edit` (on its parsed rows); returns the text written. */
// deno-lint-ignore no-explicit-any -- rows of any shape, edited in place
type Row = Record<string, any>;
async function editJsonl(path: string, edit: (rows: Row[]) => void, to = path) {
  const rows = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l));
  edit(rows);
  const text = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  await Deno.writeTextFile(to, text);
  return text;
}

const judge = (a: string, b: string): Promise<GateVerdict> => gate(a, b, GATE_DEFAULTS);
/** The message of the violation `check` of a REJECT (asserting both). */
function rejectedFor(v: GateVerdict, check: string): string {
  assertEquals([v.decision, v.exit_code], ["REJECT", 1]);
  const r = v.reasons.find((r) => r.check === check && r.severity === "violation");
  assert(r !== undefined, `no ${check} violation: ${JSON.stringify(v.reasons)}`);
  return r.message;
}

const s0 = await sample("s0");
const baseline = await evalOf("base", join(s0, "completions.jsonl"));
const meta = JSON.parse(await Deno.readTextFile(join(s0, "completions.meta.json")));

Deno.test("a run sampled from a shipped checkpoint is verified by re-sampling every row and re-scoring its tokens", async () => {
  const rl = await loadCheckpoint(dataPath("policy/rl_strict/checkpoint.json"));
  const cand = await evalOf("rl", join(await sample("s_rl", { policy: rl }), "completions.jsonl"));
  const v = await judge(baseline, cand);
  assertEquals(v.decision, "PROMOTE");
  assertEquals(v.provenance.candidate, {
    status: "verified",
    text: "verified (re-sampled 120/120, 120 token rows re-scored)",
  });
  const first = gateStory(v).split("\n")[0];
  assert(
    first.startsWith("PROMOTE: +") && first.endsWith("provenance verified on both sides"),
    first,
  );
});

Deno.test("forged completions claiming the course's policy (its seed, seed 1, the RL checkpoint) are REJECTed with the count", async () => {
  const rlSha = (await sha256File(dataPath("policy/rl_strict/checkpoint.json"))).sha256;
  for (
    const [name, claim] of [
      ["forged_seed0", meta],
      ["forged_seed1", { ...meta, seed: 1 }],
      ["forged_rl", { ...meta, checkpoint: rlSha }],
    ] as const
  ) {
    const v = await judge(baseline, await evalOf(name, await forged(name, claim)));
    const why = rejectedFor(v, "provenance");
    assert(
      /the completions were not produced by the policy the run claims .*: \d+ of 120 re-sampled rows differ/
        .test(why),
      why,
    );
    assertEquals(v.provenance.candidate?.status, "refuted");
  }
});

Deno.test("completions forged inside results.jsonl, hashes recomputed, contradict the input the manifest names", async () => {
  const cand = join(root, "runs", "inres");
  await Deno.mkdir(cand);
  for (const f of ["manifest.json", "summary.json", "summary.md", "results.jsonl"]) {
    await Deno.copyFile(join(baseline, f), join(cand, f));
  }
  const text = await editJsonl(
    join(cand, "results.jsonl"),
    (rows) =>
      rows.forEach((r) =>
        Object.assign(r, { reward: 1, code: "ok", completion: `Final: ${r.expected}` })
      ),
  );
  const m = JSON.parse(await Deno.readTextFile(join(cand, "manifest.json")));
  const bytes = new TextEncoder().encode(text);
  m.artifacts["results.jsonl"] = { sha256: sha256Bytes(bytes), bytes: bytes.length };
  m.created_at = "2000-01-01T00:00:00.000Z"; // not a copy of the baseline
  await Deno.writeTextFile(join(cand, "manifest.json"), JSON.stringify(m));
  const v = await judge(baseline, cand);
  const why = rejectedFor(v, "input file");
  assertStringIncludes(
    why,
    "results.jsonl does not hold what its input runs/s0/completions.jsonl gives",
  );
  assertStringIncludes(why, "so results.jsonl was edited");
  assertEquals(
    v.reasons.filter((r) => r.severity === "violation" && r.check !== "decision").length,
    1,
  );
});

Deno.test("a manifest whose sampling settings were edited (T=0.5 claimed as T=1) is REJECTed by re-sampling", async () => {
  const t05 = await sample("s_t05", { temperature: 0.5 });
  const cand = await evalOf("t05", join(t05, "completions.jsonl"));
  const m = JSON.parse(await Deno.readTextFile(join(cand, "manifest.json")));
  m.sampling.temperature = 1;
  await Deno.writeTextFile(join(cand, "manifest.json"), JSON.stringify(m));
  assertStringIncludes(rejectedFor(await judge(baseline, cand), "provenance"), "rows differ");
});

Deno.test("tokens.jsonl whose log-probabilities were edited is REJECTed, naming the file", async () => {
  const s = await sample("s_tok");
  await editJsonl(join(s, "tokens.jsonl"), (lines) => lines[3].logprobs[0] += 0.5);
  const v = await judge(baseline, await evalOf("tok", join(s, "completions.jsonl")));
  const why = rejectedFor(v, "provenance");
  assertStringIncludes(
    why,
    "runs/s_tok/tokens.jsonl does not hold the tokens and log-probabilities",
  );
  assertStringIncludes(why, "1 of 120 re-scored rows differ");
});

Deno.test("a best-of-N run over a sampled pack is verified sample by sample; a forged pack is not", async () => {
  const pack = await sample("s_pack", { n: 4 });
  const sel = async (name: string, samples: string) => {
    const outdir = join(root, "runs", name);
    await runSelect({ dataset: SMALL, samples, n: 4, outdir });
    return outdir;
  };
  const good = await sel("sel", join(pack, "samples.jsonl"));
  const v = await judge(good, good);
  assertEquals(v.provenance.baseline?.text.startsWith("verified (re-sampled 120/120"), true);
  await editJsonl(join(pack, "samples.jsonl"), (rows) => {
    rows[0].samples[0] = "Final: -1"; // sample 0 of the first prompt, edited
  }, join(root, "pack.jsonl"));
  await Deno.copyFile(join(pack, "samples.meta.json"), join(root, "pack.meta.json"));
  const bad = await sel("sel_forged", join(root, "pack.jsonl"));
  assertStringIncludes(
    rejectedFor(await judge(good, bad), "provenance"),
    "1 of 120 re-sampled rows differ",
  );
});

Deno.test("a run larger than the budget is re-sampled on a seeded sample of rows, the count stated", async () => {
  const rows = (await Deno.readTextFile(SMALL)).trim().split("\n").map((l) => JSON.parse(l));
  const big = join(root, "big.jsonl");
  await Deno.writeTextFile(
    big,
    Array.from({ length: 600 }, (_, i) => JSON.stringify({ ...rows[i % rows.length], id: `b${i}` }))
      .join("\n") + "\n",
  );
  const run = await evalOf(
    "big",
    join(await sample("s_big", { dataset: big }), "completions.jsonl"),
    big,
  );
  const v = await judge(run, run);
  assertEquals(
    v.provenance.baseline?.text,
    `verified (re-sampled a seeded ${RESAMPLE_BUDGET} of 600, ${RESAMPLE_BUDGET} token rows re-scored)`,
  );
  assertEquals(rowsToCheck(600, RESAMPLE_BUDGET, 7), rowsToCheck(600, RESAMPLE_BUDGET, 7));
  assertEquals(new Set(rowsToCheck(600, RESAMPLE_BUDGET, 7)).size, RESAMPLE_BUDGET);
});

Deno.test("provenance reads: sealed course data, checkpoint not found here, self-reported; a PROMOTE on it says so first", async () => {
  const DEV = dataPath("datasets/math_dev.jsonl");
  const frozen = await evalOf("frozen", dataPath("rollouts/frozen_rollouts_dev.jsonl"), DEV);
  const sealed = (await judge(frozen, frozen)).provenance.baseline?.text;
  assertEquals(sealed, "verified (sealed course data data/rollouts/frozen_rollouts_dev.jsonl)");
  const lost = await evalOf("lost", await forged("lost", { ...meta, checkpoint: "ab".repeat(32) }));
  assertEquals(
    (await judge(baseline, lost)).provenance.candidate?.text,
    "checkpoint not found here (abababababab…)",
  );
  const ext = await evalOf(
    "ext",
    await forged("ext", {
      model: "gpt-x",
      temperature: 1,
      top_p: 1,
      top_k: 0,
      max_tokens: 48,
      seed: 0,
    }),
  );
  const v = await judge(baseline, ext);
  assertEquals(v.decision, "PROMOTE"); // a different model (a policy change), decoding equal
  assertEquals(v.provenance.candidate?.text, 'self-reported (external model "gpt-x")');
  const first = gateStory(v).split("\n")[0];
  assert(
    first.startsWith(
      "PROMOTE on self-reported provenance (candidate: self-reported (external model",
    ),
    first,
  );
});
