/**
 * Running the networked tasks from tests exactly as `deno task` runs them (their flags from
 * `deno.json`, via `tests/cli.ts`), as processes a test can wait for, kill, and read: `serve` in
 * the background on a free loopback port, `rollouts` to completion or until killed.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { type CliResult, taskCommand } from "../cli.ts";
import type { CompletionPolicy } from "../../lib/serve/policy.ts";
import { startServer } from "../../lib/serve/server.ts";

const dec = new TextDecoder();

/** A free loopback port (bound, read, released). */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Spawns `deno task <task> <args>` in `cwd` with extra environment variables. */
export function spawnTask(
  task: string,
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; maxOpenFiles?: number },
): Deno.ChildProcess {
  const { flags, script, args: taskArgs } = taskCommand(task);
  const deno = [
    "run",
    `--config=${join(PROJECT_ROOT, "deno.json")}`,
    ...flags,
    script,
    ...taskArgs,
    ...args,
  ];
  // With `maxOpenFiles`, through `sh -c 'ulimit -n N && exec deno …'` (the limit is inherited).
  const limited = opts.maxOpenFiles !== undefined;
  return new Deno.Command(limited ? "sh" : Deno.execPath(), {
    args: limited
      ? ["-c", `ulimit -n ${opts.maxOpenFiles} && exec "$0" "$@"`, Deno.execPath(), ...deno]
      : deno,
    cwd: opts.cwd,
    env: { NO_COLOR: "1", ...opts.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Waits for a spawned task and decodes what it printed. */
export async function finished(child: Deno.ChildProcess): Promise<CliResult> {
  const out = await child.output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Runs a task to the end. */
export function runTaskIn(
  task: string,
  args: string[],
  opts: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return finished(spawnTask(task, args, opts));
}

/** The process a launcher started (the real CLI), as `ps` lists the launcher's children. */
export async function launchedChild(launcher: Deno.ChildProcess): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const out = await new Deno.Command("ps", {
      args: ["-o", "pid=", "--ppid", String(launcher.pid)],
      stdout: "piped",
      stderr: "null",
    }).output();
    const pid = Number(dec.decode(out.stdout).trim().split(/\s+/)[0]);
    if (pid > 0) return pid;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the launcher started no process");
}

/** A `deno task serve` in the background. */
export interface ServeTask {
  url: string;
  child: Deno.ChildProcess;
}

/**
 * Starts `deno task serve` on `port` (the stand-in policy unless `policyArgs` say otherwise) and
 * waits until it answers (at most 15 s).
 */
export async function startServe(
  cwd: string,
  port: number,
  policyArgs: string[] = ["--stand-in"],
  maxOpenFiles?: number,
): Promise<ServeTask> {
  const child = spawnTask("serve", [...policyArgs, "--port", String(port)], { cwd, maxOpenFiles });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/health`).then(async (r) => {
      await r.body?.cancel();
      return r.ok;
    }).catch(() => false);
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`deno task serve did not answer on ${url}: ${(await finished(child)).stderr}`);
}

/** Every file under `dir` (hidden ones too), recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...await allFiles(p));
    else out.push(p);
  }
  return out;
}

/** The lines of a JSONL file, parsed. */
export async function jsonl(path: string): Promise<Record<string, unknown>[]> {
  return (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "").map((l) =>
    JSON.parse(l)
  );
}

/** The server in this process on a free loopback port, and how to stop it (waits until it has). */
export function inProcessServer(
  policy: CompletionPolicy,
): { url: string; stop: () => Promise<void> } {
  const ac = new AbortController();
  const server = startServer({
    policy,
    hostname: "127.0.0.1",
    port: 0,
    signal: ac.signal,
    clock: () => 0,
    randomSeed: () => 1,
  });
  return {
    url: server.url,
    stop: async () => {
      ac.abort();
      await server.finished;
    },
  };
}
