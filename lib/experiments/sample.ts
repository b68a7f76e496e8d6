/**
 * `deno task sample` as a library (reads a dataset, writes a run): `n` completions per prompt
 * from a checkpoint, written in the formats the rest of the course already reads.
 *
 * - `samples.jsonl`: `{id, samples: [text, …]}` per prompt (the selection-pack format `select`
 *   reads), with `samples.meta.json`: the policy's name, the checkpoint's SHA-256, temperature,
 *   top_p, top_k, max_tokens, seed and n;
 * - `completions.jsonl`: `{id, completion}` with sample 0 of each prompt (the frozen-rollout
 *   format `eval` and `inspect` read), with `completions.meta.json`: the same settings without
 *   n (sample 0 is the same draw whatever n is, so n is not a setting of this file);
 * - `tokens.jsonl`: per sample `{id, sample, token_ids, tokens, logprobs, logprob,
 *   finish_reason}`: cl100k ids (-1 for the policy's end token), token texts, log π of each token
 *   under the policy, their sum, and `stop` or `length`;
 * - `manifest.json`, `summary.json`, `summary.md`.
 *
 * With a reference checkpoint (`--ref`, same vocabulary), every sample also gets `ref_logprob`,
 * log π_ref of the very same tokens (lib/policy/logprobs.ts `tokensLogprob`), and the packs carry
 * both numbers: `samples.jsonl` items become `{completion, logprob, ref_logprob}` and
 * `completions.jsonl` rows `{id, completion, logprob, ref_logprob}`, so `eval` and `select` report
 * the KL estimate (lib/measure/kl_estimate.ts). The reference is recorded in the manifest, not
 * in the `.meta.json` files: it changes no completion, so it is no setting the gate compares.
 *
 * The gate treats `policy`, `checkpoint` and `seed` as the policy's identity and every other key
 * as a decoding setting, so two sample runs of one checkpoint at different temperatures are told
 * apart. Deterministic: the same checkpoint, dataset and settings give byte-identical files (the
 * manifest's `created_at` aside).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { samplingMeta } from "./sample.ts";
 * const meta = samplingMeta({ name: "p", sha256: "ab" }, { n: 8, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 });
 * assertEquals(Object.keys(meta), ["policy", "checkpoint", "temperature", "top_p", "top_k", "max_tokens", "seed", "n"]);
 * ```
 * @module
 */
import { assertRunSlotFree } from "../core/run_dir.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { writeRun } from "../core/write_run.ts";
import { score } from "../instrument/scorer.ts";
import { sampleMarkdown, type SampleSummary } from "../present/policy_story.ts";
import type { Policy } from "../policy/checkpoint.ts";
import { type PromptRow, readPromptRows } from "../measure/prompts.ts";
import { type SampledCompletion, samplePrompts, type SamplingOptions } from "../policy/sampler.ts";
import { tokensLogprob } from "../policy/logprobs.ts";
import { scoreBatch } from "../policy/batch_logprobs.ts";
import { type Engine, fastShape } from "../policy/kernels.ts";
import { sampleParallel } from "../policy/parallel_sampler.ts";
import { encodeText } from "../policy/vocab.ts";
import { InputError } from "../core/errors.ts";

/** The settings a sample run is made with (the stream key is each row's id). */
export type SampleSettings = Omit<SamplingOptions, "stop" | "key">;

/** The `.meta.json` of a samples file: policy identity, then every decoding setting. */
export function samplingMeta(
  policy: { name: string; sha256: string },
  s: SampleSettings,
): Record<string, string | number> {
  return {
    policy: policy.name,
    checkpoint: policy.sha256,
    temperature: s.temperature,
    top_p: s.top_p,
    top_k: s.top_k,
    max_tokens: s.max_tokens,
    seed: s.seed,
    n: s.n,
  };
}

/** `n` samples of every row (prompt read once per row; stream key = the row's id). */
export function sampleRows(
  policy: Policy,
  rows: readonly PromptRow[],
  s: SampleSettings,
  engine: Engine = "fast",
): SampledCompletion[][] {
  return samplePrompts(policy, jobsOf(policy, rows), s, engine);
}

const jobsOf = (policy: Policy, rows: readonly PromptRow[]) =>
  rows.map((row) => ({ ids: encodeText(policy.vocab, row.prompt), key: row.id }));

/**
 * log π_ref of every sample's tokens under the reference policy, `(prompts, n)`; the prompt is
 * read once per row.
 *
 * @throws InputError when the reference's vocabulary is not the policy's (the same token indices
 *   would name other tokens)
 */
