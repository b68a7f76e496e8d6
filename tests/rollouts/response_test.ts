// What the client keeps of a response, and what it refuses as malformed (to retry).
import { throws } from "node:assert/strict";
import { assertEquals } from "../../lib/core/testing.ts";
import {
  MalformedResponse,
  parseCompletionResponse,
  serverMessage,
} from "../../lib/rollouts/response.ts";

Deno.test("parseCompletionResponse() keeps texts in index order, usage, model and fingerprint", () => {
  const r = parseCompletionResponse("chat", {
    model: "gpt-x-2026",
    system_fingerprint: "fp_1",
    usage: { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16 },
    choices: [
      { index: 1, message: { role: "assistant", content: "Final: 2" }, finish_reason: "length" },
      {
        index: 0,
        message: { role: "assistant", content: null },
        finish_reason: "stop",
        logprobs: { content: [{ token: "Final", logprob: -0.5, bytes: [], top_logprobs: [] }] },
      },
    ],
  });
  assertEquals(r.choices.map((c) => [c.text, c.finish_reason]), [["", "stop"], [
    "Final: 2",
    "length",
  ]]);
  assertEquals(r.choices[0].logprobs, { tokens: ["Final"], logprobs: [-0.5] });
  assertEquals([r.model, r.system_fingerprint, r.prompt_tokens, r.completion_tokens], [
    "gpt-x-2026",
    "fp_1",
    10,
    6,
  ]);
  const t = parseCompletionResponse("completions", {
    choices: [{
      text: "Final: 5",
      index: 0,
      finish_reason: null,
      logprobs: {
        tokens: ["Final", ": 5"],
        token_logprobs: [-1, -2],
        top_logprobs: null,
        text_offset: [0, 5],
      },
    }],
  });
  assertEquals([t.model, t.prompt_tokens, t.choices[0].logprobs?.logprobs], [null, null, [-1, -2]]);
});

Deno.test("parseCompletionResponse() refuses bodies that are not the documented shape", () => {
  const bad: unknown[] = [
    null,
    [],
    {},
    { choices: [] },
    { choices: [1] },
    { choices: [{ text: "x" }] }, // chat needs message
    { choices: [{ message: { content: 5 } }] },
    { choices: [{ message: { content: "x" }, finish_reason: 3 }] },
    { choices: [{ message: { content: "x" }, logprobs: { content: [{ token: 1 }] } }] },
    // indexes must be 0..k-1, each once: a duplicated choice is never a second sample
    { choices: [{ index: 0, message: { content: "a" } }, { index: 0, message: { content: "a" } }] },
    {
      choices: [{ index: -1, message: { content: "a" } }, { index: 0, message: { content: "b" } }],
    },
    { choices: [{ index: 0, message: { content: "a" } }, { message: { content: "b" } }] },
    { choices: [{ index: 2, message: { content: "a" } }] },
  ];
  for (const b of bad) throws(() => parseCompletionResponse("chat", b), MalformedResponse);
});

Deno.test("parseCompletionResponse() reads a 200 {error} body as malformed, with the server's message", () => {
  throws(
    () => parseCompletionResponse("chat", { error: { message: "CUDA out of memory" } }),
    MalformedResponse,
    "the server answered 200 with an error: CUDA out of memory",
  );
});

Deno.test("parseCompletionResponse() reads llama-server's chat-shaped logprobs on the completions API", () => {
  const r = parseCompletionResponse("completions", {
    choices: [{
      index: 0,
      text: "Final: 5",
      finish_reason: "stop",
      logprobs: {
        content: [{ id: 1, token: "Final", logprob: -0.5, bytes: [], top_logprobs: [] }],
      },
    }],
  });
  assertEquals(r.choices[0].logprobs, { tokens: ["Final"], logprobs: [-0.5] });
});

Deno.test("serverMessage() finds the message in the error shapes servers use", () => {
  assertEquals(
    serverMessage('{"error":{"message":"model not found","type":"x"}}'),
    "model not found",
  );
  assertEquals(serverMessage('{"error":"bad key"}'), "bad key");
  assertEquals(serverMessage('{"detail":"Not Found"}'), "Not Found");
  assertEquals(serverMessage("<html>\n  Bad   Gateway</html>"), "<html> Bad Gateway</html>");
  assertEquals(serverMessage("x".repeat(400)).length, 301);
});
