/**
 * `deno task serve --workers N`: N whole servers, each in its own Web Worker (a thread, so every
 * core serves), listening on one port with `SO_REUSEPORT` (`reusePort`, `--unstable-net`): the
 * kernel spreads the connections over them. A trainer with many rollout workers — OpenRLHF's
 * per-sample reward requests, one connection each — gets all cores; a single keep-alive connection
 * stays on one worker. Each worker loads the policy itself; the counters are summed at the end.
 *
 * Port 0 is resolved once, before the workers start, so that all of them bind the same port.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sumStats } from "./workers.ts";
 * assertEquals(sumStats([{ "/get_reward": 2 }, { "/get_reward": 1, "HTTP 400": 1 }]),
 *   { "/get_reward": 3, "HTTP 400": 1 });
 * ```
 * @module
 */
import type { CompletionPolicy } from "./policy.ts";
import { type RunningServer, type ServerStats, startServer } from "./server.ts";
import { servedPolicy } from "./tiny_adapter.ts";

/** What each worker serves, and where. */
export interface WorkerPlan {
  checkpoint?: string;
  standIn: boolean;
  hostname: string;
  port: number;
  endTokens: readonly string[];
}

/**
 * One server on `plan`'s address in this thread (`reusePort` when it shares the port with
 * others), with the policy the plan names: the clock, a random seed for requests that send none,
 * and bugs and reward warnings on stderr.
 */
export async function serveHere(
  plan: WorkerPlan,
  signal: AbortSignal,
  reusePort = false,
): Promise<{ server: RunningServer; policy: CompletionPolicy; note: string | null }> {
  const { policy, note } = await servedPolicy({
    checkpoint: plan.checkpoint,
    standIn: plan.standIn,
  });
  const server = startServer({
    policy,
    hostname: plan.hostname,
    port: plan.port,
    reusePort,
    signal,
    clock: () => Math.floor(Date.now() / 1000),
    randomSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] & 0x7fffffff,
    onError: (err) => console.error("internal error (please report):", err),
    endTokens: plan.endTokens,
    onWarn: (line) => console.error(line),
  });
  return { server, policy, note };
}

/** The counters of several servers, added up. */
export function sumStats(all: readonly ServerStats[]): ServerStats {
  const out: ServerStats = {};
  for (const s of all) for (const [k, v] of Object.entries(s)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function freePort(hostname: string): number {
  const l = Deno.listen({ hostname, port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/**
 * Starts `n` workers serving `plan` until `signal` aborts; resolves once all listen.
 *
 * @throws Error with the first worker's failure (an address in use, a bad checkpoint)
 */
export async function startWorkers(
  plan: WorkerPlan,
  n: number,
  signal: AbortSignal,
): Promise<RunningServer> {
  const port = plan.port === 0 ? freePort(plan.hostname) : plan.port;
  const workers = Array.from(
    { length: n },
    () => new Worker(new URL("./serve_worker.ts", import.meta.url).href, { type: "module" }),
  );
  const reply = (w: Worker, types: string[]) =>
    new Promise<MessageEvent["data"]>((resolve) => {
      w.onmessage = (e) => types.includes(e.data?.type) && resolve(e.data);
    });
  const started = workers.map((w) => reply(w, ["listening", "failed"]));
  workers.forEach((w) => w.postMessage({ type: "start", plan: { ...plan, port } }));
  const answers = await Promise.all(started);
  const failed = answers.find((a) => a.type === "failed");
  if (failed !== undefined) {
    workers.forEach((w) => w.terminate());
    throw new Error(failed.message);
  }
  const stats: ServerStats = {};
  // A worker answers as soon as it listens, so a client (and its SIGTERM) may come before the
  // last worker is up: a signal that aborted meanwhile stops them all at once.
  const finished = new Promise<void>((resolve) => {
    const stopAll = async () => {
      const stopped = workers.map((w) => reply(w, ["stopped"]));
      workers.forEach((w) => w.postMessage({ type: "stop" }));
      Object.assign(stats, sumStats((await Promise.all(stopped)).map((a) => a.stats)));
      workers.forEach((w) => w.terminate());
      resolve();
    };
    if (signal.aborted) stopAll();
    else signal.addEventListener("abort", stopAll, { once: true });
  });
  const url = answers[0].url as string;
  return { url, hostname: plan.hostname, port, stats, finished };
}
