// The verifier inside the real trainers' Python code: each trainer's request builder and reply
// parser, replayed in python3 (standard library only) against a running `deno task serve`. Which
// file and version each replays is written at the top of each script in tests/tools/trainers/.
// A missing python3 fails (this is deno task test:tools: a tool it needs is never skipped).
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { scratch } from "../cli.ts";
import { freePort, startServe } from "../serve/tasks.ts";

const DATASET = join(PROJECT_ROOT, "data/datasets/math_dev.jsonl");
const dir = await scratch("trainers_test_");
const serve = await startServe(dir, freePort());
globalThis.addEventListener("unload", () => {
  try {
    serve.child.kill("SIGTERM");
  } catch { /* already gone */ }
});

async function python(script: string, args: string[]): Promise<Record<string, unknown>> {
  const out = await new Deno.Command("python3", {
    args: [join(PROJECT_ROOT, "tests/tools/trainers", script), ...args],
    stdout: "piped",
    stderr: "piped",
  }).output().catch((e) => {
    throw new Error(`deno task test:tools needs python3 on PATH (${e})`);
  });
  const [stdout, stderr] = [out.stdout, out.stderr].map((b) => new TextDecoder().decode(b));
  assertEquals(out.code, 0, stderr);
  return JSON.parse(stdout);
}

for (const template of ["qwen", "llama3", "base"]) {
  for (const protocol of ["batch", "per-sample"]) {
    Deno.test(`OpenRLHF ${protocol === "batch" ? "v0.9.0 batch" : "v0.11.0 per-sample"} protocol, ${template} queries ending in EOS: /v1/score's rewards on the bare completions, as floats`, async () => {
      const r = await python("replay_openrlhf.py", [
        `${serve.url}/get_reward`,
        DATASET,
        template,
        protocol,
      ]);
      assertEquals(r.rewards, r.bare);
      assertEquals(r.scores, r.bare);
      assert((r.rewards as number[]).filter((x) => x === 1).length > 30);
      assertEquals(r.extra_keys, [
        "eos_stripped",
        "format_fail",
        "invalid_label",
        "no_label",
        "prompt_not_found",
        "strict_ok",
        "wrong_answer",
      ]);
    });
  }
}

Deno.test("verl (naive, batch and prime managers) and TRL (conversational and standard) score through integrations/rl_course_reward.py", async () => {
  const r = await python("replay_verl_trl.py", [
    join(PROJECT_ROOT, "integrations/rl_course_reward.py"),
    `${serve.url}/v1/score`,
    DATASET,
  ]);
  const want = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 1 : 0));
  for (
    const k of ["verl_naive", "verl_prime", "verl_batch", "trl_conversational", "trl_standard"]
  ) {
    assertEquals(r[k], want, k);
  }
  assertEquals(r.types, ["float"]);
});

Deno.test("lm-eval local-completions (tokenizer_backend=none): generate_until payloads answered and parsed, loglikelihood refused with its reason", async () => {
  const r = await python("replay_lmeval.py", [serve.url, "stand-in-v1", DATASET]);
  assertEquals(r.statuses, [200, 200, 200, 200]);
  assertEquals(r.batched, r.generations);
  assert((r.generations as string[]).every((g) => typeof g === "string" && g.length > 0));
  const [status, param, message] = r.loglikelihood as [number, string, string];
  assertEquals([status, param], [400, "echo"]);
  assert(message.includes("generate_until"), message);
});

Deno.test({
  name: "(cleanup) the server stops",
  sanitizeResources: false,
  fn: async () => {
    serve.child.kill("SIGTERM");
    await serve.child.status;
    await Deno.remove(dir, { recursive: true });
  },
});
