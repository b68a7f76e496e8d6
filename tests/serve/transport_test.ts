// The server's transport (lib/serve/http1_server.ts) under hostile clients, issue 21 §3: no
// client can take it down. Every test asserts what the client sees (a status, a closed
// connection) and that /health still answers; none asserts a wall-clock time.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { serveHttp1, type TransportLimits } from "../../lib/serve/http1_server.ts";

const enc = new TextEncoder(), dec = new TextDecoder();

function start(
  limits: Partial<TransportLimits>,
  handler: (req: Request) => Response | Promise<Response> = () =>
    new Response(JSON.stringify({ status: "ok" })),
) {
  const ac = new AbortController();
  const s = serveHttp1({ hostname: "127.0.0.1", port: 0, signal: ac.signal, limits }, handler);
  const stop = async () => {
    ac.abort();
    await s.finished;
  };
  return { s, url: `http://127.0.0.1:${s.port}`, stop, ac };
}

/** Everything the server sends on `conn` until it closes it (or `limit` bytes). */
async function readAll(conn: Deno.Conn, limit = 1 << 20): Promise<string> {
  const buf = new Uint8Array(limit);
  let n = 0;
  for (;;) {
    const k = await conn.read(buf.subarray(n)).catch(() => null);
    if (k === null || k === 0) break;
    n += k;
  }
  return dec.decode(buf.subarray(0, n));
}

async function raw(port: number, bytes: string): Promise<Deno.Conn> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  if (bytes !== "") await conn.write(enc.encode(bytes));
  return conn;
}

async function health(url: string): Promise<number> {
  const res = await fetch(`${url}/health`);
  await res.body?.cancel();
  return res.status;
}

Deno.test("a request head not finished within the header timeout is cut off; /health answers meanwhile", async () => {
  const { s, url, stop } = start({ headerTimeoutMs: 150 });
  try {
    const half = await raw(s.port, "POST /v1/score HTTP/1.1\r\nHost: x\r\n");
    assertEquals(await health(url), 200);
    assertEquals(await readAll(half), ""); // closed by the server, nothing answered
    half.close();
    assert(s.counts.timeouts >= 1);
  } finally {
    await stop();
  }
});

Deno.test("a body that stops arriving is cut off at the body timeout", async () => {
  const { s, stop } = start({ bodyTimeoutMs: 150 });
  try {
    const conn = await raw(s.port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
    assertEquals(await readAll(conn), "");
    conn.close();
    assert(s.counts.timeouts >= 1);
  } finally {
    await stop();
  }
});

Deno.test("at the connection cap, half-sent requests are evicted so /health still answers", async () => {
  const { s, url, stop } = start({ maxConnections: 8, headerTimeoutMs: 60_000 });
  const conns: Deno.Conn[] = [];
  try {
    for (let i = 0; i < 40; i++) conns.push(await raw(s.port, "GET /health HTTP/1.1\r\n"));
    for (let i = 0; i < 5; i++) assertEquals(await health(url), 200);
    assert(s.counts.open <= 8, `${s.counts.open} connections open, cap 8`);
    assert(s.counts.evicted >= 32);
  } finally {
    conns.forEach((c) => c.close());
    await stop();
  }
});

Deno.test("when every slot serves a real request, a new connection gets a clear 503", async () => {
  let release = () => {};
  const gate = new Promise<void>((r) => release = r);
  const { url, stop } = start({ maxConnections: 2 }, async () => {
    await gate;
    return new Response("done");
  });
  try {
    const busy = [fetch(`${url}/a`), fetch(`${url}/b`)];
    await new Promise((r) => setTimeout(r, 100)); // both admitted and waiting in the handler
    const res = await fetch(`${url}/c`);
    const body = await res.json();
    assertEquals([res.status, body.error.code, res.headers.get("retry-after")], [
      503,
      "server_busy",
      "1",
    ]);
    assertStringIncludes(body.error.message, "cap of 2 connections");
    release();
    for (const r of await Promise.all(busy)) assertEquals(await r.text(), "done");
  } finally {
    release();
    await stop();
  }
});

Deno.test("the framing rules: Content-Length cap, chunked bodies, 100-continue, keep-alive, HTTP/1.0", async () => {
  const { s, stop } = start({ maxBodyBytes: 10 }, async (req) => new Response(await req.text()));
  try {
    const head = "POST / HTTP/1.1\r\nHost: x\r\n";
    const cases: [string, string, string][] = [ // request, status line, what the answer holds
      [`${head}Content-Length: 11\r\n\r\n`, "HTTP/1.1 413 ", "over the cap of 10 bytes"],
      [`${head}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n`, "HTTP/1.1 400 ", "both"],
      [
        `${head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n`,
        "HTTP/1.1 200 ",
        "\r\n\r\nabcde",
      ],
      [`${head}Transfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n`, "HTTP/1.1 413 ", "cap"],
      ["TRACE / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 ", "malformed request (TRACE)"],
      ["GET / HTTP/2.0\r\n\r\n", "HTTP/1.1 505 ", "not supported"],
      [`${head}${"x-a: 1\r\n".repeat(101)}\r\n`, "HTTP/1.1 431 ", "header fields"],
    ];
    for (const [request, status, holds] of cases) {
      const answer = await readAll(await raw(s.port, request));
      assert(answer.startsWith(status), answer);
      assertStringIncludes(answer, holds);
    }
    const conn = await raw(
      s.port,
      "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
    );
    const buf = new Uint8Array(100);
    const n = await conn.read(buf);
    assertEquals(dec.decode(buf.subarray(0, n!)), "HTTP/1.1 100 Continue\r\n\r\n");
    // keep-alive: the answer, then a second request on the same connection
    await conn.write(enc.encode("ok" + "GET / HTTP/1.0\r\n\r\n"));
    const two = await readAll(conn);
    assertEquals(two.match(/HTTP\/1\.1 200 /g)?.length, 2, two);
    assertStringIncludes(two, "connection: close"); // HTTP/1.0 without keep-alive: closed
    conn.close();
  } finally {
    await stop();
  }
});

Deno.test("on abort, every request already received is answered, then the server stops", async () => {
  let release = () => {};
  const gate = new Promise<void>((r) => release = r);
  const { url, stop, ac, s } = start({}, async (req) => {
    if (new URL(req.url).pathname === "/long") await gate;
    return new Response("answered");
  });
  const long = fetch(`${url}/long`);
  await new Promise((r) => setTimeout(r, 50));
  const queued = Array.from({ length: 5 }, () => fetch(`${url}/short`));
  await new Promise((r) => setTimeout(r, 50));
  ac.abort();
  setTimeout(release, 100);
  const all = await Promise.all([long, ...queued]);
  assertEquals(await Promise.all(all.map((r) => r.text())), Array(6).fill("answered"));
  await stop();
  assertEquals(s.counts.open, 0);
  const after = await fetch(`${url}/health`).then(() => "answered", () => "refused");
  assertEquals(after, "refused");
});
