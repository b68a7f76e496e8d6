/**
 * One notebook program run in the grading sandbox: a `deno run` subprocess that may read only
 * the project's `lib/` and `data/` and its own `runs/` folder, write only that folder, and
 * nothing else (no network, no process, no environment variable, no FFI, no prompt), under a
 * wall-clock timeout, a heap cap and a resident-memory cap. This module starts processes and
 * writes the slot's files.
 *
 * The sandbox's project root is a slot (lib/course/tools/grade_slots.ts): a copy of the
 * project's `lib/` and `data/`, and its own `runs/`. Write access stops at `runs/`.
 *
 * What the run reports comes from three places the program cannot rewrite: the signed channel
 * on its standard output (lib/course/tools/grade_channel.ts), Deno's own permission audit
 * (`DENO_AUDIT_PERMISSIONS`, written outside the writable folder) and its standard error.
 * @module
 */
import { join } from "node:path";
import type { Slot } from "./grade_slots.ts";
import { denoBinary } from "./grade_slots.ts";
import { type ChannelEvent, channelReader } from "./grade_channel.ts";

/** The sandbox's limits. */
export interface SandboxLimits {
  /** Wall clock for the whole program, in seconds. */
  timeoutSeconds: number;
  /** V8's heap cap (`--max-old-space-size`), in MB. */
  heapMb: number;
  /** Resident memory cap (heap and buffers), in MB; checked every 100 ms where /proc exists. */
  rssMb: number;
  /** Cap on what the program prints and writes under `runs/`, in MB. */
  outputMb: number;
}

/** The limits `deno task grade` uses unless told otherwise. */
export const SANDBOX_DEFAULTS: SandboxLimits = {
  timeoutSeconds: 60,
  heapMb: 1024,
  rssMb: 1536,
  outputMb: 256,
};

/**
 * The limits for a timeout and a resident-memory cap: V8's heap gets two thirds of the cap
 * (buffers, code and the runtime take the rest).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { limitsFor } from "./grade_sandbox.ts";
 * assertEquals(limitsFor(30, 1536), { timeoutSeconds: 30, heapMb: 1024, rssMb: 1536, outputMb: 256 });
 * ```
 */
export function limitsFor(timeoutSeconds: number, rssMb: number): SandboxLimits {
  return { ...SANDBOX_DEFAULTS, timeoutSeconds, rssMb, heapMb: Math.round(rssMb * 2 / 3) };
}

/** What asking the grader to run `deno` gives (M4's `deno test`). */
export type Broker = (args: readonly string[], slot: Slot, deadline: number) => Promise<
  { code: number; output: string }
>;

/** How a program's run ended, and everything it reported. */
export interface SandboxRun {
  /** `exited` (by itself), `timeout`, `memory` (over the RSS cap), `output` (over the output cap). */
  end: "exited" | "timeout" | "memory" | "output";
  code: number | null;
  signal: string | null;
  events: ChannelEvent[];
  /** Channel lines with a bad MAC or sequence. */
  rejected: number;
  /** The last 16 kB of standard error. */
  stderr: string;
  /** Deno's permission audit: every access the program asked for, granted or not. */
  audit: { permission: string; value: string | null }[];
  seconds: number;
  peakRssMb: number;
}

/** What the sandbox may read, and write. */
export function sandboxGrants(slot: Slot): { read: string[]; write: string[] } {
  const r = slot.root;
  return {
    read: [join(r, "lib"), join(r, "data"), join(r, "memo"), join(r, "runs"), ...slot.drawing],
    write: [join(r, "runs")],
  };
}

/** The `deno run` arguments of a program in `slot` (see the module doc). */
export function sandboxArgs(slot: Slot, module: string, limits: SandboxLimits): string[] {
  const grants = sandboxGrants(slot);
  return [
    "run",
    "--no-prompt",
    "--no-remote",
    "--cached-only",
    "--no-config",
    `--lock=${join(slot.project, "deno.lock")}`,
    "--frozen",
    "--unstable-npm-lazy-caching",
    `--allow-read=${grants.read.join(",")}`,
    `--allow-write=${grants.write.join(",")}`,
    `--v8-flags=--max-old-space-size=${limits.heapMb}`,
    module,
  ];
}

/** The sandbox's environment: only what Deno itself needs to find its cache and the tools. */
export function sandboxEnv(audit: string): Record<string, string> {
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_AUDIT_PERMISSIONS: audit,
  };
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
    try {
      const v = Deno.env.get(name);
      if (v !== undefined) env[name] = v;
    } catch { /* not granted to the grader: Deno falls back to its defaults */ }
  }
  return env;
}

