// The server's OpenAI API, called as a function (no network): every response carries the fields
// the OpenAI API documents with their types, the same request with the same seed gives the same
// completions, and every refusal is an OpenAI-style error with the status that says why.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

const handle = makeHandler({ policy: STAND_IN, clock: () => 1_700_000_000, randomSeed: () => 42 });
const MODEL = STAND_IN.id;

async function call(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await handle(new Request(`http://127.0.0.1:1${path}`, init));
  return { status: res.status, headers: res.headers, json: await res.json() };
}

const chat = (extra: Record<string, unknown> = {}) =>
  call("/v1/chat/completions", {
    model: MODEL,
    messages: [{
      role: "user",
      content: "Compute 23*45. Answer with exactly one line: Final: <int>",
    }],
    ...extra,
  });

const isInt = (x: unknown) => Number.isSafeInteger(x);

/** The documented fields of a usage object: three integers, total = prompt + completion. */
function assertUsage(u: Record<string, number>) {
  assertEquals(Object.keys(u).sort(), ["completion_tokens", "prompt_tokens", "total_tokens"]);
  assert(isInt(u.prompt_tokens) && isInt(u.completion_tokens));
  assertEquals(u.total_tokens, u.prompt_tokens + u.completion_tokens);
}

Deno.test("POST /v1/chat/completions answers with every field of a chat.completion object", async () => {
  const { status, headers, json } = await chat({ n: 3, seed: 1, logprobs: true });
  assertEquals([status, headers.get("content-type")], [200, "application/json"]);
  assertEquals(Object.keys(json).sort(), [
    "choices",
    "created",
    "id",
    "model",
    "object",
    "system_fingerprint",
    "usage",
  ]);
  assertEquals([json.object, json.model, json.created], ["chat.completion", MODEL, 1_700_000_000]);
  assert(typeof json.id === "string" && typeof json.system_fingerprint === "string");
  assertEquals(json.choices.map((c: { index: number }) => c.index), [0, 1, 2]);
  for (const c of json.choices) {
    assertEquals(Object.keys(c).sort(), ["finish_reason", "index", "logprobs", "message"]);
    assertEquals([c.message.role, typeof c.message.content, c.message.refusal], [
      "assistant",
      "string",
      null,
    ]);
    assert(["stop", "length"].includes(c.finish_reason));
    const tokens = c.logprobs.content;
    assertEquals(tokens.map((t: { token: string }) => t.token).join(""), c.message.content);
    for (const t of tokens) {
      assertEquals(Object.keys(t).sort(), ["bytes", "logprob", "token", "top_logprobs"]);
      assert(t.logprob <= 0 && Array.isArray(t.top_logprobs));
      assertEquals(t.bytes, [...new TextEncoder().encode(t.token)]);
    }
  }
  assertUsage(json.usage);
  const lengths = json.choices.map((c: { logprobs: { content: unknown[] } }) =>
    c.logprobs.content.length
  );
  assertEquals(json.usage.completion_tokens, lengths.reduce((a: number, b: number) => a + b, 0));
});

Deno.test("POST /v1/completions answers with every field of a text_completion object, n per prompt", async () => {
  const { status, json } = await call("/v1/completions", {
    model: MODEL,
    prompt: ["Compute 2+3.", "Compute 7*6."],
    n: 2,
    seed: 5,
    logprobs: 0,
  });
  assertEquals([status, json.object], [200, "text_completion"]);
  assertEquals(json.choices.map((c: { index: number }) => c.index), [0, 1, 2, 3]);
  for (const c of json.choices) {
    assertEquals(Object.keys(c).sort(), ["finish_reason", "index", "logprobs", "text"]);
    assertEquals(Object.keys(c.logprobs).sort(), [
      "text_offset",
      "token_logprobs",
      "tokens",
      "top_logprobs",
    ]);
    assertEquals(c.logprobs.tokens.join(""), c.text);
    assertEquals(c.logprobs.tokens.length, c.logprobs.token_logprobs.length);
  }
  assertUsage(json.usage);
});

