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
 * import { finishCounts } from "./rollouts_writer.ts";
 * assertEquals(finishCounts([{ finish_reason: "stop" }, { finish_reason: null }]), { stop: 1, unknown: 1 });
 * ```
 * @module
 */
import { join } from "node:path";
import { sha256File } from "../core/hash.ts";
import type { FileInfo } from "../core/jsonl.ts";
import { openRun, runManifest } from "../core/run_dir.ts";
import { type Journal, pairKey } from "./rollouts_journal.ts";
import { type Endpoint, endpointSamplingMeta } from "./rollouts_request.ts";
import type { RolloutsConfig } from "./rollouts_run.ts";
import type { PromptRow } from "./prompts.ts";
import { sha256Text } from "../core/hash.ts";

/** What `summary.json` holds. */
export interface RolloutsSummary {
  n_prompts: number;
  samples_per_prompt: number;
  n_samples: number;
  /** `"n"` (one request per prompt) or `"per-sample"`. */
  request_mode: string;
  /** Model names as the server reported them. */
  models_reported: string[];
  system_fingerprints: string[];
  finish_reasons: Record<string, number>;
  /** Σ over prompts of the prompt's tokens, when the server counted them. */
  prompt_tokens: number | null;
  /** Σ over samples of the completion's tokens, when known for every sample. */
  completion_tokens: number | null;
}

/** How many responses ended for each reason (`unknown` when the server gave none). */
export function finishCounts(rs: readonly { finish_reason?: unknown }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const k = typeof r.finish_reason === "string" ? r.finish_reason : "unknown";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function sumOrNull(xs: unknown[]): number | null {
  return xs.every((x) => typeof x === "number")
    ? (xs as number[]).reduce((a, b) => a + b, 0)
    : null;
}

/** Writes the run of a complete journal; returns where it went and its summary. */
export async function writeRolloutsRun(o: {
  cfg: RolloutsConfig;
  ep: Endpoint;
  rows: readonly PromptRow[];
  info: FileInfo;
  journal: Journal;
}): Promise<{ runPath: string; summary: RolloutsSummary }> {
  const { cfg, ep, rows, info, journal } = o;
  const s = cfg.settings;
  const entry = (id: string, i: number) => journal.entries.get(pairKey(id, i))!;
  const run = await openRun(cfg.outdir, { force: cfg.force });
  try {
    const [samples, completions, responses] = await Promise.all(
      ["samples.jsonl", "completions.jsonl", "responses.jsonl"].map((f) => run.jsonl(f)),
    );
    const all: Record<string, unknown>[] = [];
    for (const row of rows) {
      const texts: string[] = [];
      for (let i = 0; i < cfg.n; i++) {
        const e = entry(row.id, i);
        texts.push(e.completion);
        responses.write({ id: row.id, sample: i, ...e.response });
        all.push(e.response);
      }
      samples.write({ id: row.id, samples: texts });
      completions.write({ id: row.id, completion: texts[0] });
    }
    await Promise.all([samples, completions, responses].map((w) => w.close()));
    await run.writeJson("samples.meta.json", endpointSamplingMeta(s, ep, cfg.n));
    await run.writeJson("completions.meta.json", endpointSamplingMeta(s, ep));
    const distinct = (k: string) =>
      [...new Set(all.map((r) => r[k]).filter((x): x is string => typeof x === "string"))].sort();
    const summary: RolloutsSummary = {
      n_prompts: rows.length,
      samples_per_prompt: cfg.n,
      n_samples: all.length,
      request_mode: journal.mode ?? "per-sample",
      models_reported: distinct("model"),
      system_fingerprints: distinct("system_fingerprint"),
      finish_reasons: finishCounts(all),
      prompt_tokens: sumOrNull(rows.map((r) => entry(r.id, 0).response.prompt_tokens)),
      completion_tokens: sumOrNull(all.map((r) => r.completion_tokens)),
    };
    const artifacts: Record<string, string> = {};
    for (const f of ["samples.jsonl", "completions.jsonl", "responses.jsonl"]) {
      artifacts[f] = (await sha256File(join(run.tmp, f))).sha256;
    }
    await run.writeJson(
      "manifest.json",
      await runManifest({ kind: "rollouts", command: cfg.command, args: cfg.args, seed: s.seed }, {
        dataset: { path: cfg.dataset, sha256: info.sha256, rows: info.rows },
        sampling: endpointSamplingMeta(s, ep, cfg.n),
        system_prompt: s.system === null
          ? null
          : { path: cfg.systemPath, sha256: sha256Text(s.system) },
        logprobs_requested: s.logprobs,
        request_mode: summary.request_mode,
        client: {
          concurrency: cfg.concurrency,
          max_retries: cfg.retry.maxRetries,
          timeout_s: cfg.retry.timeoutMs / 1000,
        },
        artifacts,
      }),
    );
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", summaryMarkdown(s.model, summary));
    return { runPath: await run.commit(), summary };
  } catch (e) {
    await run.abort();
    throw e;
  }
}

function summaryMarkdown(model: string, s: RolloutsSummary): string {
  const reasons = Object.entries(s.finish_reasons).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    `# Rollouts from ${model}`,
    "",
    "| | |",
    "|---|---|",
    `| prompts | ${s.n_prompts} |`,
    `| samples per prompt | ${s.samples_per_prompt} |`,
    `| request mode | ${
      s.request_mode === "n" ? "one request per prompt (n)" : "one request per sample"
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

/** The summary of a complete rollouts run at `outdir` made with these settings, or null. */
export async function completeRun(
  outdir: string,
  sampling: Record<string, unknown>,
  datasetSha: string,
): Promise<RolloutsSummary | null> {
  try {
    const m = JSON.parse(await Deno.readTextFile(join(outdir, "manifest.json")));
    const same = m.kind === "rollouts" && m.dataset?.sha256 === datasetSha &&
      JSON.stringify(m.sampling) === JSON.stringify(sampling);
    return same ? JSON.parse(await Deno.readTextFile(join(outdir, "summary.json"))) : null;
  } catch {
    return null;
  }
}
