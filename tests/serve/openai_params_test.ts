// The server says what it did: every request field the counterparts document is either honoured
// or, at any value that would change sampling, a 400 naming it. The key lists are copied from:
// - the OpenAI API reference (chat.completions.create, completions.create);
// - vLLM vllm/entrypoints/openai/protocol.py (ChatCompletionRequest, CompletionRequest: the
//   "sampling params" and "extra params" blocks), which lm-eval's local-completions targets;
// - llama.cpp tools/server/README.md, the /completion options (its OpenAI routes copy every
//   remaining body field into the same parameters);
// - lm-eval v0.4.12 lm_eval/models/openai_completions.py, whose generation payload is
//   {prompt, model, max_tokens, temperature, stop, seed, **gen_kwargs}.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { HONOURED, NEUTRAL_ONLY } from "../../lib/serve/openai_params.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

const handle = makeHandler({ policy: STAND_IN, clock: () => 0, randomSeed: () => 0 });
const post = async (path: string, body: unknown) => {
  const res = await handle(
    new Request(`http://x${path}`, { method: "POST", body: JSON.stringify(body) }),
  );
  return { status: res.status, json: await res.json() };
};
const base = {
  chat: { model: "stand-in-v1", messages: [{ role: "user", content: "Compute 2+3." }] },
  completions: { model: "stand-in-v1", prompt: "Compute 2+3." },
};

const OPENAI_CHAT = [
  "messages",
  "model",
  "audio",
  "frequency_penalty",
  "function_call",
  "functions",
  "logit_bias",
  "logprobs",
  "max_completion_tokens",
  "max_tokens",
  "metadata",
  "modalities",
  "n",
  "parallel_tool_calls",
  "prediction",
  "presence_penalty",
  "reasoning_effort",
  "response_format",
  "seed",
  "service_tier",
  "stop",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "user",
];
const OPENAI_COMPLETIONS = [
  "model",
  "prompt",
  "best_of",
  "echo",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "max_tokens",
  "n",
  "presence_penalty",
  "seed",
  "stop",
  "stream",
  "stream_options",
  "suffix",
  "temperature",
  "top_p",
  "user",
];
const VLLM = [
  "use_beam_search",
  "top_k",
  "min_p",
  "repetition_penalty",
  "length_penalty",
  "stop_token_ids",
  "include_stop_str_in_output",
  "ignore_eos",
  "min_tokens",
  "skip_special_tokens",
  "spaces_between_special_tokens",
  "truncate_prompt_tokens",
  "allowed_token_ids",
  "prompt_logprobs",
  "bad_words",
  "echo",
  "add_generation_prompt",
  "continue_final_message",
  "add_special_tokens",
  "documents",
  "chat_template",
  "chat_template_kwargs",
  "mm_processor_kwargs",
  "guided_json",
  "guided_regex",
  "guided_choice",
  "guided_grammar",
  "structural_tag",
  "guided_decoding_backend",
  "guided_whitespace_pattern",
  "priority",
  "request_id",
  "logits_processors",
  "return_tokens_as_token_ids",
  "cache_salt",
  "kv_transfer_params",
  "vllm_xargs",
  "response_format",
  "include_reasoning",
];
const LLAMA_CPP = [
  "temperature",
  "dynatemp_range",
  "dynatemp_exponent",
  "top_k",
  "top_p",
  "min_p",
  "n_predict",
  "n_indent",
  "n_keep",
  "stream",
  "stop",
  "typical_p",
  "repeat_penalty",
  "repeat_last_n",
  "presence_penalty",
  "frequency_penalty",
  "dry_multiplier",
  "dry_base",
  "dry_allowed_length",
  "dry_penalty_last_n",
  "dry_sequence_breakers",
  "xtc_probability",
  "xtc_threshold",
  "mirostat",
  "mirostat_tau",
  "mirostat_eta",
  "grammar",
  "json_schema",
  "seed",
  "ignore_eos",
  "logit_bias",
  "n_probs",
  "min_keep",
  "t_max_predict_ms",
  "image_data",
  "id_slot",
  "cache_prompt",
  "return_tokens",
  "samplers",
  "timings_per_token",
  "post_sampling_probs",
  "response_fields",
  "lora",
];
const DOCUMENTED = [...new Set([...OPENAI_CHAT, ...OPENAI_COMPLETIONS, ...VLLM, ...LLAMA_CPP])];

