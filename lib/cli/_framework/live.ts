/**
 * What the long-running CLIs (`serve`, `rollouts`, `sft`, `rl`) share: a signal that aborts on SIGINT or
 * SIGTERM, or when the launcher that started the CLI dies (`lib/serve/net_grant.ts`), and a
 * progress reporter writing to standard error (a bar on a terminal, plain lines otherwise).
 * @module
 */
import { progressReporter, type ProgressView } from "../../present/rollouts_story.ts";
import { lineReporter, type ProgressReporter, type ProgressSink } from "../../present/progress.ts";
import { launchedArgs, watchLauncher } from "../../serve/net_grant.ts";

/** The CLI's arguments without the launcher's marker, and a signal that says: stop now. */
export function liveCli(): { argv: string[]; stop: AbortSignal } {
  const { argv, launched } = launchedArgs(Deno.args);
  const ac = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(sig, () => ac.abort());
    } catch { /* SIGTERM cannot be listened to on Windows */ }
  }
  if (launched) watchLauncher(() => ac.abort());
  return { argv, stop: ac.signal };
}

/** Where every command's progress goes: standard error, a terminal or not. */
export function stderrSink(): ProgressSink {
  const enc = new TextEncoder();
  return {
    terminal: Deno.stderr.isTerminal(),
    now: () => performance.now(),
    write: (t) => Deno.stderr.writeSync(enc.encode(t)),
  };
}

/** Rollouts' progress on standard error. */
export function stderrProgress(): { update: (p: ProgressView) => void; end: () => void } {
  return progressReporter(stderrSink());
}

/** A progress line on standard error (sft, rl): redrawn on a terminal, sparse in a log. */
export function stderrLines(): ProgressReporter {
  return lineReporter(stderrSink());
}
