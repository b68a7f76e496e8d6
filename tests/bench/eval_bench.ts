/**
 * Eval at scale: `runEval` over 200,000 rows (dataset + completions written once in setup),
 * streaming in and out. Target: under 1 second per run, and within 2× the floor measured here
 * (reading both files, parsing every line and writing one JSON line per row, with no scoring:
 * the work no eval can avoid; the acceptance check's ../shared/checks/lib/parse_floor.ts, in
 * process). Peak memory (under 150 MB) is measured on the CLI with `/usr/bin/time -f "%e s %M KB"`;
 * see the README.
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
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
  { group: "eval", n: 5, warmup: 1 },
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

Deno.bench(
  "read, parse and write 200,000 rows (reference)",
  { group: "eval", n: 5, warmup: 1 },
  async () => {
    const dec = new TextDecoder();
    const rows = async (name: string) =>
      dec.decode(await Deno.readFile(`${dir}/${name}`)).split("\n").filter(Boolean).map((l) =>
        JSON.parse(l)
      );
    const ds = await rows("ds.jsonl"), co = await rows("comp.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < co.length; i++) {
      lines.push(JSON.stringify({ id: ds[i].id, completion: co[i].completion, reward: 0 }));
    }
    await Deno.writeTextFile(`${dir}/floor.jsonl`, lines.join("\n") + "\n");
  },
);

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