Deno.test("GET /v1/models lists the served model as a list of model objects", async () => {
  const { status, json } = await call("/v1/models");
  assertEquals(status, 200);
  assertEquals(json.object, "list");
  assertEquals(Object.keys(json.data[0]).sort(), ["created", "id", "object", "owned_by"]);
  assertEquals([json.data[0].id, json.data[0].object], [MODEL, "model"]);
  assertEquals((await call(`/v1/models/${MODEL}`)).json.id, MODEL);
  assertEquals((await call("/v1/models/other")).status, 404);
});

Deno.test("the same request with the same seed gives the same completions; another seed, others", async () => {
  const texts = async (seed: number) =>
    (await chat({ n: 8, seed })).json.choices.map((c: { message: { content: string } }) =>
      c.message.content
    );
  assertEquals(await texts(1), await texts(1));
  const all = new Set([...await texts(1), ...await texts(2), ...await texts(3)]);
  assert(all.size > 2, `only ${all.size} distinct completions over three seeds`);
});

Deno.test("temperature 0 is greedy: every choice is the most likely completion", async () => {
  const { json } = await chat({ n: 4, seed: 9, temperature: 0 });
  const texts = json.choices.map((c: { message: { content: string } }) => c.message.content);
  assertEquals(texts, Array(4).fill("Final: 1035"));
});

Deno.test("max_tokens cuts a choice with finish_reason length; a stop string ends it with stop", async () => {
  const cut = (await chat({ seed: 1, temperature: 0, max_tokens: 2 })).json.choices[0];
  assertEquals([cut.message.content, cut.finish_reason], ["Final:", "length"]);
  const stopped = (await chat({ seed: 1, temperature: 0, stop: ["10"] })).json.choices[0];
  assertEquals([stopped.message.content, stopped.finish_reason], ["Final: ", "stop"]);
});

Deno.test("a wrong model name is a 404 model_not_found naming the served model", async () => {
  const { status, json } = await chat({ model: "gpt-9" });
  assertEquals([status, json.error.code, json.error.param], [404, "model_not_found", "model"]);
  assert(json.error.message.includes(MODEL), json.error.message);
});

Deno.test("refusals are OpenAI error objects: 400 malformed, 404 route, 405 method, 413 too large", async () => {
  const cases: [string, unknown, string, number][] = [
    ["/v1/chat/completions", '{"model": ', "POST", 400],
    ["/v1/chat/completions", "[1, 2]", "POST", 400],
    ["/v1/chat/completions", { model: MODEL }, "POST", 400],
    [
      "/v1/chat/completions",
      { model: MODEL, messages: [{ role: "user", content: "x" }], n: 0 },
      "POST",
      400,
    ],
    [
      "/v1/chat/completions",
      { model: MODEL, messages: [{ role: "user", content: "x" }], temperature: 3 },
      "POST",
      400,
    ],
    [
      "/v1/chat/completions",
      { model: MODEL, messages: [{ role: "user", content: "x" }], stream: true },
      "POST",
      400,
    ],
    [
      "/v1/chat/completions",
      { model: MODEL, messages: [{ role: "user", content: "x" }], presence_penalty: 1 },
      "POST",
      400,
    ],
    ["/v1/nope", undefined, "GET", 404],
    ["/v1/chat/completions", undefined, "GET", 405],
    ["/v1/models", {}, "POST", 405],
  ];
  for (const [path, body, method, want] of cases) {
    const { status, json } = await call(path, body, method);
    assertEquals(status, want, `${method} ${path} ${JSON.stringify(body)}`);
    assertEquals(Object.keys(json.error).sort(), ["code", "message", "param", "type"]);
    assert(json.error.message.length > 0);
  }
  const small = makeHandler({
    policy: STAND_IN,
    clock: () => 0,
    randomSeed: () => 0,
    limits: { maxBodyBytes: 100 },
  });
  const big = await small(
    new Request("http://x/v1/score", { method: "POST", body: "x".repeat(101) }),
  );
  assertEquals(big.status, 413);
  const res = await handle(new Request("http://x/v1/chat/completions", { method: "GET" }));
  assertEquals(res.headers.get("allow"), "POST");
});
