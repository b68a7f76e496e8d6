/**
 * The HTTP plumbing of the server: a typed error that becomes an OpenAI-style error body, JSON
 * responses, and a request-body reader that refuses bodies over a cap before it has read them.
 *
 * Every error reaches the client as `{"error": {"message", "type", "param", "code"}}`, the shape
 * the OpenAI API documents, with the status that says whose fault it is: 400 a malformed
 * request, 404 an unknown route or model, 405 a wrong method, 413 a body over the cap, 500 a bug.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readJsonObject } from "./http.ts";
 * const req = new Request("http://x/", { method: "POST", body: '{"a":1}' });
 * assertEquals(await readJsonObject(req, 1024), { a: 1 });
 * ```
 * @module
 */
import { parseJsonPreservingIntegers } from "../core/unsafe_integer.ts";

/** A request the server refuses, with its status and an OpenAI-style error type. */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    message: string,
    opts: { type?: string; param?: string; code?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.type = opts.type ?? (status >= 500 ? "server_error" : "invalid_request_error");
    this.param = opts.param ?? null;
    this.code = opts.code ?? null;
    this.headers = opts.headers ?? {};
  }
}

/** A 400 naming the request field at fault. */
export function badParam(param: string, message: string): HttpError {
  return new HttpError(400, message, { param });
}

/** A JSON response (compact, UTF-8). */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** The OpenAI-shaped error response for `e`. */
export function errorResponse(e: HttpError): Response {
  return jsonResponse(e.status, {
    error: { message: e.message, type: e.type, param: e.param, code: e.code },
  }, e.headers);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `the request body is over the cap of ${maxBytes} bytes`, {
    code: "body_too_large",
  });
}

/**
 * Reads a request body as a JSON object, at most `maxBytes` of it: a declared or actual size
 * over the cap is a 413 (reading stops at the cap), bytes that are not UTF-8, malformed JSON
 * and a body that is not a JSON object are each a 400 with the reason.
 */
export async function readJsonObject(
  req: Request,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body !== null) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    bytes.set(c, off);
    off += c.length;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "the request body is not valid UTF-8");
  }
  if (text.trim() === "") throw new HttpError(400, "the request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = parseJsonPreservingIntegers(text); // a label 9007199254740993 is not rounded
  } catch (e) {
    throw new HttpError(400, `malformed JSON in the request body (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "the request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}
