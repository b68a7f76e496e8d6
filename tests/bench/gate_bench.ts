/**
 * The gate's speed (issue 21 §1): two 20,000-item runs compared without re-sampling (every row
 * re-scored and checked against its input file), target under 1 s; re-sampling the 120 prompts
 * of a run that claims the course's own policy, target under 0.5 s; and two 20,000-item runs
 * that both claim it (a seeded sample of 480 rows each, stated).
 *
 *   deno task bench
 */
import { join } from "node:path";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { runProvenance } from "../../lib/compare/provenance.ts";
import { readResultRows } from "../../lib/compare/result_rows.ts";
import { readManifest } from "../../lib/core/manifest.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { toJsonl } from "../../lib/datagen/datagen.ts";
import { makeProblems } from "../../lib/datagen/problems.ts";
import { EARLY_POLICY, LATER_POLICY, sampleCompletion } from "../../lib/datagen/sim_policy.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";

const N = 20_000;
const dir = await Deno.makeTempDir({ prefix: "gate_bench_" });
const problems = makeProblems("bench", N, 11);
const ds = join(dir, "ds.jsonl");
await Deno.writeTextFile(
  ds,
  toJsonl(problems.map(({ id, prompt, expected_answer }) => ({ id, prompt, expected_answer }))),
);
const evalOf = async (name: string, policy: typeof EARLY_POLICY) => {
  const completions = join(dir, `${name}.jsonl`);
  await Deno.writeTextFile(
    completions,
    toJsonl(problems.map((p) => ({ id: p.id, completion: sampleCompletion(policy, p, 0) }))),
  );
  await Deno.writeTextFile(
    join(dir, `${name}.meta.json`),
    JSON.stringify({ policy: policy.name, temperature: 1, synthetic: true }),
  );
  return (await runEval({ dataset: ds, completions, outdir: join(dir, "runs", name) })).runPath;
};
const [a, b] = [await evalOf("a", EARLY_POLICY), await evalOf("b", LATER_POLICY)];

Deno.bench(
  "gate() on two 20,000-item runs, no re-sampling (target < 1 s)",
  { n: 5, warmup: 1 },
  async () => {
    await gate(a, b, GATE_DEFAULTS);
  },
);

const small = dataPath("datasets/small_dev.jsonl");
const base = await loadCheckpoint(dataPath("policy/base.json"));
const settings = { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 };
const sampled = await runSample({
  policy: base,
  dataset: small,
  settings,
  outdir: join(dir, "runs", "s"),
});
const claimed = (await runEval({
  dataset: small,
  completions: join(sampled.runPath, "completions.jsonl"),
  outdir: join(dir, "runs", "claimed"),
})).runPath;
const parsed = await readManifest(claimed);
const rows = await readResultRows(join(claimed, "results.jsonl"));

Deno.bench("re-sampling the 120 prompts a run claims, tokens re-scored (target < 0.5 s)", {
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
