/**
 * The course's HTTP server: the policy behind the OpenAI API, and the verifier as a reward
 * service. {@link makeHandler} is the whole server as a function `Request → Response` (tests
 * call it directly); {@link startServer} puts it behind the bounded HTTP/1.1 transport of
 * `http1_server.ts` (read timeouts, a connection cap with a 503, a drain on stop).
 *
 * | route                        | method | what                                          |
 * |------------------------------|--------|-----------------------------------------------|
 * | `/v1/models`                 | GET    | the served model                              |
 * | `/v1/models/{id}`            | GET    | one model, or 404                             |
 * | `/v1/chat/completions`       | POST   | chat completions (`openai_request.ts`)        |
 * | `/v1/completions`            | POST   | text completions                              |
 * | `/v1/score`                  | POST   | `score()` per item (`reward.ts`)              |
 * | `/get_reward`                | POST   | OpenRLHF's remote reward protocol             |
 * | `/health`                    | GET    | `{"status": "ok", "model": …}`                |
 *
 * It never crashes on input: every refusal is an OpenAI-style error body (400 malformed, 404
 * unknown route or model, 405 wrong method with `Allow`, 413 body over the cap); anything else
 * thrown is a bug, answered 500 and reported through `onError`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeHandler } from "./server.ts";
 * import { STAND_IN } from "./stand_in.ts";
 * const handle = makeHandler({ policy: STAND_IN, clock: () => 0, randomSeed: () => 1 });
 * const res = await handle(new Request("http://x/v1/models"));
 * assertEquals((await res.json()).data[0].id, "stand-in-v1");
 * ```
 * @module
 */
import { badParam, errorResponse, HttpError, jsonResponse, readJsonObject } from "./http.ts";
import { parseChatRequest, parseCompletionsRequest, type ParsedRequest } from "./openai_request.ts";
import { chatBody, completionsBody, modelListBody, modelObject } from "./openai_response.ts";
import type { CompletionPolicy } from "./policy.ts";
import { getReward, problemLines, rewardJson } from "./get_reward.ts";
import { scoreItems } from "./reward.ts";
import { serveHttp1 } from "./http1_server.ts";
import { pauser } from "./pause.ts";

/** The caps of one request. */
export interface ServerLimits {
  /** Request bodies over this many bytes are refused (413). */
  maxBodyBytes: number;
  /** Most choices per prompt (`n`). */
  maxN: number;
  /** Most prompts in one completions request. */
  maxPrompts: number;
  /** Most choices in one request. */
  maxChoices: number;
  /** Most items in one `/v1/score` or `/get_reward` request. */
  maxScoreItems: number;
  /** Most tokens in one prompt (a longer one is a 400 naming this cap). */
  maxPromptTokens: number;
}

/** The caps the server runs with unless told otherwise. */
export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxN: 128,
  maxPrompts: 64,
  maxChoices: 1024,
  maxScoreItems: 10_000,
  maxPromptTokens: 2048,
};

/** What the server serves, and its two sources of non-determinism (passed in, never global). */
export interface ServerConfig {
  policy: CompletionPolicy;
  /** Unix time in seconds, for the `created` fields. */
  clock: () => number;
  /** A seed for a completion request that sends none. */
  randomSeed: () => number;
  limits?: Partial<ServerLimits>;
  /** Called with anything thrown that is not a refusal (a bug; the client got a 500). */
  onError?: (e: unknown) => void;
  /** End tokens `/get_reward` strips beyond the common chat templates' (`serve --eos`). */
  endTokens?: readonly string[];
  /** Told one line per problem of a `/get_reward` batch (unscorable labels, lost prompts). */
  onWarn?: (line: string) => void;
}

/** Requests answered so far, by route, and refusals by status. */
export type ServerStats = Record<string, number>;

type Route = Partial<Record<"GET" | "POST", (req: Request, rest: string) => Promise<Response>>>;

