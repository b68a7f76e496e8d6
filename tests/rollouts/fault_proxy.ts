/**
 * A fault-injecting HTTP proxy for the rollouts tests, on raw TCP so it can misbehave the way
 * networks do: each incoming request takes the next fault from a queue (an HTTP status with its
 * headers, a dropped connection, a body cut short under a full `Content-Length`, a body that is
 * not JSON, a stall, or `pass`: no fault), and requests past the queue are forwarded to the upstream server. It
 * records what it saw (path and `Authorization` header) so a test can check what the client sent.
 * Every response closes its connection.
 */

/** One misbehaviour. */
export type Fault =
  | { kind: "pass" }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
  | { kind: "drop" }
  | { kind: "truncate" }
  | { kind: "malformed" }
  | { kind: "stall"; ms: number };

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Faults still queued (tests may push more). */
  faults: Fault[];
  /** What each request carried. */
  seen: { path: string; authorization: string | null }[];
  /** Milliseconds to wait before forwarding each request. */
  delayMs: number;
  /** When set, every request is dropped (the upstream is gone). */
  down: boolean;
  close(): Promise<void>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readRequest(conn: Deno.Conn) {
  let buf = new Uint8Array(0);
  const chunk = new Uint8Array(64 * 1024);
  const more = async () => {
    const n = await conn.read(chunk);
    if (n === null) return false;
    const next = new Uint8Array(buf.length + n);
    next.set(buf);
    next.set(chunk.subarray(0, n), buf.length);
    buf = next;
    return true;
  };
  let end = -1;
  while ((end = dec.decode(buf).indexOf("\r\n\r\n")) < 0) if (!await more()) return null;
  const head = dec.decode(buf).slice(0, end).split("\r\n");
  const [method, path] = head[0].split(" ");
  const headers = new Map(
    head.slice(1).map((l) => {
      const i = l.indexOf(":");
      return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()] as [string, string];
    }),
  );
  const length = Number(headers.get("content-length") ?? "0");
  const start = enc.encode(dec.decode(buf).slice(0, end + 4)).length;
  while (buf.length - start < length) if (!await more()) return null;
  return { method, path, headers, body: buf.subarray(start, start + length) };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array) {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

function response(
  status: number,
  body: Uint8Array,
  headers: Record<string, string> = {},
  length = body.length,
) {
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  const head =
    `HTTP/1.1 ${status} X\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n` +
    `connection: close\r\n${extra}\r\n`;
  const out = new Uint8Array(enc.encode(head).length + body.length);
  out.set(enc.encode(head));
  out.set(body, enc.encode(head).length);
  return out;
}

/** Starts a proxy on a free loopback port in front of `upstream` (`http://HOST:PORT`). */
export function startFaultProxy(upstream: string, faults: Fault[] = []): FaultProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    faults,
    seen: [],
    delayMs: 0,
    down: false,
    async close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed */ }
      }
      await sleep(10);
    },
  };
  const forward = async (r: NonNullable<Awaited<ReturnType<typeof readRequest>>>) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const auth = r.headers.get("authorization");
    if (auth !== undefined) headers.authorization = auth;
    const res = await fetch(upstream + r.path, { method: r.method, headers, body: r.body });
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
  };
  const serveOne = async (conn: Deno.Conn) => {
    conns.add(conn);
    try {
      const r = await readRequest(conn);
      if (r === null) return;
      proxy.seen.push({ path: r.path, authorization: r.headers.get("authorization") ?? null });
      const fault = proxy.faults.shift();
      if (proxy.down || fault?.kind === "drop") return;
      if (fault?.kind === "status") {
        return await writeAll(
          conn,
          response(
            fault.status,
            enc.encode(fault.body ?? '{"error":{"message":"injected"}}'),
            fault.headers,
          ),
        );
      }
      if (fault?.kind === "malformed") {
        return await writeAll(conn, response(200, enc.encode('{"choices": [')));
      }
      if (fault?.kind === "stall") await sleep(fault.ms);
      if (proxy.delayMs > 0) await sleep(proxy.delayMs);
      const up = await forward(r).catch(() => null);
      if (up === null) return; // the upstream is gone: drop, as a dead server would
      if (fault?.kind === "truncate") {
        return await writeAll(
          conn,
          response(up.status, up.body.subarray(0, up.body.length >> 1), {}, up.body.length),
        );
      }
      await writeAll(conn, response(up.status, up.body));
    } catch {
      /* the client went away */
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch { /* closed */ }
    }
  };
  (async () => {
    try {
      for await (const conn of listener) serveOne(conn);
    } catch { /* closed */ }
  })();
  return proxy;
}
