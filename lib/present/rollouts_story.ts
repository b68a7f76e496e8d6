/**
 * What `deno task rollouts` prints: the plan, the request mode, progress on stderr (a bar
 * redrawn in place on a terminal, a plain line every few seconds otherwise: done/total, rate,
 * ETA, retries so far), then where the run went; or, when it stops early, what is kept and the
 * command that resumes it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rolloutsProgressLine } from "./rollouts_story.ts";
 * assertEquals(rolloutsProgressLine({ done: 30, total: 120, resumed: 0, retries: 2, requests: 31 }, 3000),
 *   "rollouts  30/120 samples | 10.000/s | ETA 9s | retries 2");
 * ```
 * @module
 */
import { f3 } from "./format.ts";
import { duration, lineReporter, type ProgressSink } from "./progress.ts";
import type { RolloutsSummary } from "../rollouts/summary.ts";

/** Progress as the client reports it. */
export interface ProgressView {
  done: number;
  total: number;
  resumed: number;
  retries: number;
  requests: number;
}

function parts(p: ProgressView, elapsedMs: number): string[] {
  const fresh = p.done - p.resumed;
  const rate = elapsedMs > 0 ? (1000 * fresh) / elapsedMs : 0;
  const width = String(p.total).length;
  return [
    `${String(p.done).padStart(width)}/${p.total} samples`,
    `${f3(rate)}/s`,
    `ETA ${rate > 0 ? duration((p.total - p.done) / rate) : "?"}`,
    `retries ${p.retries}`,
  ];
}

/** One plain progress line (for a log or a pipe). */
export function rolloutsProgressLine(p: ProgressView, elapsedMs: number): string {
  return `rollouts ${parts(p, elapsedMs).join(" | ")}`;
}

/** A progress bar for a terminal, to be redrawn in place with a carriage return. */
export function progressBar(p: ProgressView, elapsedMs: number, width = 24): string {
  const filled = p.total === 0 ? width : Math.floor((width * p.done) / p.total);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${parts(p, elapsedMs).join(" | ")}`;
}

/** The opening line: what is asked of whom, with which settings. */
export function rolloutsPlan(o: {
  prompts: number;
  n: number;
  model: string;
  endpoint: string;
  settings: { temperature: number; top_p: number; max_tokens: number; seed: number };
}): string {
  const { temperature, top_p, max_tokens, seed } = o.settings;
  return `rollouts: ${o.prompts} prompts × ${o.n} samples of ${o.model} from ${o.endpoint}\n` +
    `  temperature ${temperature}, top_p ${top_p}, max_tokens ${max_tokens}, seed ${seed}`;
}

/** The closing lines of a complete run (`runPath`: the "run written to …" line). */
export function rolloutsDone(
  o: ProgressView & {
    elapsedMs: number;
    finish_reasons: Record<string, number>;
    models_reported: string[];
    runPath: string;
  },
): string {
  const reasons = Object.entries(o.finish_reasons).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `done: ${o.done} samples (${o.resumed} from the journal) in ${o.requests} requests, ` +
    `${o.retries} retries, ${f3(o.elapsedMs / 1000)} s`,
    `models reported: ${o.models_reported.join(", ") || "none"}; finish reasons: ${reasons}`,
    o.runPath,
  ].join("\n");
}

/**
 * What is kept when a run stops early (interrupted, or `failure`: a request failed for good,
 * printed first as an `error:` line), and how to go on.
 */
export function rolloutsStopped(
  o: { done: number; total: number; journal: string; failure?: Error },
): string {
  const error = o.failure ? `error: ${o.failure.message}\n` : "";
  return error +
    (o.done === 0
      ? "stopped: no sample was journaled; nothing is left behind"
      : `stopped: ${o.done} of ${o.total} samples are journaled in ${o.journal}; ` +
        "rerun the same command (or add --resume) to continue where it stopped");
}

/**
 * How a rollouts run ended, in words, with its exit code: complete (0, with the `Next:` command
 * that scores sample 0 when the dataset is given), stopped by a signal (130) or by a failure (2),
 * naming the journal that a rerun continues from.
 */
export function rolloutsEnd(
  r: {
    runPath?: string;
    /** The dataset the prompts came from, for the `Next:` line. */
    dataset?: string;
    progress: ProgressView;
    summary?: { finish_reasons: Record<string, number>; models_reported: string[] };
    journal?: string;
    failure?: Error;
  },
  elapsedMs: number,
): { text: string; code: 0 | 2 | 130 } {
  if (r.runPath !== undefined && r.summary !== undefined) {
    const runPath = `run written to ${r.runPath}`;
    const done = rolloutsDone({ ...r.progress, ...r.summary, elapsedMs, runPath });
    const next = r.dataset === undefined ? "" : `\nNext: deno task eval --dataset ${r.dataset} ` +
      `--completions ${r.runPath}/completions.jsonl`;
    return { text: done + next, code: 0 };
  }
  const text = rolloutsStopped({ ...r.progress, journal: r.journal ?? "", failure: r.failure });
  return { text, code: r.failure ? 2 : 130 };
}

/**
 * Rollouts' progress on a {@link lineReporter}: on a terminal a bar redrawn in place, otherwise
 * a plain line (fixed keys: done/total, rate, ETA, retries). Off a terminal the last line is
 * written at the end only when a line was written before or the run stopped short.
 */
export function progressReporter(
  sink: ProgressSink,
): { update: (p: ProgressView) => void; end: () => void } {
  const t0 = sink.now();
  const lines = lineReporter({ everyMs: 5000, ...sink });
  let latest: ProgressView | null = null;
  let drawn = false;
  const text = (p: ProgressView) => {
    const el = sink.now() - t0;
    return sink.terminal ? progressBar(p, el) : rolloutsProgressLine(p, el);
  };
  return {
    update(p) {
      latest = p;
      if (lines.update(text(p))) drawn = true;
    },
    end() {
      if (latest !== null && (sink.terminal || latest.done !== latest.total || drawn)) {
        lines.update(text(latest), true);
        drawn = true;
      }
      if (drawn) lines.done();
    },
  };
}

/** `summary.md` of a rollouts run, for people. */
export function rolloutsMarkdown(model: string, s: RolloutsSummary): string {
  const reasons = Object.entries(s.finish_reasons).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `# Rollouts from ${model}`,
    "",
    "| | |",
    "|---|---|",
    `| prompts | ${s.n_prompts} |`,
    `| samples per prompt | ${s.samples_per_prompt} |`,
    `| request mode | ${
      s.request_mode === "n"
        ? "one request per prompt (n)"
        : s.request_mode === "mixed"
        ? "one request per prompt where the server honoured n, else one per sample"
        : "one request per sample"
    } |`,
    `| models reported | ${s.models_reported.join(", ") || "none"} |`,
    `| finish reasons | ${reasons} |`,
    `| completion tokens | ${s.completion_tokens ?? "not reported"} |`,
    "",
    "Score them: `deno task eval --completions <run>/completions.jsonl`, " +
    "`deno task select --samples <run>/samples.jsonl`.",
    "",
  ].join("\n");
}
