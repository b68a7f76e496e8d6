// One completion request against a real server behind a fault-injecting proxy: the faults that
// pass are retried (honouring Retry-After), a refusal stops at once with the server's message,
// spent retries give up, and no secret leaves in a message.
import { rejects } from "node:assert/strict";
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import {
  backoffMs,
  type CallOptions,
  callWithRetry,
  DEFAULT_RETRY,
  FatalHttpError,
  GaveUpError,
  retryAfterMs,
  waitAsked,
} from "../../lib/rollouts/client.ts";
import { startServer } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";
import { type Fault, startFaultProxy } from "./fault_proxy.ts";

const BODY = {
  model: STAND_IN.id,
  messages: [{ role: "user", content: "Compute 2+3." }],
  n: 2,
  seed: 1,
};

async function withProxy(
  faults: Fault[],
  fn: (url: string, proxy: ReturnType<typeof startFaultProxy>) => Promise<void>,
) {
  const ac = new AbortController();
  const server = startServer({
    policy: STAND_IN,
    hostname: "127.0.0.1",
    port: 0,
    signal: ac.signal,
    clock: () => 0,
    randomSeed: () => 0,
  });
  const proxy = startFaultProxy(server.url, faults);
  try {
    await fn(`${proxy.url}/v1/chat/completions`, proxy);
  } finally {
    await proxy.close();
    ac.abort();
    await server.finished;
  }
}

const opts = (extra: Partial<CallOptions> = {}): CallOptions => ({
  api: "chat",
  apiKey: "sk-test-key",
  retry: { ...DEFAULT_RETRY, baseDelayMs: 5, maxRetries: 5, timeoutMs: 2000 },
  jitter: makeRng(1),
  signal: new AbortController().signal,
  redact: (t) => t.split("sk-test-key").join("[redacted]"),
  ...extra,
});

Deno.test("backoffMs() is min(cap, base·2^(k−1))·(0.5 + 0.5u); retryAfterMs() reads seconds and dates", () => {
  assertEquals([backoffMs(1, 500, 30_000, 0), backoffMs(1, 500, 30_000, 1)], [250, 500]);
  assertEquals(backoffMs(3, 500, 30_000, 1), 2000);
  assertEquals(backoffMs(20, 500, 30_000, 1), 30_000);
  assertEquals([retryAfterMs("2", 0), retryAfterMs(null, 0), retryAfterMs("soon", 0)], [
    2000,
    null,
    null,
  ]);
  assertAlmostEquals(retryAfterMs(new Date(10_000).toUTCString(), 4_000)!, 6_000);
  // fractional seconds are seconds (Date.parse("12.5") would be a day in 2001)
  assertEquals([retryAfterMs("12.5", 0), retryAfterMs("0.25", 0)], [12_500, 250]);
});

Deno.test("waitAsked() prefers retry-after-ms (OpenAI's header), then Retry-After", () => {
  assertEquals(waitAsked(new Headers({ "retry-after-ms": "750", "retry-after": "9" }), 0), 750);
  assertEquals(waitAsked(new Headers({ "retry-after": "1.5" }), 0), 1500);
  assertEquals(waitAsked(new Headers(), 0), null);
});

Deno.test("callWithRetry() retries 503, a dropped connection, a truncated and a malformed body", async () => {
  const faults: Fault[] = [
    { kind: "status", status: 503 },
    { kind: "drop" },
    { kind: "truncate" },
    { kind: "malformed" },
  ];
  await withProxy(faults, async (url, proxy) => {
    let retries = 0;
    const r = await callWithRetry(url, BODY, opts({ onRetry: () => void retries++ }));
    assertEquals([r.attempts, retries, r.response.choices.length], [5, 4, 2]);
    assertEquals(proxy.seen.map((s) => s.authorization), Array(5).fill("Bearer sk-test-key"));
  });
});

Deno.test("callWithRetry() waits at least the server's Retry-After after a 429", async () => {
  await withProxy(
    [{ kind: "status", status: 429, headers: { "retry-after": "1" } }],
    async (url) => {
      const waits: number[] = [];
      const t0 = performance.now();
      const r = await callWithRetry(
        url,
        BODY,
        opts({ onRetry: (_why, ms) => void waits.push(ms) }),
      );
      assertEquals([r.attempts, waits], [2, [1000]]);
      assert(performance.now() - t0 >= 1000);
    },
  );
});

Deno.test("callWithRetry() retries a timeout, and gives up when the retries are spent", async () => {
  await withProxy([{ kind: "stall", ms: 400 }], async (url) => {
    const r = await callWithRetry(
      url,
      BODY,
      opts({ retry: { ...DEFAULT_RETRY, baseDelayMs: 5, timeoutMs: 200 } }),
    );
    assertEquals(r.attempts, 2);
  });
  await withProxy(Array(3).fill({ kind: "status", status: 502 }), async (url) => {
    await rejects(
      callWithRetry(
        url,
        BODY,
        opts({ retry: { ...DEFAULT_RETRY, baseDelayMs: 5, maxRetries: 2 } }),
      ),
      (e: Error) => e instanceof GaveUpError && e.attempts === 3 && /HTTP 502/.test(e.message),
    );
  });
});

Deno.test("callWithRetry() stops at once on a wrong model, with the server's message", async () => {
  await withProxy([], async (url, proxy) => {
    await rejects(
      callWithRetry(url, { ...BODY, model: "no-such-model" }, opts()),
      (e: Error) =>
        e instanceof FatalHttpError && e.status === 404 && /does not exist/.test(e.message),
    );
    assertEquals(proxy.seen.length, 1);
  });
});

Deno.test("callWithRetry() keeps the key out of every message, even when the server echoes it", async () => {
  const echo: Fault = {
    kind: "status",
    status: 401,
    body: '{"error":{"message":"Incorrect API key: sk-test-key"}}',
  };
  await withProxy([echo], async (url) => {
    await rejects(callWithRetry(url, BODY, opts()), (e: Error) => {
      return e instanceof FatalHttpError && e.message === "HTTP 401: Incorrect API key: [redacted]";
    });
  });
});
