/**
 * Reading HTTP/1.1 requests off a byte stream, bounded in size and time (pure parsing, plus a
 * buffered reader over a connection). The server's transport (`http1_server.ts`) uses it so that
 * a client that sends half a request, or sends it one byte a minute, is cut off at a deadline
 * instead of holding a connection forever.
 *
 * What is accepted, after RFC 9112: a request line `METHOD SP target SP HTTP/1.0|1.1`, header
 * fields `name: value` (a token name, no obsolete line folding), at most
 * {@link HeadLimits.maxHeaderBytes} bytes and {@link HeadLimits.maxHeaders} fields; a body given
 * by one decimal `Content-Length` or by `Transfer-Encoding: chunked` (never both, §6.3), never
 * over the body cap. Anything else is a {@link ProtocolError} carrying the status to answer.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { parseHead } from "./http1_parse.ts";
 * const head = parseHead("POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: 2", { maxHeaders: 100 });
 * assertEquals([head.method, head.target, head.headers.get("content-length")], ["POST", "/v1/score", "2"]);
 * ```
 * @module
 */

/** A request the transport refuses before the handler sees it, with the status to answer. */
export class ProtocolError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ProtocolError";
    this.status = status;
    this.code = code;
  }
}

/** The bounds of a request head. */
export interface HeadLimits {
  /** Most header fields. */
  maxHeaders: number;
}

/** A parsed request head. */
export interface RequestHead {
  method: string;
  target: string;
  version: "HTTP/1.0" | "HTTP/1.1";
  headers: Headers;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Parses a request head (the text before the blank line, CRLF-separated, decoded as Latin-1).
 *
 * @throws ProtocolError 400 on a malformed line, 431 over `maxHeaders` fields, 505 on another
 *   HTTP version
 */
export function parseHead(text: string, limits: HeadLimits): RequestHead {
  const lines = text.split("\r\n");
  const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) (HTTP\/\d\.\d)$/.exec(lines[0]);
  if (m === null) throw new ProtocolError(400, "bad_request", "malformed request line");
  const [, method, target, version] = m;
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") {
    throw new ProtocolError(505, "http_version_not_supported", `${version} is not supported`);
  }
  if (!target.startsWith("/")) {
    throw new ProtocolError(400, "bad_request", "the request target must be a path (origin form)");
  }
  if (lines.length - 1 > limits.maxHeaders) {
    throw new ProtocolError(
      431,
      "headers_too_large",
      `more than ${limits.maxHeaders} header fields`,
    );
  }
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    if (!TOKEN.test(name) || !FIELD_VALUE.test(value)) {
      throw new ProtocolError(400, "bad_request", "malformed header field");
    }
    try {
      headers.append(name, value);
    } catch {
      throw new ProtocolError(400, "bad_request", "malformed header field");
    }
  }
  return { method, target, version: version as RequestHead["version"], headers };
}

/** How the body of a request is framed, checked against the cap. */
export type BodyFraming = { kind: "none" } | { kind: "length"; length: number } | {
  kind: "chunked";
};

/**
 * The body framing a head declares (RFC 9112 §6): chunked, a Content-Length, or none.
 *
 * @throws ProtocolError 400 on both or a malformed length, 501 on another transfer coding, 413
 *   when the declared length is over `maxBodyBytes`
 */
export function bodyFraming(head: RequestHead, maxBodyBytes: number): BodyFraming {
  const te = head.headers.get("transfer-encoding");
  const cl = head.headers.get("content-length");
  if (te !== null) {
    if (cl !== null) {
      throw new ProtocolError(400, "bad_request", "both Transfer-Encoding and Content-Length");
    }
    if (te.trim().toLowerCase() !== "chunked") {
      throw new ProtocolError(501, "not_implemented", `transfer coding ${te} is not supported`);
    }
    return { kind: "chunked" };
  }
  if (cl === null) return { kind: "none" };
  if (!/^\d{1,15}$/.test(cl)) {
    throw new ProtocolError(400, "bad_request", "Content-Length is not one decimal number");
  }
  const length = Number(cl);
  if (length > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
  return length === 0 ? { kind: "none" } : { kind: "length", length };
}

/** The 413 of a body over the cap. */
export function bodyTooLarge(maxBodyBytes: number): ProtocolError {
  return new ProtocolError(
    413,
    "body_too_large",
    `the request body is over the cap of ${maxBodyBytes} bytes`,
  );
}
