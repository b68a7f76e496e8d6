/**
 * `deno task serve`: the course's policy behind the OpenAI API and the strict scorer as a reward
 * service, over HTTP, until SIGINT/SIGTERM (`lib/serve/`). Network access: only HOST:PORT.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { serveBanner, serveStopped } from "../present/serve_story.ts";
import { scorerIdentity } from "../serve/reward.ts";
import { startServer } from "../serve/server.ts";
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
  },
  epilogue: "example: curl -s http://127.0.0.1:8000/v1/score -d " +
    `'{"items":[{"example":{"expected_answer":5},"completion":"Final: 5"}]}'`,
} as const satisfies Command;

if (import.meta.main) {
  const { argv, stop } = liveCli();
  await runCommand(SERVE, async (flags) => {
    const standIn = flags["stand-in"];
    const { policy, note } = await servedPolicy({ checkpoint: flags.checkpoint, standIn });
    if (note !== null) console.error(`note: ${note}`);
    const server = (() => {
      try {
        return startServer({
          policy,
          hostname: flags.host,
          port: flags.port,
          signal: stop,
          clock: () => Math.floor(Date.now() / 1000),
          randomSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] & 0x7fffffff,
          onError: (e) => console.error("internal error (please report):", e),
          endTokens: flags.eos,
          onWarn: (line) => console.error(line),
        });
      } catch (e) {
        throw new InputError(null, null, `cannot listen on ${flags.host}:${flags.port}: ${e}`);
      }
    })();
    const { id: model, synthetic } = policy;
    console.log(serveBanner({ url: server.url, model, synthetic, scorer: scorerIdentity() }));
    await server.finished;
    console.log(serveStopped(server.stats));
    return 0;
  }, argv);
}
