/**
 * /get_reward throughput as OpenRLHF loads it, over HTTP against `deno task serve` in its own
 * process: batches of 64 Qwen2.5-templated queries that end in the EOS token (the query OpenRLHF
 * builds, openrlhf/utils/agent.py v0.11.0), 8 requests in flight (a trainer with several rollout
 * workers), one server and `--workers 2` (both cores). Each iteration posts 32 batches:
 * items/s = 32 × 64 / t. The target is at least 30,000 items/s at batch 64.
 *
 *   deno task bench
 */
import { dataPath } from "../../lib/core/paths.ts";
import { freePort, spawnTask } from "../serve/tasks.ts";

const rows = (await Deno.readTextFile(dataPath("datasets/math_dev.jsonl"))).split("\n")
  .filter((l) => l !== "").slice(0, 64).map((l) => JSON.parse(l));
const qwen = (p: string) =>
  "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant." +
  `<|im_end|>\n<|im_start|>user\n${p}<|im_end|>\n<|im_start|>assistant\n`;
const prompts = rows.map((r) => qwen(r.prompt));
const body = JSON.stringify({
  query: prompts.map((p, i) => `${p}Final: ${rows[i].expected_answer}<|im_end|>`),
  prompts,
  labels: rows.map((r) => String(r.expected_answer)),
});

async function serve(args: string[]): Promise<{ url: string; child: Deno.ChildProcess }> {
  const port = freePort();
  const cwd = await Deno.makeTempDir({ prefix: "reward_bench_" });
  const child = spawnTask("serve", ["--stand-in", "--port", String(port), ...args], { cwd });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/health`).then((r) => r.body?.cancel().then(() => r.ok), () => false)) {
      return { url, child };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`deno task serve ${args.join(" ")} did not answer`);
}

const one = await serve([]);
const two = await serve(["--workers", "2"]);
globalThis.addEventListener("unload", () => {
  for (const s of [one, two]) s.child.kill("SIGTERM");
});

async function batches(url: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < 32) {
      const res = await fetch(`${url}/get_reward`, { method: "POST", body });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const info = await res.json();
      if (info.rewards.length !== 64 || info.rewards[0] !== 1) throw new Error("wrong rewards");
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

Deno.bench(
  "POST /get_reward, 32 batches of 64 EOS-terminated queries, 8 in flight, 1 server (items/s = 2048 / t)",
  async () => {
    await batches(one.url);
  },
);

Deno.bench("POST /get_reward, the same with serve --workers 2 (items/s = 2048 / t)", async () => {
  await batches(two.url);
});
