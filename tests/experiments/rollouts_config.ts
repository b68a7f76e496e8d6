/**
 * What the rollouts tests share: a small run's configuration (the first `rows` prompts of
 * math_dev, the stand-in model, 3 samples per prompt, 2 requests in flight) and mock servers that
 * change what a real server changes and pass the rest to the course's own.
 */
import { dataPath } from "../../lib/core/paths.ts";
import type { RolloutsConfig } from "../../lib/rollouts/config.ts";
import { makeHandler } from "../../lib/serve/server.ts";
import { STAND_IN } from "../../lib/serve/stand_in.ts";

/** The configuration of a run against `baseUrl` writing under `dir`. */
export async function testRolloutsConfig(
  baseUrl: string,
  dir: string,
  rows: number,
  extra: Partial<RolloutsConfig> = {},
): Promise<RolloutsConfig> {
  const lines = (await Deno.readTextFile(dataPath("datasets/math_dev.jsonl"))).split("\n");
  await Deno.writeTextFile(`${dir}/ds.jsonl`, lines.slice(0, rows).join("\n") + "\n");
  return {
    baseUrl,
    settings: {
      model: STAND_IN.id,
      api: "chat",
      temperature: 1,
      top_p: 1,
      max_tokens: 64,
      seed: 0,
      system: null,
      logprobs: false,
    },
    systemPath: null,
    dataset: `${dir}/ds.jsonl`,
    n: 3,
    concurrency: 2,
    retry: { maxRetries: 0, timeoutMs: 10_000 },
    apiKey: null,
    outdir: `${dir}/runs/r`,
    force: false,
    command: "test",
    args: [],
    ...extra,
  };
}

/** A request body as a mock server sees it. */
export type Body = Record<string, unknown>;

/**
 * What a mock server does with a request: answer it itself, or pass a (changed) body on to the
 * course's own server (`next`).
 */
export type Mock = (
  body: Body,
  req: Request,
  next: (b: Body) => Promise<Response>,
) => Promise<Response>;

const course = makeHandler({ policy: STAND_IN, clock: () => 0, randomSeed: () => 0 });

/** Serves `mock` on a free loopback port; `bodies` records every request body as sent. */
export function serveMock(mock: Mock): { url: string; bodies: Body[]; close(): Promise<void> } {
  const bodies: Body[] = [];
  const ac = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen() {} },
    async (req) => {
      const body = await req.json();
      bodies.push(structuredClone(body));
      const next = (b: Body) =>
        course(new Request(req.url, { method: "POST", body: JSON.stringify(b) }));
      return mock(body, req, next);
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/v1`,
    bodies,
    close: async () => {
      ac.abort();
      await server.finished;
    },
  };
}
