/**
 * A policy's strict pass rates on the small environment, per template (reads nothing; samples):
 * for each template, the prompts, the unbiased pass@1 and pass@n from `n` samples per prompt at
 * `temperature`, with the same streams `deno task sample` uses (so the overall row equals
 * `sample` + `select` with the same settings).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { templateRows } from "./small_report.ts";
 * const rows = templateRows([{ template: "zero", correct: 2 }, { template: "zero", correct: 0 }], 2);
 * assertEquals(rows, [
 *   { template: "all", prompts: 2, pass_at_1: 0.5, pass_at_n: 0.5 },
 *   { template: "zero", prompts: 2, pass_at_1: 0.5, pass_at_n: 0.5 },
 * ]);
 * ```
 * @module
 */
import { score } from "../instrument/scorer.ts";
import { samplePrompts, type SamplerPolicy, samplingOptions } from "../policy/sampler.ts";
import { encodeText } from "../policy/vocab.ts";
import { templateOf } from "./small.ts";

/** One row of the report. */
export interface TemplateRow {
  template: string;
  prompts: number;
  /** Mean over prompts of c / n (the unbiased pass@1). */
  pass_at_1: number;
  /** Share of prompts with at least one pass among n. */
  pass_at_n: number;
}

/** The report from per-prompt pass counts out of `n`: all prompts first, then by template. */
export function templateRows(
  counts: readonly { template: string; correct: number }[],
  n: number,
): TemplateRow[] {
  const row = (template: string, xs: readonly { correct: number }[]): TemplateRow => ({
    template,
    prompts: xs.length,
    pass_at_1: xs.reduce((a, x) => a + x.correct / n, 0) / Math.max(1, xs.length),
    pass_at_n: xs.filter((x) => x.correct > 0).length / Math.max(1, xs.length),
  });
  const names = [...new Set(counts.map((c) => c.template))].sort();
  return [row("all", counts), ...names.map((t) => row(t, counts.filter((c) => c.template === t)))];
}

/** Samples `n` completions per prompt and reports strict pass rates per template. */
export function templateReport(
  policy: SamplerPolicy,
  rows: readonly { id: string; prompt: string; expected_answer: unknown }[],
  opts: { n: number; seed: number; temperature?: number; maxTokens?: number },
): TemplateRow[] {
  const s = samplingOptions({
    n: opts.n,
    temperature: opts.temperature ?? 1,
    max_tokens: opts.maxTokens ?? 48,
    seed: opts.seed,
  });
  const jobs = rows.map((r) => ({ ids: encodeText(policy.vocab, r.prompt), key: r.id }));
  const drawn = samplePrompts(policy, jobs, s);
  const counts = rows.map((r, j) => ({
    template: templateOf(r.prompt) ?? "other",
    correct: drawn[j].reduce((c, x) => c + score(r, x.text).reward, 0),
  }));
  return templateRows(counts, s.n);
}
