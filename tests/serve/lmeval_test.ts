// lm-evaluation-harness v0.4.12 `local-completions` against the course's model, its payloads built
// and its replies parsed as lm_eval/models/openai_completions.py does:
// - generation (_create_payload, generate=True): {"prompt", "model", "max_tokens" (max_gen_toks,
//   256 by default), "temperature" (0 unless the task says), "stop" (handle_stop_sequences: the
//   task's `until`, plus the EOS string when the tokenizer gives one), "seed": 1234,
//   **the task's remaining gen_kwargs}; with tokenizer_backend=none and batch_size 1 the prompt is
//   one string, with batch_size k a list of k strings (api_models.py create_message);
//   parse_generations: tmp[choice["index"]] = choice["text"];
// - loglikelihood (generate=False): {"model", "prompt", "temperature": 0, "max_tokens": 1,
//   "logprobs": 1, "seed": 1234, "echo": true}, refused here with a message that says why.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { loadTinyPolicy } from "../../lib/serve/tiny_adapter.ts";

const policy = await loadTinyPolicy("data/policy/base.json");
const handle = makeHandler({ policy, clock: () => 0, randomSeed: () => 0 });
const post = async (body: Record<string, unknown>) => {
  const res = await handle(
    new Request("http://x/v1/completions", { method: "POST", body: JSON.stringify(body) }),
  );
  return { status: res.status, json: await res.json() };
};
const CONTEXTS = (await Deno.readTextFile("data/datasets/small_dev.jsonl")).split("\n")
  .filter((l) => l !== "").slice(0, 4).map((l) => JSON.parse(l).prompt as string);

/** LocalCompletionsAPI._create_payload(generate=True) with eos=None (tokenizer_backend=none). */
function generationPayload(prompt: string | string[], genKwargs: Record<string, unknown>) {
  const g = { ...genKwargs };
  delete g.do_sample;
  const maxTokens = "max_tokens" in g ? g.max_tokens : g.max_gen_toks ?? 256;
  delete g.max_tokens;
  delete g.max_gen_toks;
  const temperature = g.temperature ?? 0;
  delete g.temperature;
  const until = g.until;
  delete g.until;
  const stop = typeof until === "string" ? [until] : until === undefined ? [] : until;
  return {
    prompt,
    model: policy.id,
    max_tokens: maxTokens,
    temperature,
    stop,
    seed: 1234,
    ...g,
  };
}

/** parse_generations. */
function parseGenerations(out: { choices: { index: number; text: string }[] }): string[] {
  const tmp: string[] = new Array(out.choices.length);
  for (const c of out.choices) tmp[c.index] = c.text;
  return tmp;
}

Deno.test("lm-eval generate_until, batch_size 1 and 4: the greedy completions, in the contexts' order", async () => {
  const gen = { until: ["\n\n", "Question:"], do_sample: false };
  const one = [];
  for (const c of CONTEXTS) {
    const { status, json } = await post(generationPayload(c, gen));
    assertEquals(status, 200, JSON.stringify(json));
    one.push(...parseGenerations(json));
  }
  const { status, json } = await post(generationPayload(CONTEXTS, gen));
  assertEquals(status, 200);
  assertEquals(parseGenerations(json), one);
  assert(one.every((t) => t.startsWith("Final")), one.join(" | "));
});

Deno.test("lm-eval generate_until: a task setting the server honours is used, one it cannot is a 400 naming it", async () => {
  const ok = await post(generationPayload(CONTEXTS[0], { until: ["\n"], top_k: 5, top_p: 0.9 }));
  assertEquals(ok.status, 200);
  const bad = await post(
    generationPayload(CONTEXTS[0], { until: ["\n"], repetition_penalty: 1.1 }),
  );
  assertEquals([bad.status, bad.json.error.param], [400, "repetition_penalty"]);
});

Deno.test("lm-eval loglikelihood (echo with logprobs) is refused with a message that says why and what runs", async () => {
  const { status, json } = await post({
    model: policy.id,
    prompt: `${CONTEXTS[0]} Final: 5`,
    temperature: 0,
    max_tokens: 1,
    logprobs: 1,
    seed: 1234,
    echo: true,
  });
  assertEquals([status, json.error.param], [400, "echo"]);
  assert(json.error.message.includes("run generate_until tasks instead"), json.error.message);
});
