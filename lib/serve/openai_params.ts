/**
 * Every request field the server knows, in one table: what it honours, and what it accepts only
 * at the value that changes nothing. A field outside the table, or a known one with a value this
 * server cannot honour, is a 400 naming the field — a reply must never misstate how it was
 * sampled. (lm-eval's `local-completions` passes a task's generation settings straight into the
 * body, lm_eval/models/openai_completions.py `**gen_kwargs` at v0.4.12, so a silently ignored
 * `repetition_penalty` would run a task without it.)
 *
 * Sources of the names: the OpenAI API reference (chat and completions), vLLM's
 * `vllm/entrypoints/openai/protocol.py` (`ChatCompletionRequest`, `CompletionRequest`: the
 * sampling and extra params), llama.cpp's `tools/server/README.md` (`/completion` options, which
 * its OpenAI routes also read), Ollama's `openai/openai.go`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { unsupportedField } from "./openai_params.ts";
 * assertEquals(unsupportedField("chat", { repetition_penalty: 1 }), null);
 * assertEquals(unsupportedField("chat", { repetition_penalty: 1.1 })?.param, "repetition_penalty");
 * ```
 * @module
 */

/** Which endpoint a body is for. */
export type Endpoint = "chat" | "completions";

/** Fields the request parser reads and honours (openai_request.ts validates each). */
export const HONOURED: Readonly<Record<Endpoint, readonly string[]>> = {
  chat: [
    "model",
    "messages",
    "n",
    "temperature",
    "top_p",
    "top_k",
    "max_tokens",
    "max_completion_tokens",
    "stop",
    "seed",
    "logprobs",
    "top_logprobs",
    "stream",
    "echo",
  ],
  completions: [
    "model",
    "prompt",
    "n",
    "temperature",
    "top_p",
    "top_k",
    "max_tokens",
    "stop",
    "seed",
    "logprobs",
    "stream",
    "echo",
  ],
};

type Neutral = (v: unknown) => boolean;
const isNull: Neutral = (v) => v === null;
const eq = (x: unknown): Neutral => (v) => v === null || v === x;
const emptyList: Neutral = (v) => v === null || (Array.isArray(v) && v.length === 0);
const emptyObj: Neutral = (v) =>
  v === null || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);
const emptyBias: Neutral = (v) => emptyObj(v) || emptyList(v);
const anyOf = (t: string): Neutral => (v) => v === null || typeof v === t;
const noTools: Neutral = (v) => v === null || v === "none" || v === "auto";
const textFormat: Neutral = (v) =>
  v === null || (typeof v === "object" && (v as { type?: unknown }).type === "text");
const emptyText: Neutral = (v) => v === null || v === "";

/**
 * Known fields this server does not implement, each with the test for its neutral value (the one
 * that samples exactly as if it were absent). `null` always counts as absent.
 */
