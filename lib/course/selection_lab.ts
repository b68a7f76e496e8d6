/**
 * M0.5's two looks past the averages of Loop B (reads the dataset and the pack, or samples the
 * tiny policy; writes nothing): the prompts where selection still fails, each with what its
 * samples did, and exploration as a sampling setting (how temperature changes what N samples
 * can find).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { failureKind } from "./selection_lab.ts";
 * assertEquals(failureKind(["wrong_answer", "wrong_answer"]), "every sample has the wrong number");
 * assertEquals(failureKind(["missing_prefix", "leading_zeros"]), "every sample breaks the format");
 * ```
 * @module
 */
import { visible } from "../core/visible.ts";
import { score } from "../instrument/scorer.ts";
import { loadDataset } from "../measure/dataset.ts";
import { forEachKeyedRow } from "../measure/keyed_rows.ts";
import type { RlExample } from "../learn/rl_eval.ts";
import { samplePrompts, type SamplerPolicy, samplingOptions } from "../policy/sampler.ts";
import { packSamples } from "../select/selection.ts";

/** Why no sample of a prompt passed, from the codes of its samples. */
export function failureKind(codes: readonly string[]): string {
  const wrong = codes.filter((c) => c === "wrong_answer").length;
  if (wrong === codes.length) return "every sample has the wrong number";
  if (wrong === 0) return "every sample breaks the format";
  const format = codes.length - wrong;
  return `${wrong} wrong number${wrong === 1 ? "" : "s"}, ${format} format failure${
    format === 1 ? "" : "s"
  }`;
}

/** A prompt no sample solved: its samples' codes and texts, and the kind of failure. */
export interface SelectionFailure {
  id: string;
  expected: string;
  kind: string;
  codes: string[];
  /** The samples, whitespace made visible. */
  samples: string[];
}

/**
 * The prompts of a pack that none of their first `n` samples solves, then up to `k` of them
 * chosen to differ: the one with the most wrong numbers, the one with the fewest, then the
 * others in pack order. Best-of-N can only pick among what was sampled.
 */
export async function selectionFailures(
  opts: { dataset: string; samples: string; n: number },
  k = 3,
): Promise<{ never: number; total: number; cases: SelectionFailure[] }> {
  const dataset = await loadDataset(opts.dataset);
  const all: SelectionFailure[] = [];
  let total = 0;
  await forEachKeyedRow(opts.samples, dataset, (row, i, line) => {
    total++;
    const expected = dataset.expectedAt(i);
    const samples = packSamples(row, opts.samples, line).slice(0, opts.n).map((s) => s.completion);
    const verdicts = samples.map((c) => score({ expected_answer: expected }, c));
    if (verdicts.some((v) => v.reward === 1)) return;
    const codes = verdicts.map((v) => v.details.code);
    all.push({
      id: dataset.idAt(i),
      expected: String(expected),
      kind: failureKind(codes),
      codes,
      samples: samples.map((c) => visible(c)),
    });
  });
  const wrong = (f: SelectionFailure) => f.codes.filter((c) => c === "wrong_answer").length;
  const byWrong = [...all].sort((a, b) => wrong(b) - wrong(a));
  const picked = [...new Set([byWrong[0], byWrong.at(-1), ...all])].filter((f) => f !== undefined);
  return { never: all.length, total, cases: picked.slice(0, k) };
}

/** What `n` samples per prompt at one temperature give. */
export interface ExplorationRow {
  temperature: number;
  /** Mean over prompts of the share of samples that pass (the unbiased pass@1). */
  pass_at_1: number;
  /** Share of prompts with at least one passing sample. */
  pass_at_n: number;
  /** Mean number of distinct completions per prompt, out of `n`. */
  distinct: number;
}

/**
 * Exploration as a knob: `n` samples of every example at each temperature (streams keyed as
 * `deno task sample` keys them, so each row is what `sample --temperature T` would write).
 */
export function explorationRows(
  policy: SamplerPolicy,
  examples: readonly RlExample[],
  temperatures: readonly number[],
  opts: { n: number; seed: number },
): ExplorationRow[] {
  return temperatures.map((temperature) => {
    const s = samplingOptions({ n: opts.n, temperature, max_tokens: 48, seed: opts.seed });
    let p1 = 0, pn = 0, distinct = 0;
    const drawn = samplePrompts(policy, examples.map((ex) => ({ ids: ex.ids, key: ex.id })), s);
    for (const [j, ex] of examples.entries()) {
      const texts = drawn[j].map((c) => c.text);
      const passes = texts.filter((t) => score(ex, t).reward === 1).length;
      p1 += passes / opts.n;
      pn += passes > 0 ? 1 : 0;
      distinct += new Set(texts).size;
    }
    const m = Math.max(1, examples.length);
    return { temperature, pass_at_1: p1 / m, pass_at_n: pn / m, distinct: distinct / m };
  });
}
