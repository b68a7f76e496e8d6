/**
 * Eval at scale: `runEval` over 200,000 rows (dataset + completions written once in setup),
 * streaming in and out. Target: under 1 second per run (and under 150 MB peak memory, measured
 * on the CLI with `/usr/bin/time -f "%e s %M KB"`; see the README).
 *
 *   deno task bench
 */
import { runEval } from "../../lib/experiments/eval.ts";
import { makeProblems } from "../../lib/datagen/problems.ts";
import { toJsonl } from "../../lib/datagen/datagen.ts";
import { EARLY_POLICY, sampleCompletion } from "../../lib/datagen/sim_policy.ts";

const N = 200_000;
const dir = await Deno.makeTempDir({ prefix: "eval_bench_" });
const problems = makeProblems("bench", N, 11);
await Deno.writeTextFile(
  `${dir}/ds.jsonl`,
  toJsonl(problems.map(({ id, prompt, expected_answer }) => ({ id, prompt, expected_answer }))),
);
await Deno.writeTextFile(
  `${dir}/comp.jsonl`,
  toJsonl(problems.map((p) => ({ id: p.id, completion: sampleCompletion(EARLY_POLICY, p, 0) }))),
);
let k = 0;

Deno.bench(
  "runEval() on 200,000 rows (read, score, write the run)",
  { n: 5, warmup: 1 },
  async () => {
    await runEval({
      dataset: `${dir}/ds.jsonl`,
      completions: `${dir}/comp.jsonl`,
      outdir: `${dir}/runs/r${k++}`,
      force: false,
      args: [],
    });
  },
);
