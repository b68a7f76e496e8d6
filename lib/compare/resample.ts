/**
 * Re-deriving a run's completions from the policy it claims. The course's sampler is
 * deterministic: sample `i` of example `id` under a checkpoint, a seed and decoding settings is
 * one fixed completion (lib/policy/sampler.ts, stream key = the example's id, as `deno task
 * sample` draws it). So a run whose settings name a checkpoint found here can be checked row by
 * row: its completions (for best-of-N, samples 0 … chosen), and the log-probabilities it records
 * (in `results.jsonl`, and in `tokens.jsonl` beside its input when that file is there) must be
 * the ones the sampler gives. All rows are re-sampled when that is at most
 * {@link RESAMPLE_BUDGET} samples, else a seeded sample of rows (the same rows on every run of
 * the gate), and the count is stated.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rowsToCheck } from "./resample.ts";
 * assertEquals(rowsToCheck(5, 10, 1), [0, 1, 2, 3, 4]);
 * assertEquals(rowsToCheck(1000, 4, 1).length, 4);
 * ```
 * @module
 */
import { forEachJsonl } from "../core/jsonl.ts";
import { makeRng } from "../core/prng.ts";
import { readPromptRows } from "../measure/prompts.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { type SampledCompletion, samplePrompts } from "../policy/sampler.ts";
import { encodeText } from "../policy/vocab.ts";
import type { ResultRows } from "./result_rows.ts";

/** The most samples re-drawn for one run (about 0.3 s on the course's machine). */
export const RESAMPLE_BUDGET = 480;

/** What re-sampling found. */
export interface Resampled {
  /** Rows re-sampled, and rows in the run. */
  checked: number;
  total: number;
  /** Rows whose completion (or recorded log-probability) is not the sampler's. */
  differ: number;
  /** The first such row's id. */
  first: string | null;
  /** Rows of `tokens.jsonl` compared, and those whose tokens or log-probabilities differ. */
  tokensChecked: number;
  tokensDiffer: number;
}

/**
 * The row indices to re-sample: all `n` when `n` rows fit the budget of `budgetRows`, else a
 * seeded sample of `budgetRows` of them, ascending.
 */
export function rowsToCheck(n: number, budgetRows: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= budgetRows) return all;
  const rng = makeRng(seed);
  for (let i = 0; i < budgetRows; i++) { // a partial Fisher–Yates shuffle
    const j = i + rng.int(n - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, budgetRows).sort((a, b) => a - b);
}

const SETTINGS = ["temperature", "top_p", "top_k", "max_tokens", "seed"] as const;

/**
 * Re-samples the rows of a run from the checkpoint it claims (see the module doc).
 *
 * @param c `checkpoint`: the header found here; `dataset`: the run's dataset (its prompts);
 *   `settings`: the run's sampling settings; `kind`: eval or select; `tokens`: a `tokens.jsonl`
 *   to check, or null; `seed`: the seed of the row sample
 * @returns what it found, or a problem in words when the claim cannot be re-derived
 */
export async function resampleRun(
  rows: ResultRows,
  c: {
    checkpoint: string;
    dataset: string;
    settings: Record<string, unknown>;
    kind: "eval" | "select";
    tokens: string | null;
    seed: number;
  },
): Promise<Resampled | { problem: string }> {
  const missing = SETTINGS.filter((k) => typeof c.settings[k] !== "number");
  if (missing.length > 0) {
    return {
      problem: `its sampling settings lack ${missing.join(", ")}, so no sampler can re-make them`,
    };
  }
  const n = 1 + Math.max(0, ...rows.chosen.map((x) => x ?? 0));
  const opts = { ...Object.fromEntries(SETTINGS.map((k) => [k, c.settings[k] as number])), n } as
    & Record<(typeof SETTINGS)[number], number>
    & { n: number };
  let policy, prompts: Map<string, string>;
  try {
    policy = await loadCheckpoint(c.checkpoint);
    prompts = new Map((await readPromptRows(c.dataset)).rows.map((r) => [r.id, r.prompt]));
  } catch (e) {
    return { problem: (e as Error).message.split("\n")[0] };
  }
  const budgetRows = Math.max(1, Math.floor(RESAMPLE_BUDGET / n));
  const picked = rowsToCheck(rows.ids.length, budgetRows, c.seed);
  // The engine `deno task sample` draws with (the sampler's default): the same bits per stream.
  const jobs = picked.flatMap((k) => {
    const prompt = prompts.get(rows.ids[k]);
    return prompt === undefined
      ? []
      : [{ ids: encodeText(policy.vocab, prompt), key: rows.ids[k] }];
  });
  const redrawn = new Map(samplePrompts(policy, jobs, opts).map((s, j) => [jobs[j].key, s]));
  const drawn = new Map<string, SampledCompletion>(); // sample 0 of each checked row, for tokens
  let differ = 0, first: string | null = null;
  for (const k of picked) {
    const id = rows.ids[k], samples = redrawn.get(id);
    const upTo = c.kind === "eval" ? 0 : rows.chosen[k];
    let ok = samples !== undefined && upTo !== null;
    if (ok) {
      drawn.set(id, samples![0]);
      ok = samples![upTo!].text === rows.completions[k] &&
        (rows.first[k] === null || samples![0].text === rows.first[k]) &&
        (rows.logprobs[k] === null || samples![upTo!].logprob === rows.logprobs[k]);
    }
    if (!ok && differ++ === 0) first = id;
  }
  const out = {
    checked: picked.length,
    total: rows.ids.length,
    differ,
    first,
    tokensChecked: 0,
    tokensDiffer: 0,
  };
  if (c.tokens !== null) await checkTokens(c.tokens, drawn, out);
  return out;
}

/** Compares `tokens.jsonl`'s sample-0 rows of the re-drawn ids with what the sampler gave. */
async function checkTokens(
  path: string,
  drawn: Map<string, SampledCompletion>,
  out: Resampled,
): Promise<void> {
  const same = (a: unknown, b: readonly number[]) =>
    Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  await forEachJsonl(path, (value) => {
    const row = value as Record<string, unknown> | null;
    const s = typeof row?.id === "string" && row.sample === 0 ? drawn.get(row.id) : undefined;
    if (s === undefined) return;
    out.tokensChecked++;
    if (!same(row!.token_ids, s.token_ids) || !same(row!.logprobs, s.logprobs)) out.tokensDiffer++;
  }).catch(() => {
    out.tokensDiffer++; // present but unreadable: it cannot be the sampler's
  });
}
