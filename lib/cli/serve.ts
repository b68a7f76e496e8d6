/**
 * `deno task serve`: the course's policy behind the OpenAI API and the strict scorer as a reward
 * service, over HTTP, until SIGINT/SIGTERM (`lib/serve/`). Network access: only HOST:PORT.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { serveBanner, serveStopped } from "../present/serve_story.ts";
import { scorerIdentity } from "../serve/reward.ts";
import { serveHere, startWorkers } from "../serve/workers.ts";
import { servedPolicy } from "../serve/tiny_adapter.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { liveCli } from "./_framework/live.ts";

export const SERVE = {
  name: "deno task serve",
  summary: "Serves the course's policy behind the OpenAI API (GET /v1/models, POST " +
    "/v1/chat/completions, POST /v1/completions) and the strict scorer as a reward service " +
    "(POST /v1/score, POST /get_reward: OpenRLHF's remote reward protocol).",
  flags: {
    checkpoint: flag.str("FILE", "else data/policy/base.json if present"),
    "stand-in": flag.bool("serve the synthetic stand-in (as when no checkpoint)"),
    host: flag.str("HOST", "address to listen on", { default: "127.0.0.1" }),
    port: flag.int("PORT", "port; 0 picks a free one", { default: 8000, min: 0 }),
    eos: flag.list("TOKEN,…", "end tokens /get_reward strips beyond the common templates'"),
    workers: flag.int("N", "servers sharing the port, one thread each; 0: one per core", {
      default: 1,
      min: 0,
    }),
  },
  epilogue: "example: curl -s http://127.0.0.1:8000/v1/score -d " +
    `'{"items":[{"example":{"expected_answer":5},"completion":"Final: 5"}]}'`,
} as const satisfies Command;

if (import.meta.main) {
  const { argv, stop } = liveCli();
  await runCommand(SERVE, async (flags) => {
    const workers = flags.workers === 0 ? navigator.hardwareConcurrency : flags.workers;
    const standIn = flags["stand-in"], eos = flags.eos;
    const plan = { checkpoint: flags.checkpoint, standIn, hostname: flags.host, port: flags.port };
    const { policy, note } = await servedPolicy({ checkpoint: flags.checkpoint, standIn });
    if (note !== null) console.error(`note: ${note}`);
    const server = await (workers > 1
      ? startWorkers({ ...plan, endTokens: eos }, workers, stop)
      : serveHere({ ...plan, endTokens: eos }, stop).then((r) =>
        r.server
      )).catch((e) => {
        throw new InputError(null, null, `cannot listen on ${flags.host}:${flags.port}: ${e}`);
      });
    const { id: model, synthetic } = policy;
    console.log(serveBanner({ url: server.url, model, synthetic, scorer: scorerIdentity() }));
    if (workers > 1) console.log(`  ${workers} workers share the port (one thread each)`);
    await server.finished;
    console.log(serveStopped(server.stats));
    return 0;
  }, argv);
}
