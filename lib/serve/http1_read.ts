/**
 * Reading one HTTP/1.1 request off a connection, bounded in size (http1_parse.ts says what is
 * accepted): a buffered reader whose reads the owner can cut by closing the connection at a
 * deadline, then the head (at most `maxHeaderBytes`) and the body (Content-Length or chunked, at
 * most the body cap).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { ByteReader, readBody, readHead } from "./http1_read.ts";
 * const bytes = new TextEncoder().encode("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
 * let sent = false;
 * const r = new ByteReader({ read: (p) => Promise.resolve(sent ? null : (sent = true, p.set(bytes), bytes.length)) });
 * const head = (await readHead(r, { maxHeaders: 10, maxHeaderBytes: 1024 }))!;
 * const body = await readBody(r, { kind: "length", length: 2 }, 10);
 * assertEquals([head.method, new TextDecoder().decode(body)], ["POST", "hi"]);
 * ```
 * @module
 */
import {
  type BodyFraming,
  bodyTooLarge,
  type HeadLimits,
  parseHead,
  ProtocolError,
  type RequestHead,
} from "./http1_parse.ts";

/** Where `haystack` holds `\r\n\r\n` at or after `from`, or -1. */
export function headEnd(haystack: Uint8Array, from: number): number {
  for (let i = Math.max(0, from); i + 3 < haystack.length; i++) {
    if (
      haystack[i] === 13 && haystack[i + 1] === 10 && haystack[i + 2] === 13 &&
      haystack[i + 3] === 10
    ) return i;
  }
  return -1;
}

/**
 * A buffered reader over a connection whose every read can be cut by a deadline: `fill()` reads
 * more bytes (null at end of stream), `take(n)` consumes the first n buffered bytes. The
 * connection is closed by the owner when a deadline passes, which ends a pending read.
 */
export class ByteReader {
  #conn: { read(p: Uint8Array): Promise<number | null> };
  #buf: Uint8Array<ArrayBuffer> = new Uint8Array(64 * 1024);
  #start = 0;
  #end = 0;
  constructor(conn: { read(p: Uint8Array): Promise<number | null> }) {
    this.#conn = conn;
  }
  /** The bytes buffered and not yet taken (a view: valid until the next `fill` or `take`). */
  get buffered(): Uint8Array {
    return this.#buf.subarray(this.#start, this.#end);
  }
  /** Reads once more from the connection (the buffer grows by doubling); false at its end. */
  async fill(): Promise<boolean> {
    if (this.#end === this.#buf.length) {
      const live = this.#end - this.#start;
      const next = live > this.#buf.length / 2 ? new Uint8Array(this.#buf.length * 2) : this.#buf;
      if (next === this.#buf) this.#buf.copyWithin(0, this.#start, this.#end);
      else next.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = next;
      this.#start = 0;
      this.#end = live;
    }
    const n = await this.#conn.read(this.#buf.subarray(this.#end));
    if (n === null || n === 0) return false;
    this.#end += n;
    return true;
  }
  /** Removes and returns (a copy of) the first `n` buffered bytes. */
  take(n: number): Uint8Array<ArrayBuffer> {
    const out = this.#buf.slice(this.#start, this.#start + n);
    this.#start += n;
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return out;
  }
}

const latin1 = new TextDecoder("latin1");

/**
 * Reads one request head: null when the stream ends before any byte (a closed keep-alive).
 *
 * @throws ProtocolError 431 over `maxHeaderBytes`, 400 when the stream ends mid-head
 */
export async function readHead(
  r: ByteReader,
  limits: HeadLimits & { maxHeaderBytes: number },
): Promise<RequestHead | null> {
  let scanned = 0;
  for (;;) {
    const end = headEnd(r.buffered, scanned - 3);
    if (end >= 0) {
      const text = latin1.decode(r.take(end + 4)).slice(0, -4);
      return parseHead(text.replace(/^(\r\n)+/, ""), limits);
    }
    scanned = r.buffered.length;
    if (scanned > limits.maxHeaderBytes) {
      throw new ProtocolError(
        431,
        "headers_too_large",
        `the request head is over ${limits.maxHeaderBytes} bytes`,
      );
    }
    if (!(await r.fill())) {
      if (r.buffered.length === 0) return null;
      throw new ProtocolError(400, "bad_request", "the connection ended inside the request head");
    }
  }
}

/**
 * Reads a body framed by `framing`, at most `maxBodyBytes` of it.
 *
 * @throws ProtocolError 413 over the cap, 400 on a malformed chunk or an early end of stream
 */
export async function readBody(
  r: ByteReader,
  framing: BodyFraming,
  maxBodyBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const need = async (n: number) => {
    while (r.buffered.length < n) {
      if (!(await r.fill())) {
        throw new ProtocolError(400, "bad_request", "the connection ended inside the body");
      }
    }
  };
  if (framing.kind === "none") return new Uint8Array(0);
  if (framing.kind === "length") {
    await need(framing.length);
    return r.take(framing.length);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  const line = async () => { // one CRLF-terminated line (chunk size or trailer), at most 4 KiB
    for (;;) {
      const at = r.buffered.indexOf(10);
      if (at >= 0) return latin1.decode(r.take(at + 1)).replace(/\r?\n$/, "");
      if (r.buffered.length > 4096) throw new ProtocolError(400, "bad_request", "chunk line");
      await need(r.buffered.length + 1);
    }
  };
  for (;;) {
    const size = /^([0-9A-Fa-f]{1,8})(;.*)?$/.exec(await line());
    if (size === null) throw new ProtocolError(400, "bad_request", "malformed chunk size");
    const n = parseInt(size[1], 16);
    if (n === 0) {
      while ((await line()) !== ""); // trailer fields, ignored
      break;
    }
    total += n;
    if (total > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
    await need(n + 2);
    parts.push(r.take(n));
    if (latin1.decode(r.take(2)) !== "\r\n") {
      throw new ProtocolError(400, "bad_request", "malformed chunk");
    }
  }
  const body = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    body.set(p, off);
    off += p.length;
  }
  return body;
}
