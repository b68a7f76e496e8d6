/**
 * The launcher of the two networked tasks, `deno task rollouts` and `deno task serve`. A task in
 * `deno.json` is a fixed command line, so it cannot grant `--allow-net` for the one host named
 * by a flag; this launcher can. It runs with no permission but running Deno, reads the flags
 * (`lib/serve/net_grant.ts`), and re-executes the real CLI (`lib/cli/<name>.ts`) with
 * `--allow-net=HOST:PORT` and nothing broader, forwarding SIGINT/SIGTERM and its exit code. The
 * CLI's standard input is a pipe the launcher never writes: if the launcher is killed, the CLI
 * sees end-of-file and stops too.
 *
 *   deno run --quiet --allow-run=deno lib/cli/net_launch.ts rollouts|serve [args…]
 * @module
 */
import { PROJECT_ROOT } from "../core/paths.ts";
import { childPermissions, LAUNCHED } from "../serve/net_grant.ts";

if (import.meta.main) {
  const [cli, ...args] = Deno.args;
  if (cli !== "rollouts" && cli !== "serve") {
    console.error("internal error (please report): net_launch.ts expects rollouts or serve");
    Deno.exit(3);
  }
  // This very Deno when the permission names it; else `deno` on PATH (`--allow-run=deno`
  // resolves the name on PATH, which need not be the symlink-free path of this executable).
  const self = Deno.permissions.querySync({ name: "run", command: Deno.execPath() });
  const child = new Deno.Command(self.state === "granted" ? Deno.execPath() : "deno", {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      `--config=${PROJECT_ROOT}/deno.json`,
      `--lock=${PROJECT_ROOT}/deno.lock`, // the task's pinned lock, as every task has it
      "--frozen",
      ...childPermissions(cli, args),
      `${PROJECT_ROOT}/lib/cli/${cli}.ts`,
      LAUNCHED,
      ...args,
    ],
    stdin: "piped",
  }).spawn();
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(sig, () => {
        try {
          child.kill(sig);
        } catch { /* already gone */ }
      });
    } catch { /* SIGTERM cannot be listened to on Windows */ }
  }
  Deno.exit((await child.status).code);
}
