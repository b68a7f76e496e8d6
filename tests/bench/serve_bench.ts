/**
 * The server's throughput, measured over HTTP against `deno task serve` in its own process (as a
 * user runs it), with the client in this process:
 *
 * - completions per second at concurrency 8: 64 chat completions (n = 1, max_tokens 48) per
 *   iteration, 8 in flight; and `runRollouts()` over the 120 math_dev prompts at concurrency 8,
 *   one request per sample (the client's full path: request, parse, journal, run writer);
 * - scores per second through `POST /v1/score` with batches of 10,000 items.
 *
 * Divide the work by the time per iteration: completions/s = 64 / t, rollouts samples/s = 120 / t,
 * scores/s = 10,000 / t. The policy is what `deno task serve` serves by default: the tiny model's
 * `data/policy/base.json` when it is there, else the synthetic stand-in (the bench's first line
 * says which).
 *
 *   deno task bench
 */
import { dataPath } from "../../lib/core/paths.ts";
import { runRollouts } from "../../lib/experiments/rollouts.ts";
import { freePort, startServe } from "../serve/tasks.ts";

const cwd = await Deno.makeTempDir({ prefix: "serve_bench_" });
const hasBase = await Deno.stat(dataPath("policy/base.json")).then(() => true, () => false);
const serve = await startServe(cwd, freePort(), hasBase ? [] : ["--stand-in"]);
const MODEL: string = (await (await fetch(`${serve.url}/v1/models`)).json()).data[0].id;
console.log(`serving ${MODEL}`);
globalThis.addEventListener("unload", () => {
  serve.child.kill("SIGTERM");
  Deno.removeSync(cwd, { recursive: true });
});

const prompts = (await Deno.readTextFile(dataPath("datasets/math_dev.jsonl")))
  .split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
let k = 0;

async function chat(prompt: string, seed: number): Promise<void> {
  const res = await fetch(`${serve.url}/v1/chat/completions`, {
    method: "POST",
    body: JSON.stringify({
      model: MODEL,
      messages: [{ role: "user", content: prompt }],
      max_tokens: 48,
      seed,
    }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  await res.json();
}

Deno.bench("64 chat completions over HTTP, 8 in flight (completions/s = 64 / t)", async () => {
  let next = 0;
  const worker = async () => {
    while (next < 64) {
      const i = next++;
      await chat(prompts[i % prompts.length].prompt, k * 64 + i);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  k++;
});

Deno.bench(
  "runRollouts(): 120 prompts × 1 sample at concurrency 8 (samples/s = 120 / t)",
  async () => {
    await runRollouts({
      baseUrl: `${serve.url}/v1`,
      settings: {
        model: MODEL,
        api: "chat",
        temperature: 1,
        top_p: 1,
        max_tokens: 48,
        seed: k++,
        system: null,
        logprobs: false,
      },
      systemPath: null,
      dataset: dataPath("datasets/math_dev.jsonl"),
      n: 1,
      concurrency: 8,
      retry: { maxRetries: 0, timeoutMs: 30_000 },
      apiKey: null,
      outdir: `${cwd}/runs/r${k}`,
      force: false,
      command: "bench",
      args: [],
    }, { signal: new AbortController().signal });
  },
);

const items = Array.from({ length: 10_000 }, (_, i) => ({
  example: { expected_answer: i - 5000 },
  completion: i % 3 === 0
    ? `Final: ${i - 5000}`
    : i % 3 === 1
    ? `Final:  ${i}`
    : `The answer is ${i}.`,
}));
const scoreBody = JSON.stringify({ items });

Deno.bench("POST /v1/score with a batch of 10,000 items (scores/s = 10,000 / t)", async () => {
  const res = await fetch(`${serve.url}/v1/score`, { method: "POST", body: scoreBody });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const out = await res.json();
  if (out.results.length !== 10_000) throw new Error("short");
});
