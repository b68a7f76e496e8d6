/**
 * The rollouts run, written from a complete journal in dataset order, atomically (`openRun`):
 *
 * - `samples.jsonl`: `{id, samples: [...]}`, the selection-pack format `deno task select` reads;
 * - `completions.jsonl`: `{id, completion}`, sample 0 of each prompt, the format `deno task eval`
 *   reads;
 * - `samples.meta.json` and `completions.meta.json`: the sampling settings the gate compares
 *   (`endpointSamplingMeta`; the samples file adds `samples_per_prompt`);
 * - `responses.jsonl`: per sample, what the server said: the model as reported,
 *   `system_fingerprint`, finish reason, token counts, log-probabilities when asked for and
 *   given, latency and attempts;
 * - `manifest.json` (every setting, the dataset's SHA-256, the artifacts' SHA-256, provenance),
 *   `summary.json` and `summary.md`.
 *
 * `samples.jsonl` depends only on the journaled completions, so a resumed run writes the same
 * bytes as an uninterrupted one. The key is in none of them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { completeRun } from "./rollouts_writer.ts";
 * assertEquals(await completeRun(await Deno.makeTempDir(), {}, "ab"), null);
 * ```
 * @module
 */
import { join } from "node:path";
import { sha256Text } from "../core/hash.ts";
import type { FileInfo } from "../core/jsonl.ts";
import { jsonFile, writeRun } from "../core/write_run.ts";
import type { PromptRow } from "../measure/prompts.ts";
import { rolloutsMarkdown } from "../present/rollouts_story.ts";
import type { RolloutsConfig } from "../rollouts/config.ts";
import { type Journal, pairKey } from "../rollouts/journal.ts";
import { type Endpoint, endpointSamplingMeta } from "../rollouts/request.ts";
import { finishCounts, type RolloutsSummary, sumOrNull } from "../rollouts/summary.ts";
import { type Adaptation, adaptationRecord, safeArgs } from "../rollouts/adapt.ts";

export type { RolloutsSummary };

/** Writes the run of a complete journal; returns where it went and its summary. */
export async function writeRolloutsRun(o: {
  cfg: RolloutsConfig;
  ep: Endpoint;
  rows: readonly PromptRow[];
  info: FileInfo;
  journal: Journal;
  /** How the requests were changed for this server (adapt.ts). */
  adaptation: Adaptation;
  /** Whether every sample came with log-probabilities. */
  logprobsReturned: boolean;
}): Promise<{ runPath: string; summary: RolloutsSummary }> {
  const { cfg, ep, rows, info, journal } = o;
  const s = cfg.settings;
  const entry = (id: string, i: number) => journal.entries.get(pairKey(id, i))!;
  const all: Record<string, unknown>[] = [];
  for (const row of rows) for (let i = 0; i < cfg.n; i++) all.push(entry(row.id, i).response);
  const distinct = (k: string) =>
    [...new Set(all.map((r) => r[k]).filter((x): x is string => typeof x === "string"))].sort();
  const summary: RolloutsSummary = {
    n_prompts: rows.length,
    samples_per_prompt: cfg.n,
    n_samples: all.length,
    request_mode: requestMode(rows.map((r) => entry(r.id, 0).response)),
    models_reported: distinct("model"),
    system_fingerprints: distinct("system_fingerprint"),
    finish_reasons: finishCounts(all),
    prompt_tokens: sumOrNull(rows.map((r) => entry(r.id, 0).response.prompt_tokens)),
    completion_tokens: sumOrNull(all.map((r) => r.completion_tokens)),
  };
  const texts = (id: string) => Array.from({ length: cfg.n }, (_, i) => entry(id, i).completion);
  const sampling = (n?: number) => ({
    ...endpointSamplingMeta(s, ep, n),
    ...adaptationRecord(o.adaptation),
  });
  const { path } = await writeRun(cfg.outdir, {
    header: { kind: "rollouts", command: cfg.command, args: safeArgs(cfg.args), seed: s.seed },
    settings: {
      dataset: { path: cfg.dataset, sha256: info.sha256, rows: info.rows },
      sampling: sampling(cfg.n),
      system_prompt: s.system === null
        ? null
        : { path: cfg.systemPath, sha256: sha256Text(s.system) },
      logprobs_requested: s.logprobs,
      logprobs_returned: s.logprobs ? o.logprobsReturned : null,
      request_mode: summary.request_mode,
      client: {
        concurrency: cfg.concurrency,
        max_retries: cfg.retry.maxRetries,
        timeout_s: cfg.retry.timeoutMs / 1000,
      },
    },
    files: [
      {
        name: "samples.jsonl",
        stream: (w) => rows.forEach((r) => w.write({ id: r.id, samples: texts(r.id) })),
      },
      jsonFile("samples.meta.json", sampling(cfg.n)),
      {
        name: "completions.jsonl",
        stream: (w) => rows.forEach((r) => w.write({ id: r.id, completion: texts(r.id)[0] })),
      },
      jsonFile("completions.meta.json", sampling()),
      {
        name: "responses.jsonl",
        stream: (w) => {
          for (const r of rows) {
            for (let i = 0; i < cfg.n; i++) {
              w.write({ id: r.id, sample: i, ...entry(r.id, i).response });
            }
          }
        },
      },
      jsonFile("summary.json", summary),
      { name: "summary.md", content: rolloutsMarkdown(s.model, summary) },
    ],
  }, { force: cfg.force });
  return { runPath: path, summary };
}

/**
 * How the run's prompts were asked: `"n"` (each in one request), `"per-sample"`, or `"mixed"`,
 * read from each prompt's first sample (a several-choice request records `request.choices`).
 */
export function requestMode(firsts: readonly Record<string, unknown>[]): string {
  const n = firsts.filter((r) => (r.request as { choices?: number } | undefined)?.choices).length;
  return n === 0 ? "per-sample" : n === firsts.length ? "n" : "mixed";
}

/** The summary of a complete rollouts run at `outdir` made with these settings, or null. */
export async function completeRun(
  outdir: string,
  sampling: Record<string, unknown>,
  datasetSha: string,
): Promise<RolloutsSummary | null> {
  try {
    const m = JSON.parse(await Deno.readTextFile(join(outdir, "manifest.json")));
    // the settings asked for; what the server made the client change is recorded beside them
    const same = m.kind === "rollouts" && m.dataset?.sha256 === datasetSha &&
      Object.entries(sampling).every(([k, v]) =>
        JSON.stringify(m.sampling?.[k]) === JSON.stringify(v)
      );
    return same ? JSON.parse(await Deno.readTextFile(join(outdir, "summary.json"))) : null;
  } catch {
    return null;
  }
}
