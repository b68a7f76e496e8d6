/**
 * Writing HTTP/1.1 responses: a `Response` serialised with its body buffered and a
 * `Content-Length`, the connection's fate said (`keep-alive` or `close`), and the transport's own
 * refusals (400, 408, 413, 431, 503, …) as OpenAI-style error bodies like the server's.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { errorBody, responseBytes } from "./http1_response.ts";
 * const bytes = await responseBytes(errorBody(503, "server_busy", "busy"), false, false);
 * assertEquals(new TextDecoder().decode(bytes).split("\r\n")[0], "HTTP/1.1 503 Service Unavailable");
 * ```
 * @module
 */

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Content Too Large",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
  505: "HTTP Version Not Supported",
};

const enc = new TextEncoder();

/** An OpenAI-style error response from the transport itself. */
export function errorBody(status: number, code: string, message: string): Response {
  const type = status >= 500 ? "server_error" : "invalid_request_error";
  return new Response(JSON.stringify({ error: { message, type, param: null, code } }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** Serialises a response (buffered body, Content-Length) for HTTP/1.1. */
export async function responseBytes(
  res: Response,
  keepAlive: boolean,
  head: boolean,
): Promise<Uint8Array> {
  const body = new Uint8Array(await res.arrayBuffer());
  let text = `HTTP/1.1 ${res.status} ${
    STATUS_TEXT[res.status] ?? (res.statusText || "Status")
  }\r\n`;
  for (const [k, v] of res.headers) {
    if (!["content-length", "transfer-encoding", "connection"].includes(k)) {
      text += `${k}: ${v}\r\n`;
    }
  }
  text += `content-length: ${body.length}\r\nconnection: ${keepAlive ? "keep-alive" : "close"}\r\n`;
  text += `date: ${new Date().toUTCString()}\r\n\r\n`;
  const headBytes = enc.encode(text);
  if (head || body.length === 0) return headBytes;
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes);
  out.set(body, headBytes.length);
  return out;
}
