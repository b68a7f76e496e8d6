/**
 * Rollouts against a wrong model name: the first refusal (HTTP 404) ends the run at once, with no
 * retry and nothing written. Target: under 8 s (once a test's bound, end to end), and within 2×
 * the reference: the same run with the right model, which makes the same one request (both on a
 * one-prompt dataset, n = 2) and writes its run. A retry would add at least the first backoff
 * (250 ms and more); the refusal costs what one request costs.
 * The test (tests/experiments/rollouts_task_test.ts) counts the requests: exactly one.
 *
 * The server is the course's own, with the synthetic stand-in policy, in this process.
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
 */
import { dataPath } from "../../lib/core/paths.ts";
import { runRollouts } from "../../lib/experiments/rollouts.ts";
import { startServer } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

const ac = new AbortController();
const server = startServer({
  policy: STAND_IN,
  hostname: "127.0.0.1",
  port: 0,
  signal: ac.signal,
  clock: () => 0,
  randomSeed: () => 0,
});
const cwd = await Deno.makeTempDir({ prefix: "rollouts_bench_" });
globalThis.addEventListener("unload", () => {
  ac.abort();
  Deno.removeSync(cwd, { recursive: true });
});

const settings = {
  api: "chat" as const,
  temperature: 1,
  top_p: 1,
  max_tokens: 48,
  seed: 0,
  system: null,
  logprobs: false,
};
const dataset = `${cwd}/one.jsonl`;
await Deno.writeTextFile(
  dataset,
  (await Deno.readTextFile(dataPath("datasets/math_dev.jsonl"))).split("\n")[0] + "\n",
);
let k = 0;

const config = (model: string, outdir: string) => ({
  baseUrl: `${server.url}/v1`,
  settings: { ...settings, model },
  systemPath: null,
  dataset,
  n: 2,
  concurrency: 4,
  retry: { maxRetries: 5, timeoutMs: 30_000 },
  apiKey: null,
  outdir,
  force: false,
  command: "bench",
  args: [],
});

Deno.bench(
  "runRollouts() against a wrong model, refused",
  { group: "rollouts", n: 20, warmup: 2 },
  async () => {
    try {
      await runRollouts(config("no-such-model", `${cwd}/runs/wrong`), {
        signal: new AbortController().signal,
      });
    } catch (e) {
      if (/HTTP 404: The model "no-such-model" does not exist/.test((e as Error).message)) return;
      throw e;
    }
    throw new Error("a wrong model was accepted");
  },
);

Deno.bench(
  "the same run with the right model, one request (reference)",
  { group: "rollouts", n: 20, warmup: 2 },
  async () => {
    await runRollouts(config(STAND_IN.id, `${cwd}/runs/r${k++}`), {
      signal: new AbortController().signal,
    });
  },
);