export const NEUTRAL_ONLY: Readonly<Record<string, Neutral>> = {
  // OpenAI
  frequency_penalty: eq(0),
  presence_penalty: eq(0),
  logit_bias: emptyBias,
  best_of: eq(1),
  suffix: emptyText,
  response_format: textFormat,
  tools: emptyList,
  functions: emptyList,
  tool_choice: noTools,
  function_call: (v) => v === null || v === "none" || v === "auto",
  parallel_tool_calls: anyOf("boolean"), // no tools can be given
  stream_options: isNull,
  user: anyOf("string"), // an end-user id for abuse monitoring: no effect on sampling
  metadata: (v) => v === null || typeof v === "object",
  store: anyOf("boolean"),
  service_tier: (v) => v === null || v === "auto" || v === "default",
  reasoning_effort: isNull,
  modalities: (v) => v === null || (Array.isArray(v) && v.length === 1 && v[0] === "text"),
  prediction: isNull,
  audio: isNull,
  // vLLM sampling and extra params
  use_beam_search: eq(false),
  min_p: eq(0),
  repetition_penalty: eq(1),
  length_penalty: eq(1),
  stop_token_ids: emptyList,
  include_stop_str_in_output: eq(false),
  ignore_eos: eq(false),
  min_tokens: eq(0),
  skip_special_tokens: eq(true),
  spaces_between_special_tokens: eq(true),
  truncate_prompt_tokens: isNull,
  allowed_token_ids: isNull,
  prompt_logprobs: isNull,
  bad_words: emptyList,
  add_special_tokens: anyOf("boolean"), // the course's tokenizer has no BOS/EOS to add
  add_generation_prompt: eq(true),
  continue_final_message: eq(false),
  documents: isNull,
  chat_template: isNull,
  chat_template_kwargs: emptyObj,
  mm_processor_kwargs: emptyObj,
  guided_json: isNull,
  guided_regex: isNull,
  guided_choice: isNull,
  guided_grammar: isNull,
  guided_decoding_backend: isNull,
  guided_whitespace_pattern: isNull,
  structural_tag: isNull,
  priority: eq(0),
  request_id: anyOf("string"),
  logits_processors: emptyList,
  return_tokens_as_token_ids: eq(false),
  cache_salt: anyOf("string"),
  kv_transfer_params: isNull,
  vllm_xargs: emptyObj,
  include_reasoning: anyOf("boolean"),
  // llama.cpp /completion options
  dynatemp_range: eq(0),
  dynatemp_exponent: anyOf("number"), // no effect while dynatemp_range is 0
  n_predict: isNull, // llama.cpp's max_tokens: send max_tokens
  n_indent: eq(0),
  n_keep: anyOf("number"), // context shifting only; the policy's context is never exceeded
  typical_p: eq(1),
  repeat_penalty: eq(1),
  repeat_last_n: anyOf("number"), // no effect while repeat_penalty is 1
  dry_multiplier: eq(0),
  dry_base: anyOf("number"), // these four: no effect while dry_multiplier is 0
  dry_allowed_length: anyOf("number"),
  dry_penalty_last_n: anyOf("number"),
  dry_sequence_breakers: (v) => v === null || Array.isArray(v),
  xtc_probability: eq(0),
  xtc_threshold: anyOf("number"), // no effect while xtc_probability is 0
  mirostat: eq(0),
  mirostat_tau: anyOf("number"), // these two: no effect while mirostat is 0
  mirostat_eta: anyOf("number"),
  grammar: emptyText,
  json_schema: isNull,
  n_probs: eq(0),
  min_keep: eq(0),
  t_max_predict_ms: eq(0),
  image_data: emptyList,
  id_slot: anyOf("number"),
  cache_prompt: anyOf("boolean"),
  return_tokens: eq(false),
  samplers: isNull,
  timings_per_token: eq(false),
  post_sampling_probs: eq(false),
  response_fields: isNull,
  lora: emptyList,
  tfs_z: eq(1),
};

/** A field the server refuses, and why. */
export interface Refusal {
  param: string;
  message: string;
}

/**
 * The first field of `body` this server cannot honour, or null. Honoured fields are left to the
 * request parser (which checks their types and ranges).
 */
export function unsupportedField(
  endpoint: Endpoint,
  body: Record<string, unknown>,
): Refusal | null {
  const honoured = HONOURED[endpoint];
  for (const key of Object.keys(body)) {
    if (honoured.includes(key)) continue;
    if (!Object.hasOwn(NEUTRAL_ONLY, key)) {
      return { param: key, message: `unknown parameter '${key.slice(0, 100)}'` };
    }
    const v = body[key];
    if (!NEUTRAL_ONLY[key](v)) {
      return {
        param: key,
        message:
          `'${key}' = ${JSON.stringify(v)?.slice(0, 100)} is not supported by this server: ` +
          "it samples with temperature, top_p, top_k, max_tokens, stop and seed only, so it " +
          "refuses any setting it would otherwise ignore (send the field's neutral value or leave " +
          "it out)",
      };
    }
  }
  return null;
}
