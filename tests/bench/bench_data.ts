/**
 * The big inputs of the eval figures in README's "What was measured": `N` multiplication prompts
 * and one completion each, in the course's JSONL schema, a mix of right answers, wrong ones and
 * the usual format failures (the same shapes every eval meets). Seeded, so the same `N` writes
 * the same bytes.
 *
 *   deno task bench:data 200000    → runs/bench_data_200000/dataset.jsonl, completions.jsonl
 *   /usr/bin/time -f "%e s %M KB" deno task eval --dataset runs/bench_data_200000/dataset.jsonl \
 *     --completions runs/bench_data_200000/completions.jsonl
 */
import { makeRng } from "../../lib/core/prng.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

/** The completion shapes, `a` the answer, `b` a near miss, `x`·`y` the product. */
const SHAPES: readonly ((a: number, b: number, x: number, y: number) => string)[] = [
  (a) => `Final: ${a}`,
  (_a, b) => `Final: ${b}`,
  (a) => `The answer is ${a}.`,
  (a) => `Final:  ${a}`,
  (a) => `Final: ${a}.`,
  (a) => `Final: 0${a}`,
  (a, _b, x, y) => `Let me think step by step. ${x}*${y} = ${a}.\nFinal: ${a}`,
];

/** The dataset and completions files' text for `n` rows. */
export function benchData(n: number, seed = 1): { dataset: string; completions: string } {
  const rng = makeRng(seed);
  const ds: string[] = [], comp: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = 2 + rng.int(98), y = 2 + rng.int(98), a = x * y;
    const b = a + [-1, 1, 10][rng.int(3)];
    const id = `q${String(i).padStart(7, "0")}`;
    ds.push(JSON.stringify({
      id,
      prompt: `Compute ${x}*${y}. Answer with exactly one line: Final: <int>`,
      expected_answer: a,
    }));
    comp.push(JSON.stringify({ id, completion: SHAPES[rng.int(SHAPES.length)](a, b, x, y) }));
  }
  return { dataset: ds.join("\n") + "\n", completions: comp.join("\n") + "\n" };
}

if (import.meta.main) {
  const n = Number(Deno.args[0] ?? "200000");
  if (!Number.isInteger(n) || n < 1) {
    console.error("usage: deno task bench:data N (a positive integer number of rows)");
    Deno.exit(2);
  }
  const dir = `${PROJECT_ROOT}/runs/bench_data_${n}`;
  await Deno.mkdir(dir, { recursive: true });
  const { dataset, completions } = benchData(n);
  await Deno.writeTextFile(`${dir}/dataset.jsonl`, dataset);
  await Deno.writeTextFile(`${dir}/completions.jsonl`, completions);
  console.log(`wrote runs/bench_data_${n}/dataset.jsonl and completions.jsonl (${n} rows)`);
}
