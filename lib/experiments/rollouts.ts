/**
 * Rollouts from any OpenAI-compatible server: `n` samples of every dataset prompt, requested
 * with `concurrency` requests in flight, journaled as they arrive, and written as a run when all
 * are in (`rollouts_writer.ts`).
 *
 * The request mode is decided per prompt, from that prompt's own responses only (so a resumed
 * run and an uninterrupted one ask for the same draws, whatever another prompt's server answer
 * was): with `n > 1` the client first asks for all `n` samples in one request (seed
 * `promptSeed`). `n` choices (indexes 0..n−1, each once): they are the samples. One choice: the
 * server ignores `n` (Ollama) and the prompt gets one request per sample (seeds `sampleSeed`).
 * A 400, 422 or 500 for the several-choice request (llama-server's "Only one completion choice
 * is allowed" is a 500): the client asks for sample 0 alone; if that is answered, the server
 * refuses `n` and the prompt continues one request per sample; if not, that failure is the
 * run's. Any other count, or duplicated or out-of-range indexes, is a malformed body, retried.
 * Each fallback is said once.
 *
 * A server that refuses `max_tokens`, `temperature` or `top_p` as unsupported (OpenAI's
 * reasoning models) gets the budget as `max_completion_tokens`, or the parameter left out, from
 * then on (lib/rollouts/adapt.ts), said once and recorded. A refusal that will not pass (a wrong
 * model, a bad key) stops the run at once; the samples already journaled stay for a resume. The
 * key, any Authorization value and the base URL's query values are removed from every string
 * written or printed.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { partialPathFor } from "../rollouts/journal.ts";
 * assertEquals(partialPathFor("runs/qwen").endsWith(".partial-qwen"), true);
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import { makeRng, seedFrom } from "../core/prng.ts";
import { assertRunSlotFree } from "../core/run_dir.ts";
import { runsRootFor } from "../core/run_root.ts";
import { removeGuarded } from "../core/guarded_ops.ts";
import {
  type CallResult,
  callWithRetry,
  DEFAULT_RETRY,
  NRefused,
  UnsupportedParameter,
} from "../rollouts/client.ts";
import { type Adaptation, adaptationNote, adaptBody, adaptTo } from "../rollouts/adapt.ts";
import { redactDeep, redactor } from "../rollouts/secrets.ts";
import { Journal, type JournalEntry, pairKey, partialPathFor } from "../rollouts/journal.ts";
import { sampleRecord } from "../rollouts/response.ts";
import {
  endpointRecord,
  endpointSamplingMeta,
  parseBaseUrl,
  promptSeed,
  requestBody,
  requestUrl,
  sampleSeed,
} from "../rollouts/request.ts";
import {
  type Progress,
  RequestFailed,
  type RolloutsConfig,
  type RolloutsHooks,
  RolloutsInterrupted,
} from "../rollouts/config.ts";
import { completeRun, type RolloutsSummary, writeRolloutsRun } from "./rollouts_writer.ts";
import { type PromptRow, readPromptRows } from "../measure/prompts.ts";

/** One request to make: all `n` samples of a row (`probe`), or sample `i` alone. */
type Job = { row: PromptRow; probe: true } | { row: PromptRow; probe: false; i: number };

function entriesOf(row: PromptRow, samples: readonly number[], r: CallResult, n: number) {
  return samples.map((i): JournalEntry => {
    const c = r.response.choices[n === 1 ? 0 : i];
    return {
      id: row.id,
      sample: i,
      completion: c.text,
      response: sampleRecord(r.response, c, n, r),
    };
  });
}

export { RequestFailed, type RolloutsConfig, type RolloutsHooks, RolloutsInterrupted };
export type { Progress };

/**
 * Runs the rollouts: resumes the journal of an interrupted run with the same settings, asks for
 * the missing samples, writes the run and removes the journal.
 *
 * @throws InputError on bad input; FatalHttpError on a refusal; RolloutsInterrupted when stopped
 */