async function sizeOf(path: string): Promise<number> {
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    for await (const e of Deno.readDir(p)) {
      const q = join(p, e.name);
      if (e.isDirectory) await walk(q);
      else total += (await Deno.lstat(q).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(path).catch(() => {});
  return total;
}

async function rssMb(pid: number): Promise<number | null> {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(await Deno.readTextFile(`/proc/${pid}/status`));
    return m === null ? null : Number(m[1]) / 1024;
  } catch {
    return null;
  }
}

/** Runs the module in the slot (see the module doc); never throws for what the program does. */
export async function runSandbox(
  slot: Slot,
  module: string,
  key: string,
  limits: SandboxLimits,
  broker: Broker,
): Promise<SandboxRun> {
  const audit = join(slot.dir, "audit.jsonl");
  const started = performance.now();
  const deadline = started + limits.timeoutSeconds * 1000;
  const child = new Deno.Command(denoBinary(), {
    args: sandboxArgs(slot, module, limits),
    cwd: join(slot.root, "runs"),
    env: sandboxEnv(audit),
    clearEnv: true,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let end: SandboxRun["end"] = "exited";
  let peak = 0;
  let printed = 0;
  const kill = (why: SandboxRun["end"]) => {
    if (end === "exited") end = why;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  };
  const timer = setTimeout(() => kill("timeout"), limits.timeoutSeconds * 1000);
  let ticks = 0;
  const watch = setInterval(async () => {
    const rss = await rssMb(child.pid);
    if (rss !== null) peak = Math.max(peak, rss);
    if (rss !== null && rss > limits.rssMb) kill("memory");
    if (++ticks % 10 === 0) {
      const written = await sizeOf(join(slot.root, "runs")) +
        ((await Deno.stat(audit).catch(() => null))?.size ?? 0);
      if (written + printed > limits.outputMb * 1024 * 1024) kill("output");
    }
  }, 100);
  const reader = channelReader(key);
  const events: ChannelEvent[] = [];
  const stdin = child.stdin.getWriter();
  const enc = new TextEncoder();
  const reading = (async () => {
    const dec = new TextDecoder();
    for await (const chunk of child.stdout) {
      printed += chunk.length;
      if (printed > limits.outputMb * 1024 * 1024) kill("output");
      for (const ev of reader.push(dec.decode(chunk, { stream: true }))) {
        events.push(ev);
        if (ev.kind === "run-deno") {
          const reply = await broker(ev.args as string[], slot, deadline)
            .catch((e) => ({
              code: 1,
              output: `the grader could not run it: ${(e as Error).message}`,
            }));
          await stdin.write(enc.encode(`${JSON.stringify(reply)}\n`)).catch(() => {});
        }
      }
    }
  })();
  let stderr = "";
  const readingErr = (async () => {
    const dec = new TextDecoder();
    for await (const chunk of child.stderr) {
      printed += chunk.length;
      stderr = (stderr + dec.decode(chunk, { stream: true })).slice(-16384);
      if (printed > limits.outputMb * 1024 * 1024) kill("output");
    }
  })();
  const status = await child.status;
  clearTimeout(timer);
  clearInterval(watch);
  await Promise.allSettled([reading, readingErr]);
  await stdin.close().catch(() => {});
  const auditText = await Deno.readTextFile(audit).catch(() => "");
  return {
    end,
    code: status.code,
    signal: status.signal,
    events,
    rejected: reader.rejected(),
    stderr,
    audit: auditText.split("\n").filter((l) => l.trim() !== "").flatMap((l) => {
      try {
        const e = JSON.parse(l);
        return [{
          permission: String(e.permission),
          value: e.value === null ? null : String(e.value),
        }];
      } catch {
        return [];
      }
    }),
    seconds: (performance.now() - started) / 1000,
    peakRssMb: Math.round(peak),
  };
}

/**
 * The first uncaught error on a sandbox's standard error, as `Name: message`, or "".
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { stopReason } from "./grade_sandbox.ts";
 * assertEquals(stopReason("error: Uncaught (in promise) TypeError: x is not a function\n    at f"),
 *   "TypeError: x is not a function");
 * ```
 */
export function stopReason(stderr: string): string {
  const m = /error: (?:Uncaught (?:\(in promise\) )?)?(.*)/.exec(stderr);
  return m === null ? "" : m[1].trim();
}
