/**
 * One of `deno task serve --workers N`'s servers, in a Web Worker (workers.ts starts it): it loads
 * the policy, serves on the shared port with `reusePort`, says when it listens, and on "stop"
 * finishes its requests in flight and sends its counters back.
 *
 * Messages in: `{type: "start", plan}` then `{type: "stop"}`. Out: `{type: "listening", url}`,
 * `{type: "failed", message}`, `{type: "stopped", stats}`.
 * @module
 */
import { serveHere, type WorkerPlan } from "./workers.ts";

/** The worker's own scope (lib.deno.worker's type is not in the project's lib). */
const scope = self as unknown as {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
const post = (m: unknown) => scope.postMessage(m);

scope.onmessage = async (e: MessageEvent) => {
  if (e.data?.type !== "start") return;
  const plan = e.data.plan as WorkerPlan;
  const stop = new AbortController();
  try {
    const { server } = await serveHere(plan, stop.signal, true);
    scope.onmessage = async (m: MessageEvent) => {
      if (m.data?.type !== "stop") return;
      stop.abort();
      await server.finished;
      post({ type: "stopped", stats: server.stats });
    };
    post({ type: "listening", url: server.url });
  } catch (err) {
    post({ type: "failed", message: String(err) });
  }
};