export async function runRollouts(
  cfg: RolloutsConfig,
  hooks: RolloutsHooks,
): Promise<{ runPath: string; summary: RolloutsSummary; progress: Progress; mode: string }> {
  const ep = parseBaseUrl(cfg.baseUrl);
  const url = requestUrl(ep, cfg.settings.api);
  const { rows, info } = await readPromptRows(cfg.dataset);
  if (cfg.resume && !cfg.force) {
    const done = await completeRun(
      cfg.outdir,
      endpointSamplingMeta(cfg.settings, ep, cfg.n),
      info.sha256,
    );
    if (done !== null) {
      hooks.onNote?.(`${cfg.outdir} is already complete: nothing to resume`);
      const total = rows.length * cfg.n;
      const progress = { done: total, total, resumed: total, retries: 0, requests: 0 };
      return { runPath: cfg.outdir, summary: done, progress, mode: done.request_mode };
    }
  }
  await assertRunSlotFree(cfg.outdir, cfg.force);
  const er = endpointRecord(ep, cfg.settings.api);
  hooks.onStart?.({
    prompts: rows.length,
    endpoint: `${er.endpoint_scheme}://${er.endpoint_host}:${er.endpoint_port}${er.endpoint_path}`,
  });
  const partial = partialPathFor(cfg.outdir);
  if (cfg.force) await removeGuarded(runsRootFor(partial), partial).catch(() => {});
  const s = cfg.settings;
  const journal = await Journal.open(partial, {
    dataset_sha256: info.sha256,
    ...er,
    ...s,
    system: s.system === null ? null : sha256Text(s.system),
    n: cfg.n,
  }, 5000);
  const p: Progress = {
    done: journal.entries.size,
    total: rows.length * cfg.n,
    resumed: journal.entries.size,
    retries: 0,
    requests: 0,
  };
  if (p.resumed > 0) hooks.onNote?.(`resuming: ${p.resumed} of ${p.total} samples journaled`);
  const stop = new AbortController();
  const signal = AbortSignal.any([hooks.signal, stop.signal]);
  const redact = redactor(cfg.apiKey, ep.query);
  const said = new Set<string>();
  const once = (key: string, line: string) => {
    if (!said.has(key)) (said.add(key), hooks.onNote?.(redact(line)));
  };
  let adaptation: Adaptation = { field: s.max_tokens_field ?? "max_tokens", dropped: [] };
  const missing = (row: PromptRow) =>
    [...Array(cfg.n).keys()].filter((i) => !journal.entries.has(pairKey(row.id, i)));
  /** One request, adapted to what the server refuses; `choices`: the counts it may answer. */
  const send = async (row: PromptRow, n: number, seed: number, choices: number[]) => {
    for (;;) {
      const used = adaptation;
      const body = adaptBody(requestBody(s, row.prompt, n, seed), used);
      const jitter = makeRng(seedFrom("jitter", s.seed, row.id, seed));
      p.requests++;
      try {
        return await callWithRetry(url, body, {
          api: s.api,
          apiKey: cfg.apiKey,
          retry: { ...DEFAULT_RETRY, ...cfg.retry },
          jitter,
          signal,
          redact,
          choices,
          probeN: n > 1,
          onRetry: () => void p.retries++,
        });
      } catch (e) {
        if (e instanceof UnsupportedParameter && adaptTo(used, e.param) !== null) {
          const next = adaptTo(adaptation, e.param);
          if (next !== null) (adaptation = next, once(e.param, adaptationNote(e.param, e.message)));
          continue;
        }
        throw signal.aborted || e instanceof NRefused ? e : new RequestFailed(row.id, e as Error);
      }
    }
  };
  const record = async (row: PromptRow, samples: number[], r: CallResult, n: number) => {
    await journal.append(redactDeep(entriesOf(row, samples, r, n), redact));
    p.done = journal.entries.size;
    hooks.onProgress?.({ ...p });
  };
  const queue: Job[] = rows.flatMap((row): Job[] => {
    const m = missing(row);
    if (cfg.n > 1 && m.length === cfg.n) return [{ row, probe: true }];
    return m.map((i) => ({ row, probe: false, i }));
  });
  /** All `n` samples in one request, else the prompt's samples one by one (see the module doc). */
  const probe = async (row: PromptRow): Promise<Job[]> => {
    const perSample = (from: number) =>
      Array.from({ length: cfg.n - from }, (_, k): Job => ({ row, probe: false, i: from + k }));
    try {
      const r = await send(row, cfg.n, promptSeed(s.seed, row.id), [1, cfg.n]);
      if (r.response.choices.length === cfg.n) {
        await record(row, missing(row), r, cfg.n);
        return [];
      }
      once(
        "n-ignored",
        `the server returned 1 choice for n = ${cfg.n} (it ignores n): one request per sample for such prompts`,
      );
      return perSample(0);
    } catch (e) {
      if (!(e instanceof NRefused)) throw e;
      const first = await send(row, 1, sampleSeed(s.seed, row.id, 0), [1]);
      once(
        "n-refused",
        `the server refused n = ${cfg.n} (HTTP ${e.status}: ${
          e.message.replace(/^HTTP \d+: /, "")
        }): one request per sample for such prompts`,
      );
      await record(row, [0], first, 1);
      return perSample(1);
    }
  };
  try {
    if (journal.mode !== null) {
      hooks.onNote?.(`the journal's request mode (${journal.mode}) is decided per prompt now`);
    }
    hooks.onNote?.(
      cfg.n > 1
        ? `request mode: n = ${cfg.n} in one request per prompt where the server honours it`
        : "request mode: one request per sample",
    );
    let active = 0;
    const waiting: (() => void)[] = [];
    const wake = () => (waiting.splice(0).forEach((w) => w()), undefined);
    const worker = async () => {
      while (!signal.aborted) {
        const job = queue.shift();
        if (job === undefined) {
          if (active === 0) return;
          await new Promise<void>((r) => waiting.push(r));
          continue;
        }
        active++;
        try {
          if (job.probe) queue.unshift(...await probe(job.row));
          else {
            const seed = sampleSeed(s.seed, job.row.id, job.i);
            await record(job.row, [job.i], await send(job.row, 1, seed, [1]), 1);
          }
        } finally {
          active--;
          wake();
        }
      }
    };
    const workers = Array.from(
      { length: Math.max(1, Math.min(cfg.concurrency, queue.length)) },
      worker,
    );
    const results = await Promise.allSettled(workers.map((w) =>
      w.catch((e) => {
        stop.abort(e);
        wake();
        throw e;
      })
    ));
    if (hooks.signal.aborted) throw new RolloutsInterrupted(partial, { ...p });
    if (stop.signal.aborted) throw stop.signal.reason; // the first request that failed for good
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed !== undefined) throw failed.reason;
  } catch (e) {
    // Nothing journaled: leave nothing behind. Otherwise the journal stays for a resume.
    await (journal.entries.size === 0 ? journal.discard() : journal.close());
    const cause = e instanceof RolloutsInterrupted || hooks.signal.aborted ? undefined : e as Error;
    throw new RolloutsInterrupted(partial, { ...p }, cause);
  }
  const withLogprobs = [...journal.entries.values()].filter((e) => "logprobs" in e.response).length;
  if (s.logprobs && withLogprobs < journal.entries.size) {
    hooks.onWarn?.(
      `--logprobs: the server returned log-probabilities for ${withLogprobs} of ` +
        `${journal.entries.size} samples (logprobs_returned: false in the manifest)`,
    );
  }
  const extra = { adaptation, logprobsReturned: withLogprobs === journal.entries.size };
  const { runPath, summary } = await writeRolloutsRun({ cfg, ep, rows, info, journal, ...extra })
    .catch(
      async (e) => {
        await journal.close();
        throw e;
      },
    );
  await journal.discard();
  return { runPath, summary, progress: p, mode: summary.request_mode };
}
