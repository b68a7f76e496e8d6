/**
 * Network access for exactly one address: the permissions a networked CLI gets, computed from its
 * own flags. A `deno.json` task is a fixed command line and cannot compute `--allow-net=HOST:PORT`
 * from `--base-url`, so the `rollouts` and `serve` tasks start a launcher (`lib/cli/net_launch.ts`,
 * allowed to run Deno and nothing else, with no network) that reads the flags with
 * {@link childPermissions} and re-executes the real CLI with:
 *
 * - `rollouts`: `--allow-net=HOST:PORT` of `--base-url` (port 80/443 when the URL has none),
 *   `--allow-env=VAR` of `--api-key-env` (default `OPENAI_API_KEY`), `--allow-read`,
 *   `--allow-write=runs` and `--allow-run=git` (the manifest's provenance);
 * - `serve`: `--allow-net=HOST:PORT` of `--host`/`--port` (defaults 127.0.0.1 and 8000; the host
 *   alone for port 0) and `--allow-read`; with `--workers` other than 1, also `--unstable-net`
 *   (the workers share the port through `reusePort`).
 *
 * Flags it cannot read (a missing or malformed URL, a bad variable name) grant nothing: the CLI
 * then starts without that permission and its own parser reports the usage error.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { hostPort } from "./net_grant.ts";
 * assertEquals(hostPort("http://localhost:11434/v1"), "localhost:11434");
 * assertEquals(hostPort("https://api.openai.com/v1"), "api.openai.com:443");
 * ```
 * @module
 */

/** The default port of the server, and of the key variable of the client. */
export const NET_DEFAULTS = { host: "127.0.0.1", port: 8000, keyEnv: "OPENAI_API_KEY" } as const;

/** `HOST:PORT` of an http(s) URL (IPv6 hosts in brackets), or null when it is not one. */
export function hostPort(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  const port = u.port !== "" ? u.port : u.protocol === "https:" ? "443" : "80";
  return `${u.hostname}:${port}`;
}

/** The value of `--name V` or `--name=V` in `argv` (the last one wins), or undefined. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) value = argv[++i];
    else if (argv[i].startsWith(`--${name}=`)) value = argv[i].slice(name.length + 3);
  }
  return value;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The Deno permission flags the networked CLI `cli` gets for the arguments `argv`. */
export function childPermissions(cli: "rollouts" | "serve", argv: readonly string[]): string[] {
  if (cli === "rollouts") {
    const perms = ["--allow-read", "--allow-write=runs", "--allow-run=git"];
    const keyEnv = flagValue(argv, "api-key-env") ?? NET_DEFAULTS.keyEnv;
    if (ENV_NAME.test(keyEnv)) perms.push(`--allow-env=${keyEnv}`);
    const base = flagValue(argv, "base-url");
    const target = base === undefined ? null : hostPort(base);
    if (target !== null) perms.push(`--allow-net=${target}`);
    return perms;
  }
  const host = flagValue(argv, "host") ?? NET_DEFAULTS.host;
  const portText = flagValue(argv, "port") ?? String(NET_DEFAULTS.port);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  const name = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(name) || !(port >= 0 && port <= 65535)) return ["--allow-read"];
  const net = port === 0 ? `--allow-net=${name}` : `--allow-net=${name}:${port}`;
  // --workers: several servers on one port need Deno.serve's reusePort (serve/workers.ts)
  const workers = flagValue(argv, "workers");
  return [
    "--allow-read",
    net,
    ...(workers !== undefined && workers !== "1" ? ["--unstable-net"] : []),
  ];
}

/** The first argument a launched CLI receives: it then stops when its launcher dies. */
export const LAUNCHED = "--launched-by-net-launch";

/** Splits the launcher's marker off a CLI's arguments. */
export function launchedArgs(argv: readonly string[]): { argv: string[]; launched: boolean } {
  return argv[0] === LAUNCHED
    ? { argv: argv.slice(1), launched: true }
    : { argv: [...argv], launched: false };
}

/**
 * Calls `onGone` when the launcher that started this process dies, however it died (even
 * `kill -9`): the launcher holds the write end of this process's standard input and never writes,
 * so end-of-file on standard input means it is gone. Without this a killed launcher would leave
 * its CLI running, orphaned, still writing the run.
 */
export function watchLauncher(onGone: () => void): void {
  (async () => {
    const buf = new Uint8Array(64);
    try {
      while (await Deno.stdin.read(buf) !== null) { /* the launcher never writes */ }
    } catch { /* a closed or broken pipe means the same */ }
    onGone();
  })();
}
