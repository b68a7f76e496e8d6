// What the rollouts client sends and records: the endpoint without secrets, the request bodies,
// per-sample seeds, and a .meta.json that eval reads and the gate compares.
import { throws } from "node:assert/strict";
import { assert, assertEquals, assertNotEquals } from "../../lib/core/testing.ts";
import { InputError } from "../../lib/core/errors.ts";
import { loadSamplingSettings } from "../../lib/measure/sampling.ts";
import { compareSampling } from "../../lib/compare/gate.ts";
import {
  endpointSamplingMeta,
  parseBaseUrl,
  promptSeed,
  requestBody,
  requestUrl,
  type RolloutSettings,
  sampleSeed,
} from "../../lib/rollouts/request.ts";

const S: RolloutSettings = {
  model: "qwen2.5:0.5b",
  api: "chat",
  temperature: 1,
  top_p: 1,
  max_tokens: 256,
  seed: 0,
  system: null,
  logprobs: false,
};

Deno.test("parseBaseUrl() keeps the query for requests and refuses credentials without echoing them", () => {
  const ep = parseBaseUrl("https://example.org/openai/v1/?api-version=2");
  assertEquals(ep, {
    scheme: "https",
    host: "example.org",
    port: 443,
    path: "/openai/v1",
    query: "?api-version=2",
  });
  assertEquals(
    requestUrl(ep, "completions"),
    "https://example.org:443/openai/v1/completions?api-version=2",
  );
  throws(() => parseBaseUrl("http://user:sk-secret@host/v1"), (e: Error) => {
    return e instanceof InputError && /credentials/.test(e.message) &&
      !e.message.includes("sk-secret");
  });
  throws(() => parseBaseUrl("ftp://host/v1"), InputError);
  throws(() => parseBaseUrl("localhost:8000"), InputError);
});

Deno.test("requestBody() sends the prompt as the user message after the optional system prompt", () => {
  assertEquals(requestBody(S, "Compute 2+2.", 4, 7), {
    model: "qwen2.5:0.5b",
    messages: [{ role: "user", content: "Compute 2+2." }],
    n: 4,
    temperature: 1,
    top_p: 1,
    max_tokens: 256,
    seed: 7,
  });
  const withSystem = requestBody({ ...S, system: "Be brief.", logprobs: true }, "Q", 1, 0);
  assertEquals((withSystem as { messages?: unknown }).messages, [{
    role: "system",
    content: "Be brief.",
  }, { role: "user", content: "Q" }]);
  assertEquals((withSystem as { logprobs?: boolean }).logprobs, true);
  const text = requestBody({ ...S, api: "completions", system: "Be brief." }, "Q", 1, 0);
  assertEquals((text as { prompt: string }).prompt, "Be brief.\n\nQ");
});

Deno.test("sampleSeed() and promptSeed() are fixed per (seed, id, i), distinct, and 31-bit", () => {
  assertEquals(sampleSeed(3, "q1", 2), sampleSeed(3, "q1", 2));
  const seeds = new Set([0, 1, 2, 3].map((i) => sampleSeed(3, "q1", i)));
  assertEquals(seeds.size, 4);
  assertNotEquals(sampleSeed(3, "q1", 0), sampleSeed(4, "q1", 0));
  for (const s of [...seeds, promptSeed(3, "q1")]) assert(s >= 0 && s < 2 ** 31);
});

Deno.test("endpointSamplingMeta() is a flat map that eval reads and the gate compares knob by knob", async () => {
  const ep = parseBaseUrl("http://127.0.0.1:8000/v1?key=sk-123");
  const meta = endpointSamplingMeta({ ...S, system: "Be brief." }, ep, 8);
  assert(Object.values(meta).every((v) => v === null || typeof v !== "object"));
  assert(!JSON.stringify(meta).includes("sk-123"), "the query string must not be recorded");
  assertEquals(meta.endpoint_path, "/v1/chat/completions");
  assertEquals(meta.samples_per_prompt, 8);
  assertEquals((meta.system_prompt_sha256 as string).length, 64);
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/c.meta.json`, JSON.stringify(meta));
  await Deno.writeTextFile(`${dir}/c.jsonl`, "");
  assertEquals(await loadSamplingSettings(`${dir}/c.jsonl`), meta);
  await Deno.remove(dir, { recursive: true });
  const hotter = endpointSamplingMeta({ ...S, system: "Be brief.", temperature: 0.7 }, ep, 8);
  const [r] = compareSampling(meta, hotter);
  assertEquals(r.severity, "violation");
  assert(r.message.includes("temperature"), r.message);
  const other = endpointSamplingMeta({ ...S, system: "Be brief.", model: "llama3.2:1b" }, ep, 8);
  assertEquals(compareSampling(meta, other).map((x) => x.severity), ["ok", "note"]);
});
