/**
 * Rollouts from any OpenAI-compatible server: `n` samples of every dataset prompt, requested
 * with `concurrency` requests in flight, journaled as they arrive, and written as a run when all
 * are in (`rollouts_writer.ts`).
 *
 * The request mode: with `n > 1` the first request asks for all `n` samples of one prompt; a
 * server that returns them all (OpenAI, vLLM, the course's own) gets one request per prompt, a
 * server that returns fewer or refuses `n` (HTTP 400/422) gets one request per sample, each with
 * its own seed. The choice is journaled, so a resumed run asks for exactly the same draws, and
 * stated in the run. A refusal that will not pass (a wrong model, a bad key) stops the run at
 * once; the samples already journaled stay for a resume.
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
import { callWithRetry, DEFAULT_RETRY, FatalHttpError } from "../rollouts/client.ts";
import { Journal, type JournalEntry, pairKey, partialPathFor } from "../rollouts/journal.ts";
import { type ParsedResponse, sampleRecord } from "../rollouts/response.ts";
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

type Task = { row: PromptRow; samples: number[]; seed: number; n: number };

function entriesOf(t: Task, r: ParsedResponse, meta: { attempts: number; latency_ms: number }) {
  return t.samples.map((i): JournalEntry => {
    const c = r.choices[t.n === 1 ? 0 : i];
    return { id: t.row.id, sample: i, completion: c.text, response: sampleRecord(r, c, t.n, meta) };
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
  const secrets = [cfg.apiKey, ep.query].filter((x): x is string => !!x);
  const redact = (t: string) => secrets.reduce((acc, x) => acc.split(x).join("[redacted]"), t);
  const missing = (row: PromptRow) =>
    [...Array(cfg.n).keys()].filter((i) => !journal.entries.has(pairKey(row.id, i)));
  const call = async (t: Task, minChoices: number) => {
    const body = requestBody(s, t.row.prompt, t.n, t.seed);
    const jitter = makeRng(seedFrom("jitter", s.seed, t.row.id, t.samples[0]));
    p.requests++;
    try {
      return await callWithRetry(url, body, {
        api: s.api,
        apiKey: cfg.apiKey,
        retry: { ...DEFAULT_RETRY, ...cfg.retry },
        jitter,
        signal,
        redact,
        minChoices,
        onRetry: () => void p.retries++,
      });
    } catch (e) {
      throw signal.aborted ? e : new RequestFailed(t.row.id, e as Error);
    }
  };
  const record = async (t: Task, r: Awaited<ReturnType<typeof call>>) => {
    const fresh = entriesOf(t, r.response, r);
    await journal.append(fresh);
    p.done = journal.entries.size;
    hooks.onProgress?.({ ...p });
  };
  try {
    if (journal.mode === null) {
      const first = rows.find((r) => missing(r).length > 0);
      let mode = "per-sample";
      if (cfg.n > 1 && first !== undefined) {
        const t = {
          row: first,
          samples: missing(first),
          seed: promptSeed(s.seed, first.id),
          n: cfg.n,
        };
        try {
          const r = await call(t, 1);
          if (r.response.choices.length >= cfg.n) {
            mode = "n";
            await record(t, r);
          } else {hooks.onNote?.(
              `the server returned ${r.response.choices.length} of n = ${cfg.n} choices`,
            );}
        } catch (e) {
          const c = e instanceof RequestFailed ? e.cause : e;
          if (!(c instanceof FatalHttpError && (c.status === 400 || c.status === 422))) throw e;
          hooks.onNote?.(`the server refused n = ${cfg.n} (${c.message})`);
        }
      }
      await journal.setMode(mode);
    }
    const nMode = journal.mode === "n";
    hooks.onNote?.(
      nMode
        ? `request mode: one request per prompt (n = ${cfg.n})`
        : "request mode: one request per sample",
    );
    const tasks: Task[] = rows.flatMap((row) => {
      const m = missing(row);
      if (m.length === 0) return [];
      if (nMode) return [{ row, samples: m, seed: promptSeed(s.seed, row.id), n: cfg.n }];
      return m.map((i) => ({ row, samples: [i], seed: sampleSeed(s.seed, row.id, i), n: 1 }));
    });
    let next = 0;
    const worker = async () => {
      while (next < tasks.length && !signal.aborted) {
        const t = tasks[next++];
        await record(t, await call(t, t.n));
      }
    };
    const workers = Array.from({ length: Math.min(cfg.concurrency, tasks.length) }, worker);
    const results = await Promise.allSettled(workers.map((w) =>
      w.catch((e) => {
        stop.abort(e);
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
  const { runPath, summary } = await writeRolloutsRun({ cfg, ep, rows, info, journal }).catch(
    async (e) => {
      await journal.close();
      throw e;
    },
  );
  await journal.discard();
  return { runPath, summary, progress: p, mode: journal.mode ?? "per-sample" };
}
