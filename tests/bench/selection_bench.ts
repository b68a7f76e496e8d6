// Speed of Loop B: best-of-N over 20,000 prompts × 8 samples must run in under 1 second (the
// issue's figure, quoted in the README), and within 3× the floor measured here: reading both
// files, parsing every line and writing one JSON line per prompt, with no scoring. The synthetic
// files are made here, in a temp folder: about a third of the samples correct, the rest the
// usual near misses. Targets: tests/bench/targets.ts.
import { makeRng } from "../../lib/core/prng.ts";
import { runSelect } from "../../lib/experiments/select.ts";

const PROMPTS = 20_000, SAMPLES = 8;
const root = await Deno.makeTempDir({ prefix: "selection_bench_" });
const dataset = `${root}/ds.jsonl`, samples = `${root}/pack.jsonl`;
const rng = makeRng(2026);
const near = (
  a: number,
) => [`Final: ${a + 1}`, `Final:${a}`, `Final: ${a}.`, `The answer is ${a}.`];
const ds: string[] = [], pack: string[] = [];
for (let i = 0; i < PROMPTS; i++) {
  const id = `b-${String(i).padStart(5, "0")}`, answer = rng.int(10_000);
  ds.push(JSON.stringify({ id, prompt: `Compute ${answer} + 0.`, expected_answer: answer }));
  const list = Array.from(
    { length: SAMPLES },
    () => (rng.next() < 0.33 ? `Final: ${answer}` : rng.choice(near(answer))),
  );
  pack.push(JSON.stringify({ id, samples: list }));
}
await Deno.writeTextFile(dataset, ds.join("\n") + "\n");
await Deno.writeTextFile(samples, pack.join("\n") + "\n");
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

Deno.bench(
  `runSelect() ${PROMPTS.toLocaleString("en")} prompts x ${SAMPLES} samples, N = 4`,
  { group: "select", n: 5, warmup: 1 },
  async () => {
    await runSelect({
      dataset,
      samples,
      n: 4,
      outdir: `${root}/run`,
      force: true,
      plot: false,
      args: [],
    });
  },
);

Deno.bench(
  "read, parse and write 20,000 packs (reference)",
  { group: "select", n: 5, warmup: 1 },
  async () => {
    const dec = new TextDecoder();
    const rows = async (path: string) =>
      dec.decode(await Deno.readFile(path)).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const d = await rows(dataset), p = await rows(samples);
    const lines: string[] = [];
    for (let i = 0; i < p.length; i++) {
      lines.push(
        JSON.stringify({ id: d[i].id, chosen: 0, completion: p[i].samples[0], reward: 0 }),
      );
    }
    await Deno.writeTextFile(`${root}/floor.jsonl`, lines.join("\n") + "\n");
  },
);