/** The server as a function, with counters of what it answered. */
export function makeHandler(
  cfg: ServerConfig,
): ((req: Request) => Promise<Response>) & { stats: ServerStats } {
  const limits = { ...DEFAULT_LIMITS, ...cfg.limits };
  const { policy } = cfg;
  const started = cfg.clock();
  const reqLimits = { ...limits, defaultMaxTokens: policy.maxTokens, randomSeed: cfg.randomSeed };
  let seq = 0;
  const stats: ServerStats = {};

  const complete = async (
    parsed: ParsedRequest,
    param: { prompt: "messages" | "prompt"; top: "logprobs" | "top_logprobs" },
  ) => {
    if (parsed.model !== policy.id) {
      throw new HttpError(
        404,
        `The model ${JSON.stringify(parsed.model.slice(0, 100))} does not exist; ` +
          `this server serves ${JSON.stringify(policy.id)}`,
        { param: "model", code: "model_not_found" },
      );
    }
    const top = parsed.logprobs ? parsed.topLogprobs : 0;
    if (top > 0 && !policy.alternatives) {
      throw new HttpError(
        400,
        `${policy.id} reports no alternative tokens: ask for ${param.top} 0`,
        {
          param: param.top,
        },
      );
    }
    const cap = limits.maxPromptTokens;
    const pause = pauser();
    for (const [i, p] of parsed.prompts.entries()) { // counted before any generation
      if (policy.promptTokens(p, cap) > cap) {
        const which = parsed.prompts.length > 1 ? `prompt ${i}` : "the prompt";
        throw badParam(param.prompt, `${which} is over the cap of ${cap} tokens (maxPromptTokens)`);
      }
      await pause();
    }
    const out = [];
    for (const p of parsed.prompts) { // one prompt at a time, other requests served in between
      out.push(await policy.complete(p, parsed.settings, top));
      await pause();
    }
    return out;
  };
  const envelope = (prefix: string, parsed: ParsedRequest) => ({
    id: `${prefix}-${started.toString(36)}-${(seq++).toString(36)}`,
    created: cfg.clock(),
    model: policy.id,
    fingerprint: `fp_${policy.fingerprint.slice(0, 12)}`,
    logprobs: parsed.logprobs,
  });
  const body = (req: Request) => readJsonObject(req, limits.maxBodyBytes);

  const routes: Record<string, Route> = {
    "/v1/models": {
      GET: (_req, rest) => {
        if (rest === "") {
          return Promise.resolve(jsonResponse(200, modelListBody(policy.id, started)));
        }
        let name = rest;
        try {
          name = decodeURIComponent(rest);
        } catch { /* a malformed escape: compare as given */ }
        if (name !== policy.id) {
          throw new HttpError(404, `no model ${JSON.stringify(rest.slice(0, 100))}`, {
            code: "model_not_found",
          });
        }
        return Promise.resolve(jsonResponse(200, modelObject(policy.id, started)));
      },
    },
    "/v1/chat/completions": {
      POST: async (req) => {
        const parsed = parseChatRequest(await body(req), reqLimits);
        const [completion] = await complete(parsed, { prompt: "messages", top: "top_logprobs" });
        return jsonResponse(200, chatBody(envelope("chatcmpl", parsed), completion));
      },
    },
    "/v1/completions": {
      POST: async (req) => {
        const parsed = parseCompletionsRequest(await body(req), reqLimits);
        const done = await complete(parsed, { prompt: "prompt", top: "logprobs" });
        return jsonResponse(200, completionsBody(envelope("cmpl", parsed), parsed.prompts, done));
      },
    },
    "/v1/score": {
      POST: async (req) => jsonResponse(200, scoreItems(await body(req), limits.maxScoreItems)),
    },
    "/get_reward": {
      POST: async (req) => {
        const b = await body(req);
        const batch = getReward(b, limits.maxScoreItems, cfg.endTokens);
        if (cfg.onWarn) { for (const line of problemLines(batch, b)) cfg.onWarn(line); }
        return new Response(rewardJson(batch), { headers: { "content-type": "application/json" } });
      },
    },
    "/health": {
      GET: () => Promise.resolve(jsonResponse(200, { status: "ok", model: policy.id })),
    },
  };

  const find = (path: string): [Route, string] | null => {
    if (routes[path]) return [routes[path], ""];
    if (path.startsWith("/v1/models/")) return [routes["/v1/models"], path.slice(11)];
    return null;
  };

  const handle = async (req: Request): Promise<Response> => {
    let path = "?";
    try {
      path = new URL(req.url).pathname.replace(/(.)\/+$/, "$1");
      const found = find(path);
      if (found === null) {
        throw new HttpError(404, `no route ${req.method} ${path.slice(0, 200)}`, {
          code: "not_found",
        });
      }
      const [route, rest] = found;
      const fn = Object.hasOwn(route, req.method) ? route[req.method as "GET" | "POST"] : undefined;
      if (fn === undefined) {
        const allow = Object.keys(route).join(", ");
        throw new HttpError(405, `${path} answers ${allow}, not ${req.method}`, {
          code: "method_not_allowed",
          headers: { allow },
        });
      }
      const res = await fn(req, rest);
      const key = path.startsWith("/v1/models") ? "/v1/models" : path;
      stats[key] = (stats[key] ?? 0) + 1;
      return res;
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, "internal server error");
      if (!(e instanceof HttpError)) cfg.onError?.(e);
      stats[`HTTP ${err.status}`] = (stats[`HTTP ${err.status}`] ?? 0) + 1;
      return errorResponse(err);
    }
  };
  return Object.assign(handle, { stats });
}

/** A running server: its address, its counters, and a promise that settles when it stops. */
export interface RunningServer {
  /** `http://HOST:PORT` as bound (the real port when 0 was asked). */
  url: string;
  hostname: string;
  port: number;
  stats: ServerStats;
  /** Settles once the server has stopped (after `signal` aborts). */
  finished: Promise<void>;
}

/**
 * Starts the server on `hostname:port` (port 0: a free one) until `signal` aborts, behind the
 * bounded transport (`http1_server.ts`): then it stops taking connections, answers every request
 * already sent, and settles `finished`. A prompt over `maxPromptTokens` is a 400 before any
 * generation, and generation yields to the event loop, so `/health` answers during a long request.
 * Throws what `Deno.listen` throws (an address in use, a missing net permission).
 */
export function startServer(
  cfg: ServerConfig & { hostname: string; port: number; signal: AbortSignal; reusePort?: boolean },
): RunningServer {
  const handle = makeHandler(cfg);
  const limits = { ...DEFAULT_LIMITS, ...cfg.limits };
  const server = serveHttp1({
    hostname: cfg.hostname,
    port: cfg.port,
    signal: cfg.signal,
    limits: { maxBodyBytes: limits.maxBodyBytes },
    // several servers on one port, the kernel spreading connections (workers.ts; --unstable-net)
    reusePort: cfg.reusePort ?? false,
  }, handle);
  const { hostname, port } = server;
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${port}`,
    hostname,
    port,
    stats: handle.stats,
    finished: server.finished,
  };
}