export function referenceLogprobs(
  policy: Policy,
  reference: Policy,
  rows: readonly PromptRow[],
  samples: readonly SampledCompletion[][],
): number[][] {
  const same = (a: readonly unknown[], b: readonly unknown[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (
    !same(policy.vocab.texts, reference.vocab.texts) ||
    !same(policy.vocab.cl100k, reference.vocab.cl100k)
  ) {
    throw new InputError(
      reference.path,
      null,
      `has another vocabulary than ${policy.path}: the log-probabilities of the same tokens ` +
        "cannot be compared",
    );
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  if (fastShape(reference.params.cfg)) {
    const prompts = rows.map((row) => encodeText(reference.vocab, row.prompt));
    const items = samples.flatMap((xs, r) => xs.map((x) => ({ prompt: r, tokens: x.tokens })));
    const scored = scoreBatch(reference, prompts, items);
    let k = 0;
    return samples.map((xs) => xs.map(() => sum(scored[k++])));
  }
  return rows.map((row, r) =>
    samples[r].map((x) => tokensLogprob(reference, row.prompt, x.tokens))
  );
}

/**
 * The files and summary of a sample run, as text (pure). With `refLogprobs` (one per sample),
 * the packs and tokens.jsonl carry `logprob` and `ref_logprob`.
 */
export function sampleRunFiles(
  policy: Policy,
  rows: readonly PromptRow[],
  samples: readonly SampledCompletion[][],
  s: SampleSettings,
  datasetName: string,
  refLogprobs: readonly (readonly number[])[] | null = null,
): { files: Map<string, string>; summary: SampleSummary } {
  const meta = samplingMeta(policy, s);
  const { n: _n, ...meta0 } = meta;
  const pack: string[] = [], first: string[] = [], tokens: string[] = [];
  let stop = 0, length = 0, tokenCount = 0, pass0 = 0;
  const withRef = (r: number, i: number) => {
    const x = samples[r][i];
    return refLogprobs === null
      ? x.text
      : { completion: x.text, logprob: x.logprob, ref_logprob: refLogprobs[r][i] };
  };
  rows.forEach((row, r) => {
    pack.push(JSON.stringify({ id: row.id, samples: samples[r].map((_, i) => withRef(r, i)) }));
    const zero = withRef(r, 0);
    first.push(
      JSON.stringify({ id: row.id, ...(typeof zero === "string" ? { completion: zero } : zero) }),
    );
    pass0 += score(row, samples[r][0].text).reward;
    samples[r].forEach((x, i) => {
      if (x.finish_reason === "stop") stop++;
      else length++;
      tokenCount += x.tokens.length;
      tokens.push(JSON.stringify({
        id: row.id,
        sample: i,
        token_ids: x.token_ids,
        tokens: x.tokens.map((t) => t === 0 ? "<|end|>" : policy.vocab.texts[t]),
        logprobs: x.logprobs,
        logprob: x.logprob,
        ...(refLogprobs === null ? {} : { ref_logprob: refLogprobs[r][i] }),
        finish_reason: x.finish_reason,
      }));
    });
  });
  const total = rows.length * s.n;
  const summary: SampleSummary = {
    policy: policy.name,
    checkpoint: policy.sha256,
    dataset: datasetName,
    prompts: rows.length,
    completions: total,
    stop,
    length,
    mean_tokens: total === 0 ? 0 : tokenCount / total,
    strict_sample0: rows.length === 0 ? 0 : pass0 / rows.length,
  };
  if (refLogprobs !== null && rows.length > 0) { // mean over prompts of each prompt's mean
    let sum = 0;
    rows.forEach((_, r) => {
      let k = 0;
      samples[r].forEach((x, i) => k += x.logprob - refLogprobs[r][i]);
      sum += k / samples[r].length;
    });
    summary.kl_to_reference = sum / rows.length;
  }
  const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
  const files = new Map<string, string>([
    ["samples.jsonl", pack.join("\n") + "\n"],
    ["samples.meta.json", json(meta)],
    ["completions.jsonl", first.join("\n") + "\n"],
    ["completions.meta.json", json(meta0)],
    ["tokens.jsonl", tokens.join("\n") + "\n"],
    ["summary.json", json(summary)],
    ["summary.md", sampleMarkdown(summary, s)],
  ]);
  return { files, summary };
}

/** What a sample run needs: the policy, the dataset, the settings (and a reference), the run. */
export interface SampleRunConfig extends RunOptions {
  policy: Policy;
  /** A reference checkpoint of the same vocabulary: every sample gets its `ref_logprob`. */
  reference?: Policy;
  dataset: string;
  settings: SampleSettings;
}

/** Samples a dataset and writes the run atomically (see the module doc). */
export async function runSample(
  cfg: SampleRunConfig,
): Promise<{ runPath: string; summary: SampleSummary }> {
  const outdir = await runFolder(cfg, "sample");
  const w = runWriting(cfg, "runSample()");
  await assertRunSlotFree(outdir, w.force);
  const { rows, info, promptsFingerprint } = await readPromptRows(cfg.dataset);
  const samples = fastShape(cfg.policy.params.cfg) // a large call takes the second core too
    ? await sampleParallel(cfg.policy, jobsOf(cfg.policy, rows), cfg.settings)
    : sampleRows(cfg.policy, rows, cfg.settings);
  const ref = cfg.reference === undefined
    ? null
    : referenceLogprobs(cfg.policy, cfg.reference, rows, samples);
  const { files, summary } = sampleRunFiles(
    cfg.policy,
    rows,
    samples,
    cfg.settings,
    cfg.dataset,
    ref,
  );
  const identity = (p: Policy) => ({ path: p.path, sha256: p.sha256, name: p.name });
  const { path } = await writeRun(outdir, {
    header: { kind: "sample", command: w.command, args: w.args, seed: cfg.settings.seed },
    settings: {
      checkpoint: identity(cfg.policy),
      reference: cfg.reference === undefined ? null : identity(cfg.reference),
      dataset: info,
      dataset_fingerprint: info.sha256,
      prompts_fingerprint: promptsFingerprint,
      sampling: samplingMeta(cfg.policy, cfg.settings),
    },
    files: [...files].map(([name, content]) => ({ name, content })),
  }, { force: w.force });
  return { runPath: path, summary };
}
