/**
 * Loop B, selection: spend sampling compute to pick a better output, without changing the policy.
 *
 * For every prompt a pack holds several samples from the same policy (sample 0 is the frozen
 * rollout). Best-of-N scores the first N and keeps the best by {@link pickBest}; pass@1 (sample
 * 0) and pass@N (the chosen sample) are compared, and the unbiased pass@k curve over all samples
 * is set beside the naive one (see `passk.ts`). The run is written like an eval's: atomically,
 * streamed, with `manifest.json` (kind `"select"`, `selection_n` = N, the pack's sampling
 * settings), `results.jsonl` (one line per prompt, in pack order, byte-identical for the same
 * inputs and N), `summary.json`, `summary.md` and, on request, `pass_at_k.svg`.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { runSelect } from "./selection.ts";
 * import { dataPath } from "../core/paths.ts";
 * const out = `${await Deno.makeTempDir()}/run`;
 * const { summary } = await runSelect({
 *   dataset: dataPath("datasets/math_dev.jsonl"),
 *   samples: dataPath("rollouts/selection_pack_dev.jsonl"),
 *   n: 4, outdir: out, force: false, plot: false, args: [],
 * });
 * assert(summary.pass_at_n > summary.pass_at_1);
 * ```
 * @module
 */
import { openRun } from "../core/run_dir.ts";
import { asObject, loadDataset, loadSamplingSettings, requireId } from "../measure/dataset.ts";
import { InputError } from "../core/errors.ts";
import { forEachJsonl, type JsonlWriter } from "../core/jsonl.ts";
import { type MeasurementManifest, measurementManifest } from "../core/manifest.ts";
import { passAtKCurve, type PassAtKPoint } from "./passk.ts";
import { passAtKChart } from "../present/course_charts.ts";
import { renderSvg } from "../present/charts.ts";
import { score, type ScoreCode } from "../instrument/scorer.ts";
import type { ScoreFn } from "../instrument/rubrics.ts";
import { wilson } from "../core/stats.ts";
import { pct } from "../present/format.ts";

/** One sample of a pack: the completion, and the log-probabilities when the pack has them. */
export interface Sample {
  completion: string;
  /** log π(completion | prompt) under the sampling policy, if recorded. */
  logprob?: number;
  /** log π_ref(completion | prompt) under a reference policy, if recorded. */
  ref_logprob?: number;
}

/** What the selection rule sees of an example. */
export interface SelectExample {
  id: string;
  expected_answer: number | string;
}

/** The tie-break, stated in every output. */
export const TIE_BREAK = "first index among the highest reward";

function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}

/**
 * Validates the `samples` field of one pack record: a non-empty array whose items are strings or
 * objects `{completion, logprob?, ref_logprob?}` (log-probabilities are finite numbers).
 *
 * @throws InputError naming `path:line` and the offending sample index
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { packSamples } from "./selection.ts";
 * const s = packSamples({ samples: ["Final: 1", { completion: "Final: 2", logprob: -3.5 }] }, "p.jsonl", 1);
 * assertEquals(s[1], { completion: "Final: 2", logprob: -3.5 });
 * ```
 */