/** A value of `key` that would change how a completion is sampled. */
function nonNeutral(key: string): unknown {
  const probes: unknown[] = [1.5, 3, -1, true, false, "x", [1], { type: "json_object" }, {
    a: 1,
  }];
  return probes.find((v) => !NEUTRAL_ONLY[key](v));
}

Deno.test("every documented field is known: honoured, or accepted only at its neutral value", () => {
  const known = new Set([...HONOURED.chat, ...HONOURED.completions, ...Object.keys(NEUTRAL_ONLY)]);
  assertEquals(DOCUMENTED.filter((k) => !known.has(k)), []);
});

for (const endpoint of ["chat", "completions"] as const) {
  const path = endpoint === "chat" ? "/v1/chat/completions" : "/v1/completions";
  Deno.test(`${path}: each field it cannot honour, at a value that would change sampling, is a 400 naming it`, async () => {
    const silent: string[] = [];
    for (const key of Object.keys(NEUTRAL_ONLY)) {
      const v = nonNeutral(key);
      if (v === undefined) continue; // accepted at any value: it never changes sampling
      const { status, json } = await post(path, { ...base[endpoint], [key]: v });
      if (status !== 400 || json.error.param !== key) silent.push(`${key}=${JSON.stringify(v)}`);
    }
    assertEquals(silent, []);
  });

  Deno.test(`${path}: each such field at its neutral value changes nothing`, async () => {
    const want = (await post(path, { ...base[endpoint], seed: 4 })).json.choices;
    const neutral: Record<string, unknown> = {
      frequency_penalty: 0,
      presence_penalty: 0,
      logit_bias: {},
      repetition_penalty: 1,
      min_p: 0,
      ignore_eos: false,
      stop_token_ids: [],
      min_tokens: 0,
      typical_p: 1,
      repeat_penalty: 1,
      mirostat: 0,
      response_format: { type: "text" },
      tools: [],
      use_beam_search: false,
      user: "u-1",
      n_probs: 0,
    };
    const { status, json } = await post(path, { ...base[endpoint], seed: 4, ...neutral });
    assertEquals(status, 200, JSON.stringify(json));
    assertEquals(json.choices, want);
  });
}

Deno.test("an unknown field is a 400 naming it; methods and fields named after Object's own are not special", async () => {
  const { status, json } = await post("/v1/chat/completions", { ...base.chat, temprature: 0.5 });
  assertEquals([status, json.error.param], [400, "temprature"]);
  for (const key of ["constructor", "valueOf", "__proto__", "toString", "hasOwnProperty"]) {
    const r = await handle(
      new Request("http://x/v1/chat/completions", {
        method: "POST",
        body: `{"model":"stand-in-v1","messages":[{"role":"user","content":"Hi"}],"${key}":1}`,
      }),
    );
    assertEquals(r.status, 400, key);
    assertEquals((await r.json()).error.param, key);
  }
  for (const method of ["valueOf", "constructor", "toString"]) {
    const r = await handle(new Request("http://x/v1/models", { method }));
    assertEquals(r.status, 405, method);
    await r.body?.cancel();
  }
});

Deno.test("stream and echo are booleans: 'yes' and 'true' are refused as the wrong type, true as unsupported", async () => {
  for (
    const [key, v, msg] of [
      ["stream", "yes", /must be true or false/],
      ["echo", "true", /must be true or false/],
      ["stream", true, /not supported/],
      ["echo", true, /does not model the prompt's own tokens/],
    ] as const
  ) {
    const { status, json } = await post("/v1/completions", { ...base.completions, [key]: v });
    assertEquals([status, json.error.param], [400, key]);
    assert(msg.test(json.error.message), json.error.message);
  }
  const ok = await post("/v1/completions", { ...base.completions, stream: false, echo: false });
  assertEquals(ok.status, 200);
});
