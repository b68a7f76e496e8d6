// No client can take the server down (issue 21 §3), end to end: `deno task serve` under a small
// open-file limit and a flood of half-sent requests, a prompt over the token cap, a long
// generation beside /health, and SIGTERM with requests queued behind a long one.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { loadTinyPolicy } from "../../lib/serve/tiny_adapter.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";
import { scratch } from "../cli.ts";
import { finished, freePort, inProcessServer, startServe } from "./tasks.ts";

const enc = new TextEncoder();
const tiny = await loadTinyPolicy(dataPath("policy/base.json"));
const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
/** A long but legal request: 16 prompts of about 1,500 tokens, 64 choices each. */
const longRequest = (model: string) => ({
  model,
  prompt: Array(16).fill("Compute 2+3. ".repeat(300)),
  n: 64,
  max_tokens: 48,
});

Deno.test("deno task serve with 64 open files survives 300 half-sent requests and still answers /health", async () => {
  const dir = await scratch();
  const serve = await startServe(dir, freePort(), ["--stand-in"], 64);
  const port = Number(new URL(serve.url).port);
  const conns: Deno.Conn[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      const c = await Deno.connect({ hostname: "127.0.0.1", port });
      await c.write(enc.encode("POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n"))
        .catch(() => {}); // an evicted connection may refuse the write
      conns.push(c);
    }
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${serve.url}/health`);
      assertEquals((await res.json()).status, "ok");
    }
    let exited = false;
    serve.child.status.then(() => exited = true);
    await new Promise((r) => setTimeout(r, 50));
    assertEquals(exited, false);
  } finally {
    conns.forEach((c) => c.close());
    serve.child.kill("SIGTERM");
    assertEquals((await finished(serve.child)).code, 0);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a prompt over the token cap is a 400 naming the cap, before any generation", async () => {
  const handle = makeHandler({
    policy: tiny,
    clock: () => 0,
    randomSeed: () => 1,
    limits: { maxPromptTokens: 16 },
  });
  const req = (path: string, body: unknown) =>
    handle(new Request(`http://x${path}`, { method: "POST", body: JSON.stringify(body) }));
  const long = "Compute 2+3. ".repeat(10);
  const chat = await req("/v1/chat/completions", {
    model: tiny.id,
    messages: [{ role: "user", content: long }],
  });
  const chatBody = await chat.json();
  assertEquals([chat.status, chatBody.error.param], [400, "messages"]);
  assertStringIncludes(chatBody.error.message, "over the cap of 16 tokens");
  const text = await req("/v1/completions", { model: tiny.id, prompt: ["Compute 2+3.", long] });
  const textBody = await text.json();
  assertEquals([text.status, textBody.error.param], [400, "prompt"]);
  assertStringIncludes(textBody.error.message, "prompt 1 is over the cap of 16 tokens");
  const ok = await req("/v1/completions", {
    model: tiny.id,
    prompt: "Compute 2+3.",
    max_tokens: 4,
  });
  assertEquals(ok.status, 200);
  // The stand-in counts its own tokens the same way; 15 MB of prompt is refused, not generated.
  const standIn = makeHandler({ policy: STAND_IN, clock: () => 0, randomSeed: () => 1 });
  const huge = await standIn(
    new Request("http://x/v1/completions", {
      method: "POST",
      body: JSON.stringify({ model: STAND_IN.id, prompt: "7 ".repeat(7_500_000) }),
    }),
  );
  assertEquals([huge.status, (await huge.json()).error.param], [400, "prompt"]);
});

Deno.test("a long generation yields: /health is answered while it runs", async () => {
  const server = inProcessServer(tiny);
  try {
    const order: string[] = [];
    const long = post(server.url, "/v1/completions", longRequest(tiny.id)).then(async (r) => {
      assertEquals(r.status, 200);
      await r.body?.cancel();
      order.push("long");
    });
    await new Promise((r) => setTimeout(r, 30));
    const health = fetch(`${server.url}/health`).then(async (r) => {
      assertEquals(r.status, 200);
      await r.body?.cancel();
      order.push("health");
    });
    await Promise.all([long, health]);
    assertEquals(order, ["health", "long"]);
  } finally {
    await server.stop();
  }
});

Deno.test("SIGTERM answers the requests queued behind a long one, then deno task serve exits 0", async () => {
  const dir = await scratch();
  const serve = await startServe(dir, freePort(), []);
  try {
    const model = (await (await fetch(`${serve.url}/v1/models`)).json()).data[0].id;
    const statuses = [post(serve.url, "/v1/completions", longRequest(model))];
    await new Promise((r) => setTimeout(r, 30));
    for (let i = 0; i < 5; i++) {
      statuses.push(post(serve.url, "/v1/completions", { model, prompt: "Compute 2+3." }));
    }
    await new Promise((r) => setTimeout(r, 300));
    serve.child.kill("SIGTERM");
    const answered = await Promise.all(statuses.map((p) =>
      p.then(async (r) => {
        await r.body?.cancel();
        return r.status;
      }, (e) => `${e} ${e.cause}`)
    ));
    assertEquals(answered, [200, 200, 200, 200, 200, 200]);
    const r = await finished(serve.child);
    assertEquals(r.code, 0, r.stderr);
    assert(r.stdout.includes("server stopped"), r.stdout);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