export function packSamples(row: Record<string, unknown>, path: string, line: number): Sample[] {
  if (!("samples" in row)) throw new InputError(path, line, "missing field 'samples'");
  const raw = row.samples;
  if (!Array.isArray(raw)) {
    throw new InputError(
      path,
      line,
      `field 'samples' must be an array, got ${describeType(raw)}`,
    );
  }
  if (raw.length === 0) throw new InputError(path, line, "field 'samples' is an empty array");
  return raw.map((s, j): Sample => {
    if (typeof s === "string") return { completion: s };
    const where = `samples[${j}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) {
      throw new InputError(
        path,
        line,
        `${where} must be a string or an object {completion, logprob?, ref_logprob?}, got ${
          describeType(s)
        }`,
      );
    }
    const o = s as Record<string, unknown>;
    if (typeof o.completion !== "string") {
      throw new InputError(
        path,
        line,
        `${where}.completion must be a string, got ${describeType(o.completion)}`,
      );
    }
    const sample: Sample = { completion: o.completion };
    for (const key of ["logprob", "ref_logprob"] as const) {
      if (!(key in o)) continue;
      const v = o[key];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new InputError(path, line, `${where}.${key} must be a finite number`);
      }
      sample[key] = v;
    }
    return sample;
  });
}

// ---------------------------------------------------------------------------------------------
// THE SELECTION RULE. Replace this function to try another rule (shortest completion, highest
// logprob, a learned verifier…); everything else — pass@N, the run, the gate — stays the same.
// ---------------------------------------------------------------------------------------------
/**
 * Best-of-N: scores each sample and returns the index and reward of the best one. Ties go to the
 * first index among the highest reward, so the choice is deterministic and, when sample 0 is
 * already correct, selection keeps it.
 *
 * @param example the example (what the scorer needs)
 * @param samples the candidates (the first N of a pack; non-empty)
 * @param scoreFn the instrument, `score(example, completion)`
 * @returns `{ index, reward }` of the chosen sample
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { pickBest } from "./selection.ts";
 * import { score } from "../instrument/scorer.ts";
 * const ex = { id: "q", expected_answer: 7 };
 * const samples = [{ completion: "Final: 6" }, { completion: "Final: 7" }, { completion: "Final: 7" }];
 * assertEquals(pickBest(ex, samples, score), { index: 1, reward: 1 });
 * ```
 */
export function pickBest(
  example: SelectExample,
  samples: readonly Sample[],
  scoreFn: ScoreFn,
): { index: number; reward: number } {
  let index = 0, reward = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const r = scoreFn(example, samples[i].completion).reward;
    if (r > reward) [index, reward] = [i, r]; // strict >: a tie keeps the earlier index
  }
  return { index, reward };
}

/** One line of a selection run's `results.jsonl` (one prompt). */
export interface SelectRow {
  id: string;
  /** Reward of the chosen sample (pass@N for this prompt); the gate reads this field. */
  reward: 0 | 1;
  /** Index of the chosen sample among the first N. */
  chosen: number;
  /** Reward of sample 0 (pass@1 for this prompt). */
  reward_first: 0 | 1;
  /** Sample 0 failed and the chosen sample passed. */
  rescued: boolean;
  /** Reward of every sample of the pack (all of them, not only the first N): pass@k uses these. */
  rewards: (0 | 1)[];
  /** The scorer's code, answer, expected answer and message for the chosen sample. */
  code: ScoreCode;
  answer: string | null;
  expected: string | null;
  message: string;
  /** The chosen completion. */
  completion: string;
}

/** `summary.json` of a selection run. */
export interface SelectSummary {
  kind: "select";
  /** Selection N: samples considered per prompt (best-of-N). */
  n: number;
  /** Prompts (dataset examples). */
  n_prompts: number;
  /** Smallest number of samples any prompt has (pass@k is reported up to it). */
  samples_per_prompt: number;
  tie_break: string;
  passes_at_1: number;
  passes_at_n: number;
  /** Share of prompts whose sample 0 passes. */
  pass_at_1: number;
  /** Share of prompts whose chosen sample passes. */
  pass_at_n: number;
  /** 95% Wilson intervals of pass@1 and pass@N. */
  ci95_at_1: [number, number];
  ci95_at_n: [number, number];
  /** Prompts whose sample 0 failed but whose chosen sample passed. */
  rescued: number;
  /** Prompts whose sample 0 passed but whose chosen sample failed (0 under best-of-N). */
  lost: number;
  /** Mean over prompts of the per-sample pass rate cᵢ/nᵢ (the p̂ of the naive curve). */
  mean_sample_pass_rate: number;
  /** Prompts with no correct sample at all, and with every sample correct. */
  never_solved: number;
  always_solved: number;
  /** Variance over prompts of the per-prompt pass rate cᵢ/nᵢ. */
  rate_variance: number;
  /**
   * The same variance if every prompt were solved independently with one rate p̂: mean of
   * p̂(1 − p̂)/nᵢ. Larger observed variance (prompts differ) puts the naive curve above the
   * unbiased one; smaller (successes spread evenly) puts it below.
   */
  rate_variance_if_one_p: number;
  /** Unbiased pass@k, k = "1" … samples_per_prompt, averaged over prompts. */
  pass_at_k: Record<string, number>;
  /** The naive curve 1 − (1 − p̂)^k at the same k. */
  pass_at_k_naive: Record<string, number>;
  /** How often each index was chosen. */
  chosen_index_counts: Record<string, number>;
}

/** What a selection run needs. */
export interface SelectConfig {
  dataset: string;
  samples: string;
  /** Best-of-N (N ≥ 1); every prompt needs at least N samples. */
  n: number;
  outdir: string;
  force: boolean;
  /** Also write `pass_at_k.svg`. */
  plot: boolean;
  /** The command-line arguments, recorded in the manifest. */
  args: string[];
  /** How the run was invoked, for the manifest (default: a library call from code). */
  command?: string;
}

/**
 * Runs best-of-N selection: validates and streams the pack, scores every sample, picks with
 * {@link pickBest}, and writes the run atomically.
 *
 * @returns the final run path, the summary and the pass@k curve
 * @throws InputError on any bad input — a malformed record, an unknown or duplicate id, a sample
 *   list shorter than N (never padded), a dataset example without samples — naming `path:line`;
 *   nothing is left on disk
 */
export async function runSelect(
  cfg: SelectConfig,
): Promise<
  { runPath: string; summary: SelectSummary; curve: PassAtKPoint[]; manifest: MeasurementManifest }
> {
  if (!Number.isInteger(cfg.n) || cfg.n < 1) {
    throw new InputError(null, null, `--n must be an integer >= 1, got ${cfg.n}`);
  }
  const dataset = await loadDataset(cfg.dataset);
  const sampling = await loadSamplingSettings(cfg.samples);
  const run = await openRun(cfg.outdir, { force: cfg.force });
  let out: JsonlWriter | null = null;
  try {
    out = await run.jsonl("results.jsonl");
    const m = dataset.size;
    const seenAt = new Int32Array(m); // example index → line of its sample list (0: none)
    const nOf = new Int32Array(m), cOf = new Int32Array(m); // (prompts,) samples and correct
    const chosenCounts = new Array<number>(cfg.n).fill(0);
    let passes1 = 0, passesN = 0, rescued = 0, lost = 0;
    const samplesInfo = await forEachJsonl(cfg.samples, (value, line) => {
      const row = asObject(value, cfg.samples, line);
      const id = requireId(row, cfg.samples, line);
      const i = dataset.indexOf(id);
      if (i < 0) {
        throw new InputError(
          cfg.samples,
          line,
          `id ${JSON.stringify(id)} is not in the dataset ${cfg.dataset}`,
        );
      }
      if (seenAt[i] !== 0) {
        throw new InputError(
          cfg.samples,
          line,
          `duplicate id ${JSON.stringify(id)} (first at line ${seenAt[i]})`,
        );
      }
      seenAt[i] = line;
      const samples = packSamples(row, cfg.samples, line);
      if (samples.length < cfg.n) {
        throw new InputError(
          cfg.samples,
          line,
          `id ${JSON.stringify(id)} has ${samples.length} sample(s), fewer than --n ${cfg.n} ` +
            "(a short list is not padded; lower --n or complete the pack)",
        );
      }
      const example: SelectExample = { id, expected_answer: dataset.expected[i] };
      const scored = samples.map((s) => score(example, s.completion)); // (n_samples,)
      const rewards = scored.map((r) => r.reward);
      const { index } = pickBest(example, samples.slice(0, cfg.n), score);
      const chosen = scored[index];
      const first = rewards[0];
      nOf[i] = samples.length;
      cOf[i] = rewards.reduce((a: number, r) => a + r, 0);
      passes1 += first;
      passesN += chosen.reward;
      if (first === 0 && chosen.reward === 1) rescued++;
      if (first === 1 && chosen.reward === 0) lost++;
      chosenCounts[index]++;
      out!.write(
        {
          id,
          reward: chosen.reward,
          chosen: index,
          reward_first: first,
          rescued: first === 0 && chosen.reward === 1,
          rewards,
          code: chosen.details.code,
          answer: chosen.details.answer,
          expected: chosen.details.expected,
          message: chosen.details.message,
          completion: samples[index].completion,
        } satisfies SelectRow,
      );
    }, { afterChunk: () => out!.flush() });
    let missing = 0, firstMissing = -1;
    for (let i = 0; i < m; i++) {
      if (seenAt[i] !== 0) continue;
      if (missing++ === 0) firstMissing = i;
    }
    if (missing > 0) {
      throw new InputError(
        cfg.samples,
        null,
        `${missing} dataset example(s) have no sample list, the first ${
          JSON.stringify(dataset.ids[firstMissing])
        } (${cfg.dataset}:${dataset.lines[firstMissing]}); every example needs at least ${cfg.n}`,
      );
    }
    await out.close();
    out = null;

    const curve = passAtKCurve(nOf, cOf);
    let rateSum = 0, never = 0, always = 0;
    for (let i = 0; i < m; i++) {
      rateSum += cOf[i] / nOf[i];
      if (cOf[i] === 0) never++;
      if (cOf[i] === nOf[i]) always++;
    }
    const pHat = m === 0 ? 0 : rateSum / m;
    let varSum = 0, varOneP = 0;
    for (let i = 0; i < m; i++) {
      varSum += (cOf[i] / nOf[i] - pHat) ** 2;
      varOneP += pHat * (1 - pHat) / nOf[i];
    }
    const summary: SelectSummary = {
      kind: "select",
      n: cfg.n,
      n_prompts: m,
      samples_per_prompt: curve.length,
      tie_break: TIE_BREAK,
      passes_at_1: passes1,
      passes_at_n: passesN,
      pass_at_1: m === 0 ? 0 : passes1 / m,
      pass_at_n: m === 0 ? 0 : passesN / m,
      ci95_at_1: wilson(passes1, m),
      ci95_at_n: wilson(passesN, m),
      rescued,
      lost,
      mean_sample_pass_rate: pHat,
      never_solved: never,
      always_solved: always,
      rate_variance: m === 0 ? 0 : varSum / m,
      rate_variance_if_one_p: m === 0 ? 0 : varOneP / m,
      pass_at_k: Object.fromEntries(curve.map((p) => [String(p.k), p.unbiased])),
      pass_at_k_naive: Object.fromEntries(curve.map((p) => [String(p.k), p.naive])),
      chosen_index_counts: Object.fromEntries(chosenCounts.map((k, j) => [String(j), k])),
    };
    const manifest = await measurementManifest({
      kind: "select",
      dataset,
      inputs: { dataset: dataset.info, samples: samplesInfo },
      sampling,
      selectionN: cfg.n,
      command: cfg.command ?? "runSelect() (library call, e.g. from a notebook)",
      args: cfg.args,
      extra: { selection_rule: `pickBest: highest reward; ties: ${TIE_BREAK}` },
    });
    await run.writeJson("manifest.json", manifest);
    await run.writeJson("summary.json", summary);
    await run.writeText("summary.md", selectSummaryMarkdown(summary, cfg));
    if (cfg.plot) {
      const spec = passAtKChart({
        rows: curve,
        subtitle: `${m} prompts × ${summary.samples_per_prompt} samples, ${cfg.samples}`,
      });
      await run.writeText("pass_at_k.svg", await renderSvg(spec));
    }
    return { runPath: await run.commit(), summary, curve, manifest };
  } catch (e) {
    await out?.close().catch(() => {});
    await run.abort();
    throw e;
  }
}

/**
 * `summary.md`: pass@1, pass@N, the rescued prompts and the pass@k table, for people.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { selectSummaryMarkdown, type SelectSummary } from "./selection.ts";
 * const s = {
 *   kind: "select", n: 2, n_prompts: 2, samples_per_prompt: 2, tie_break: "first",
 *   passes_at_1: 1, passes_at_n: 2, pass_at_1: 0.5, pass_at_n: 1, ci95_at_1: [0.1, 0.9],
 *   ci95_at_n: [0.3, 1], rescued: 1, lost: 0, mean_sample_pass_rate: 0.5, never_solved: 0,
 *   always_solved: 0, rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 1 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 *   chosen_index_counts: { "0": 1, "1": 1 },
 * } satisfies SelectSummary;
 * const md = selectSummaryMarkdown(s, { dataset: "d.jsonl", samples: "p.jsonl" });
 * assertStringIncludes(md, "| 2 | 100.0% | 75.0% |");
 * ```
 */
export function selectSummaryMarkdown(
  s: SelectSummary,
  cfg: Pick<SelectConfig, "dataset" | "samples">,
): string {
  return [
    "# Selection (Loop B: best-of-N; the policy does not change)",
    "",
    `- dataset: \`${cfg.dataset}\``,
    `- samples: \`${cfg.samples}\``,
    `- N = ${s.n}, tie-break: ${s.tie_break}`,
    "",
    `**pass@1 (sample 0): ${s.passes_at_1}/${s.n_prompts} = ${pct(s.pass_at_1)}**  `,
    `**pass@${s.n} (chosen): ${s.passes_at_n}/${s.n_prompts} = ${pct(s.pass_at_n)}**  `,
    `Rescued by selection: ${s.rescued} prompt(s).`,
    "",
    `pass@k over all ${s.samples_per_prompt} samples per prompt (unbiased estimate, averaged ` +
    `over prompts) and the naive 1 − (1 − p̂)^k with p̂ = ${pct(s.mean_sample_pass_rate)}:`,
    "",
    "| k | unbiased | naive |",
    "| ---: | ---: | ---: |",
    ...Object.keys(s.pass_at_k).map((k) =>
      `| ${k} | ${pct(s.pass_at_k[k])} | ${pct(s.pass_at_k_naive[k])} |`
    ),
    "",
    `${s.never_solved} prompt(s) have no correct sample at all; ${s.always_solved} have only ` +
    "correct ones.",
    "",
  ].join("\n");
}
