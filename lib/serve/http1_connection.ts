/**
 * One connection of the server's transport: requests read and answered in turn, each step under
 * a deadline the transport sets (the head, the body, the wait for the next request on a kept
 * connection, the writing of the answer), until the client closes, a deadline passes, a refusal
 * closes it, or the server drains. The bounds themselves ({@link TransportLimits}) are here.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { toRequest } from "./http1_connection.ts";
 * const head = { method: "GET", target: "/health", version: "HTTP/1.1" as const, headers: new Headers({ host: "h:1" }) };
 * assertEquals(toRequest(head, new Uint8Array(0), { hostname: "h", port: 1, transport: "tcp" }).url, "http://h:1/health");
 * ```
 * @module
 */
import { bodyFraming, ProtocolError, type RequestHead } from "./http1_parse.ts";
import { ByteReader, readBody, readHead } from "./http1_read.ts";
import { errorBody, responseBytes } from "./http1_response.ts";

/** The bounds of the transport. */
export interface TransportLimits {
  headerTimeoutMs: number;
  bodyTimeoutMs: number;
  idleTimeoutMs: number;
  writeTimeoutMs: number;
  maxHeaderBytes: number;
  maxHeaders: number;
  maxBodyBytes: number;
  maxConnections: number;
  drainMs: number;
  /** On stop, how long a connection without a request yet may still deliver one. */
  drainGraceMs: number;
  /** On stop, the listener closes once no connection came for this long. */
  drainAcceptMs: number;
}

/** The transport's defaults. */
export const TRANSPORT_DEFAULTS: TransportLimits = {
  headerTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  idleTimeoutMs: 5_000,
  writeTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  maxHeaders: 100,
  maxBodyBytes: 16 * 1024 * 1024,
  maxConnections: 256,
  drainMs: 30_000,
  drainGraceMs: 1_000,
  drainAcceptMs: 100,
};

/** One open connection, as the transport tracks it. */
export interface Conn {
  conn: Deno.Conn;
  /** idle: no byte of the next request yet; head: part of a head; busy: a request is served. */
  state: "idle" | "head" | "busy";
  opened: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  closed: boolean;
}

/** What a connection needs from the transport that holds it. */
export interface ConnectionHost {
  limits: TransportLimits;
  addr: Deno.NetAddr;
  handler: (req: Request) => Response | Promise<Response>;
  /** True once the server stops: every answer then closes its connection. */
  draining(): boolean;
  /** Closes `c` after `ms` unless set again. */
  deadline(c: Conn, ms: number): void;
  write(c: Conn, bytes: Uint8Array): Promise<void>;
  close(c: Conn): void;
}

const enc = new TextEncoder();

/**
 * The `Request` a head and a body make (the `Host` header, if well-formed, else the listening
 * address, names the URL).
 *
 * @throws ProtocolError 400 when `Request` refuses the method or the target
 */
export function toRequest(
  head: RequestHead,
  body: Uint8Array<ArrayBuffer>,
  addr: Deno.NetAddr,
): Request {
  const host = head.headers.get("host") ?? `${addr.hostname}:${addr.port}`;
  const url = `http://${/^[\w.:[\]-]+$/.test(host) ? host : "localhost"}${head.target}`;
  const bodyless = head.method === "GET" || head.method === "HEAD";
  try {
    return new Request(url, {
      method: head.method,
      headers: head.headers,
      body: bodyless ? undefined : body,
    });
  } catch {
    throw new ProtocolError(400, "bad_request", `malformed request (${head.method.slice(0, 20)})`);
  }
}

/** Serves the requests of one connection in turn (see the module doc), then closes it. */
export async function serveConnection(c: Conn, host: ConnectionHost): Promise<void> {
  const { limits: lim, addr, handler, deadline, write, close } = host;
  const reader = new ByteReader({
    read: async (p) => {
      const n = await c.conn.read(p);
      if (n !== null && n > 0 && c.state === "idle") c.state = "head";
      return n;
    },
  });
  try {
    for (let first = true; !c.closed; first = false) {
      c.state = reader.buffered.length === 0 ? "idle" : "head";
      deadline(c, first ? lim.headerTimeoutMs : lim.idleTimeoutMs);
      let head: RequestHead | null;
      let res: Response;
      let keepAlive = false;
      try {
        head = await readHead(reader, lim);
        if (head === null) break;
        c.state = "busy";
        deadline(c, lim.bodyTimeoutMs);
        const framing = bodyFraming(head, lim.maxBodyBytes);
        if (framing.kind !== "none" && /100-continue/i.test(head.headers.get("expect") ?? "")) {
          await write(c, enc.encode("HTTP/1.1 100 Continue\r\n\r\n"));
          deadline(c, lim.bodyTimeoutMs);
        }
        const body = await readBody(reader, framing, lim.maxBodyBytes);
        clearTimeout(c.timer);
        const connection = (head.headers.get("connection") ?? "").toLowerCase();
        keepAlive = head.version === "HTTP/1.1"
          ? !connection.includes("close")
          : connection.includes("keep-alive");
        res = await handler(toRequest(head, body, addr));
      } catch (e) {
        if (c.closed) break; // a deadline closed it: nothing to answer
        if (e instanceof ProtocolError) res = errorBody(e.status, e.code, e.message);
        else if (
          e instanceof Deno.errors.ConnectionReset || e instanceof Deno.errors.BadResource
        ) {
          break;
        } else res = errorBody(500, "internal_error", "internal server error");
        keepAlive = false;
        head = null;
      }
      keepAlive &&= !host.draining();
      await write(c, await responseBytes(res, keepAlive, head?.method === "HEAD"));
      if (!keepAlive) break;
    }
  } catch {
    // a reset or a closed connection: nothing more to do for it
  } finally {
    close(c);
  }
}
