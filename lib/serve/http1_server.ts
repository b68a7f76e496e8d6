/**
 * The server's transport: HTTP/1.1 over `Deno.listen`, bounded so that no client can take the
 * server down (issue 21 §3). `Deno.serve` has no header or body read timeout and no connection
 * cap, and a failed `accept` (too many open files) ends it; here:
 *
 * - a request head must arrive within {@link TransportLimits.headerTimeoutMs} and the body within
 *   {@link TransportLimits.bodyTimeoutMs}; an idle keep-alive connection is closed after
 *   {@link TransportLimits.idleTimeoutMs}; a response must be taken within `writeTimeoutMs`;
 * - at most {@link TransportLimits.maxConnections} connections are open: a new one evicts the
 *   oldest connection still waiting for its request head (so half-sent requests cannot starve
 *   `/health`), and when every slot is busy with a real request the newcomer gets a 503;
 * - a failed `accept` waits and tries again, never ends the server;
 * - when `signal` aborts, the connections already queued are still taken (the listener closes
 *   once none came for `drainAcceptMs`), every request already sent is answered with
 *   `Connection: close`, a connection without a request gets `drainGraceMs` to send one, then
 *   `finished` settles (at the latest after `drainMs`).
 *
 * The handler is the same `Request → Response` function `Deno.serve` would call.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { serveHttp1 } from "./http1_server.ts";
 * const ac = new AbortController();
 * const s = serveHttp1({ hostname: "127.0.0.1", port: 0, signal: ac.signal }, () => new Response("ok"));
 * assertEquals(await (await fetch(`http://127.0.0.1:${s.port}/`)).text(), "ok");
 * ac.abort();
 * await s.finished;
 * ```
 * @module
 */
import {
  type Conn,
  serveConnection,
  TRANSPORT_DEFAULTS,
  type TransportLimits,
} from "./http1_connection.ts";
import { errorBody, responseBytes } from "./http1_response.ts";

export { TRANSPORT_DEFAULTS, type TransportLimits } from "./http1_connection.ts";

/** A running transport. */
export interface Http1Server {
  hostname: string;
  port: number;
  /** Settles once the listener is closed and every connection has ended. */
  finished: Promise<void>;
  /** Connections open now, and how many were turned away or evicted (for tests and stats). */
  counts: {
    open: number;
    evicted: number;
    busy503: number;
    timeouts: number;
    acceptErrors: number;
  };
}

/**
 * Serves `handler` over HTTP/1.1 on `hostname:port` (0: a free port) until `signal` aborts.
 *
 * @throws what `Deno.listen` throws (an address in use, no net permission)
 */
export function serveHttp1(
  opts: {
    hostname: string;
    port: number;
    signal: AbortSignal;
    limits?: Partial<TransportLimits>;
    /** Share the port with other servers (SO_REUSEPORT, `--unstable-net`): `serve --workers`. */
    reusePort?: boolean;
  },
  handler: (req: Request) => Response | Promise<Response>,
): Http1Server {
  const lim = { ...TRANSPORT_DEFAULTS, ...opts.limits };
  const listener = Deno.listen({
    hostname: opts.hostname,
    port: opts.port,
    transport: "tcp",
    ...(opts.reusePort ? { reusePort: true } : {}),
  });
  const addr = listener.addr as Deno.NetAddr;
  const conns = new Set<Conn>();
  const counts = { open: 0, evicted: 0, busy503: 0, timeouts: 0, acceptErrors: 0 };
  let draining = false;
  let allClosed: (() => void) | null = null;

  const close = (c: Conn) => {
    if (c.closed) return;
    c.closed = true;
    clearTimeout(c.timer);
    try {
      c.conn.close();
    } catch { /* already closed */ }
    conns.delete(c);
    counts.open = conns.size;
    if (draining && conns.size === 0) allClosed?.();
  };
  const deadline = (c: Conn, ms: number) => {
    clearTimeout(c.timer);
    c.timer = setTimeout(() => {
      counts.timeouts++;
      close(c);
    }, ms);
  };
  const write = async (c: Conn, bytes: Uint8Array) => {
    deadline(c, lim.writeTimeoutMs);
    let off = 0;
    while (off < bytes.length) off += await c.conn.write(bytes.subarray(off));
  };

  /** Closes the connection that waits longest without a request (idle first): true if one. */
  const evictOne = (): boolean => {
    let oldest: Conn | null = null;
    for (const o of conns) {
      if (o.state === "busy") continue;
      if (
        !oldest || (o.state === "idle" && oldest.state === "head") ||
        (o.state === oldest.state && o.opened < oldest.opened)
      ) oldest = o;
    }
    if (oldest === null) return false;
    counts.evicted++;
    close(oldest);
    return true;
  };

  const admit = async (conn: Deno.Conn) => {
    const c: Conn = {
      conn,
      state: "idle",
      opened: performance.now(),
      timer: undefined,
      closed: false,
    };
    if (conns.size >= lim.maxConnections) {
      if (!evictOne()) {
        counts.busy503++;
        conns.add(c);
        const busy = errorBody(
          503,
          "server_busy",
          `the server holds its cap of ${lim.maxConnections} connections, all busy; retry shortly`,
        );
        busy.headers.set("retry-after", "1");
        await write(c, await responseBytes(busy, false, false)).catch(() => {});
        close(c);
        return;
      }
    }
    conns.add(c);
    counts.open = conns.size;
    await serveConnection(c, {
      limits: lim,
      addr,
      handler,
      draining: () => draining,
      deadline,
      write,
      close,
    });
  };

  // On stop, the listener stays open until no connection has come for `drainAcceptMs`: the
  // connections already queued in the kernel (sent while a long request held the thread) are
  // accepted and answered, not reset by closing the listener under them.
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const closeWhenQuiet = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      try {
        listener.close();
      } catch { /* closed */ }
    }, lim.drainAcceptMs);
  };
  const acceptLoop = async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
        if (draining) closeWhenQuiet();
      } catch (e) {
        if (draining || e instanceof Deno.errors.BadResource) break;
        // Too many open files, say: make room by closing the longest-waiting connection without
        // a request, or wait a little, then accept again. The server never ends on it.
        counts.acceptErrors++;
        if (!evictOne()) await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      admit(conn).catch(() => {});
    }
  };

  const finished = (async () => {
    const loop = acceptLoop();
    await new Promise<void>((resolve) => {
      if (opts.signal.aborted) resolve();
      opts.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    draining = true;
    closeWhenQuiet();
    await loop;
    // A connection accepted but not yet read may hold a request already sent: each waiting one
    // gets a short grace to deliver it (answered with Connection: close), then closes.
    for (const c of conns) if (c.state !== "busy") deadline(c, lim.drainGraceMs);
    if (conns.size > 0) {
      const done = new Promise<void>((r) => allClosed = r);
      const hard = setTimeout(() => [...conns].forEach(close), lim.drainMs);
      await done;
      clearTimeout(hard);
    }
  })();
  return { hostname: addr.hostname, port: addr.port, finished, counts };
}
