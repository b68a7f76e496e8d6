// The course's model behind the server reports its log-probabilities as OpenAI and vLLM do: the
// end token's log-probability where the completion ended on it (text ""), so the served sum is
// `deno task logprobs`' log π(y|x); a stop string's token not in `tokens`, which always join up
// to the text; and the alternatives asked for, in each endpoint's shape (chat: top_logprobs
// [{token, logprob, bytes}]; completions: top_logprobs [{token: logprob}], what lm-eval's
// parse_logprobs reads with max(top.values())).
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { completionLogprobs } from "../../lib/policy/logprobs.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { loadTinyPolicy } from "../../lib/serve/tiny_adapter.ts";

const CKPT = "data/policy/base.json";
const policy = await loadTinyPolicy(CKPT);
const model = await loadCheckpoint(CKPT);
const handle = makeHandler({ policy, clock: () => 0, randomSeed: () => 0 });
const post = async (path: string, body: Record<string, unknown>) => {
  const res = await handle(
    new Request(`http://x${path}`, {
      method: "POST",
      body: JSON.stringify({ model: policy.id, ...body }),
    }),
  );
  const json = await res.json();
  assertEquals(res.status, 200, JSON.stringify(json));
  return json;
};
const PROMPTS = (await Deno.readTextFile("data/datasets/small_dev.jsonl")).split("\n")
  .filter((l) => l !== "").slice(0, 8).map((l) => JSON.parse(l).prompt as string);

Deno.test("served log-probabilities include the end token and sum to deno task logprobs' log π(y|x)", async () => {
  let ended = 0;
  for (const prompt of PROMPTS) {
    const r = await post("/v1/completions", { prompt, n: 4, seed: 3, logprobs: 0 });
    for (const c of r.choices) {
      const lp = c.logprobs;
      assertEquals(lp.tokens.join(""), c.text);
      if (c.finish_reason !== "stop") continue;
      ended++;
      assertEquals(lp.tokens.at(-1), ""); // the end token: no text
      const want = completionLogprobs(model, prompt, c.text);
      const got = lp.token_logprobs.reduce((a: number, b: number) => a + b, 0);
      assertAlmostEquals(got, want.logprob, 1e-9);
    }
  }
  assert(ended > 10, `${ended} completions ended on the end token`);
});

Deno.test("a stop string ends the choice: its token is not in tokens, and the tokens join up to the text", async () => {
  let cut = 0;
  for (const prompt of PROMPTS) {
    for (const stop of [":", " ", "Final", "1", "\n"]) {
      const r = await post("/v1/chat/completions", {
        messages: [{ role: "user", content: prompt }],
        n: 3,
        seed: 1,
        stop,
        logprobs: true,
      });
      for (const c of r.choices) {
        const toks = c.logprobs.content.map((t: { token: string }) => t.token);
        assertEquals(toks.join(""), c.message.content);
        assert(!c.message.content.includes(stop));
        if (c.finish_reason === "stop" && toks.at(-1) !== "") cut++;
      }
    }
  }
  assert(cut > 10, `${cut} choices cut by a stop string`);
});

Deno.test("top_logprobs: the policy's most likely tokens per position, most likely first, in both shapes", async () => {
  const prompt = PROMPTS[0];
  const chat = await post("/v1/chat/completions", {
    messages: [{ role: "user", content: prompt }],
    seed: 2,
    logprobs: true,
    top_logprobs: 5,
  });
  const content = chat.choices[0].logprobs.content;
  for (const t of content) {
    const alts = t.top_logprobs.map((a: { logprob: number }) => a.logprob);
    assertEquals(alts.length, 5);
    assertEquals(alts, [...alts].sort((a, b) => b - a));
    // the policy computes in float32 (lib/policy/kernels.ts): its log-probabilities carry ~1e-7
    assert(t.logprob <= alts[0] + 1e-6);
    assert(alts.reduce((s: number, x: number) => s + Math.exp(x), 0) <= 1 + 1e-6);
  }
  const text = await post("/v1/completions", { prompt, seed: 2, logprobs: 3 });
  const lp = text.choices[0].logprobs;
  lp.top_logprobs.forEach((d: Record<string, number>, t: number) => {
    assert(Object.keys(d).length >= 3 && Object.keys(d).length <= 4);
    assertEquals(d[lp.tokens[t]], lp.token_logprobs[t]); // the sampled token is always there
  });
  // greedy decoding picks the top alternative at every position (lm-eval's is_greedy)
  const greedy = await post("/v1/completions", { prompt, temperature: 0, logprobs: 1 });
  const g = greedy.choices[0].logprobs;
  g.top_logprobs.forEach((d: Record<string, number>, t: number) =>
    assertEquals(g.token_logprobs[t], Math.max(...Object.values(d)))
  );
});
