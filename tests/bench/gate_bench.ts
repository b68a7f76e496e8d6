/**
 * The gate on two 20,000-item eval runs, re-scoring every row of both (as `deno task gate` does).
 * Target: well under a second (README), and within 4× the reference measured here: reading both
 * runs' results.jsonl and the dataset, parsing every line and scoring every row, the work no
 * gate can skip. The test (tests/compare/gate_test.ts) pins the decision and the paired counts.
 * Then provenance (issue 21 §1): re-sampling the 120 prompts of a run that claims the course's
 * own policy, tokens re-scored, under 0.5 s; and the gate on two such runs.
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
 */
import { join } from "node:path";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { runProvenance } from "../../lib/compare/provenance.ts";
import { readResultRows } from "../../lib/compare/result_rows.ts";
import { readManifest } from "../../lib/core/manifest.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { dataset, evalRun } from "../compare/runs.ts";

const N = 20_000;
const root = await Deno.makeTempDir({ prefix: "gate_bench_" });
const a = await evalRun(root, "a", Array.from({ length: N }, (_, i) => i % 2));
const b = await evalRun(root, "b", Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : i % 2)));
const ds = await dataset(root, N);
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

Deno.bench("gate() on two 20,000-item runs", { group: "gate", n: 10, warmup: 2 }, async () => {
  const v = await gate(a, b, GATE_DEFAULTS);
  if (v.decision !== "PROMOTE") throw new Error(`${v.decision}: the bench data is wrong`);
});

const lines = async (path: string) =>
  (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

Deno.bench(
  "read, parse and score the 40,000 rows (reference)",
  { group: "gate", n: 10, warmup: 2 },
  async () => {
    const expected = new Map((await lines(ds)).map((r) => [r.id, r.expected_answer]));
    let passes = 0;
    for (const run of [a, b]) {
      for (const row of await lines(`${run}/results.jsonl`)) {
        passes += score({ expected_answer: expected.get(row.id) }, row.completion).reward;
      }
    }
    if (passes === 0) throw new Error("no passes: the bench data is wrong");
  },
);

const small = dataPath("datasets/small_dev.jsonl");
const base = await loadCheckpoint(dataPath("policy/base.json"));
const settings = { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 };
const sampled = await runSample({
  policy: base,
  dataset: small,
  settings,
  outdir: join(root, "runs", "s"),
});
const claimed = (await runEval({
  dataset: small,
  completions: join(sampled.runPath, "completions.jsonl"),
  outdir: join(root, "runs", "claimed"),
})).runPath;
const parsed = await readManifest(claimed);
const rows = await readResultRows(join(claimed, "results.jsonl"));

Deno.bench("re-sampling the 120 prompts a run claims, tokens re-scored", {
  n: 5,
  warmup: 1,
}, async () => {
  if (!parsed.ok) throw new Error(parsed.problem);
  const p = await runProvenance(rows, parsed.manifest, GATE_DEFAULTS.seed);
  if (p.status !== "verified") throw new Error(p.text);
});

Deno.bench("gate() on two runs of 120 prompts, both re-sampled", { n: 5, warmup: 1 }, async () => {
  await gate(claimed, claimed, GATE_DEFAULTS);
});
