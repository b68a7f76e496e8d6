/**
 * `deno task rl:lessons` as a library (reads checkpoints and a dataset; writes a run, or the
 * shipped counts): samples `n` completions of every prompt from each policy, counts the strict
 * passes and the answer-only passes (lib/learn/answer_only.ts) per prompt, and measures the
 * lessons of lib/learn/passk_lessons.ts for every recipe: the trained policies whose headers
 * record the same RL settings but the seed are the seeds of one recipe, compared together with
 * the base.
 *
 * Sample `i` of prompt `id` is `deno task sample`'s sample `i` with the same settings (the
 * stream is keyed by the prompt's id, the seed and `i`), so any count can be re-made by hand.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { recipeOf } from "./rl_lessons.ts";
 * assertEquals(recipeOf({ kind: "sft" }), null);
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import type { PromptRow } from "../measure/prompts.ts";
import { score } from "../instrument/scorer.ts";
import type { Policy } from "../policy/checkpoint.ts";
import { answerOnly } from "../learn/answer_only.ts";
import {
  type Comparison,
  coverage,
  formatVsAnswer,
  type PromptCounts,
  selectionVsLearningCI,
  templateGains,
  templatePassRates,
} from "../learn/passk_lessons.ts";
import { parseSmall } from "../datagen/small_wordings.ts";
import type { LessonsSummary } from "../present/rl_lessons_story.ts";
import { RL_DEFAULTS, type RlConfig } from "../learn/rl.ts";
import { recordedRun } from "./rl_check.ts";
import { sampleRows, type SampleSettings } from "./sample.ts";
import { fastShape } from "../policy/kernels.ts";
import { sampleParallel } from "../policy/parallel_sampler.ts";
import { encodeText } from "../policy/vocab.ts";

/** How the counts are sampled. */
export interface CountSettings {
  n: number;
  seed: number;
  temperature: number;
  maxTokens: number;
}

/** The defaults of `deno task rl:lessons`: 512 samples per prompt, seed 1, temperature 1. */
export const LESSONS_DEFAULTS: CountSettings = { n: 512, seed: 1, temperature: 1, maxTokens: 48 };

/** A policy under its short name (the counts' key, e.g. `rl_strict_seed1`). */
export interface NamedPolicy {
  name: string;
  policy: Policy;
}

/**
 * The recipe of an RL checkpoint, from its header: the rubric and every recorded setting that
 * differs from `deno task rl`'s defaults but the seed (`strict`, `strict, lr 0.005`), or null
 * for a checkpoint that records no RL run (a base).
 */
export function recipeOf(training: Record<string, unknown>): string | null {
  const rec = recordedRun(training);
  if (rec === null) return null;
  const changed = (Object.keys(RL_DEFAULTS) as (keyof RlConfig)[])
    .filter((k) => k !== "seed" && k !== "rubric" && rec.cfg[k] !== RL_DEFAULTS[k])
    .map((k) => `${k} ${rec.cfg[k]}`);
  return [rec.cfg.rubric, ...changed].join(", ");
}

/**
 * Strict and answer-only passes of every prompt under every policy, `n` samples each, in the
 * order of `rows`, drawn as `deno task sample` draws them (on two threads when the fast engine
 * runs the policy: the same bits as one). `onPrompts` sees progress (prompts counted so far).
 */
export async function countPasses(
  policies: readonly NamedPolicy[],
  rows: readonly PromptRow[],
  s: CountSettings,
  onPrompts?: (policy: string, done: number) => void,
): Promise<PromptCounts[]> {
  const settings: SampleSettings = {
    n: s.n,
    temperature: s.temperature,
    top_p: 1,
    top_k: 0,
    max_tokens: s.maxTokens,
    seed: s.seed,
  };
  const out: PromptCounts[] = rows.map((r) => {
    const parsed = parseSmall(r.prompt);
    return {
      id: r.id,
      template: parsed?.template ?? "other",
      fact: parsed?.fact ?? r.id,
      strict: {},
      answer: {},
    };
  });
  const CHUNK = 125; // prompts sampled at once: bounds the completions held in memory
  for (const { name, policy } of policies) {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const jobs = chunk.map((r) => ({ ids: encodeText(policy.vocab, r.prompt), key: r.id }));
      const sampled = fastShape(policy.params.cfg)
        ? await sampleParallel(policy, jobs, settings)
        : sampleRows(policy, chunk, settings);
      sampled.forEach((samples, j) => {
        const row = chunk[j], counts = out[start + j];
        counts.strict[name] = samples.filter((x) => score(row, x.text).reward === 1).length;
        counts.answer[name] = samples.filter((x) => answerOnly(row, x.text)).length;
      });
      onPrompts?.(name, Math.min(rows.length, start + CHUNK));
    }
  }
  return out;
}

/**
 * The trained policies grouped by recipe (in the order given), and the base's name.
 *
 * @throws InputError without a base, or for a trained policy whose parent is not that base
 */
export function recipes(
  policies: readonly NamedPolicy[],
): { base: string; recipes: { recipe: string; policies: string[] }[] } {
  const base = policies.find((p) => recipeOf(p.policy.header.training) === null);
  if (base === undefined) {
    throw new InputError(
      null,
      null,
      "rl:lessons needs a base: a checkpoint that records no RL run",
    );
  }
  const groups = new Map<string, string[]>();
  for (const p of policies) {
    const r = recipeOf(p.policy.header.training);
    if (r === null) continue;
    if (recordedRun(p.policy.header.training)!.parent.sha256 !== base.policy.sha256) {
      throw new InputError(p.policy.path, null, `was not trained from ${base.policy.path}`);
    }
    groups.set(r, [...(groups.get(r) ?? []), p.name]);
  }
  return {
    base: base.name,
    recipes: [...groups].map(([recipe, names]) => ({ recipe, policies: names })),
  };
}

/** The k at which pass@k is reported: 1, 2, 4, … up to n (and n). */
export function reportedKs(n: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k < n; k *= 2) ks.push(k);
  return [...ks, n];
}

/** Every lesson of every recipe from the counts (lib/learn/passk_lessons.ts). */
export function lessonsOf(
  rows: readonly PromptCounts[],
  n: number,
  grouping: { base: string; recipes: { recipe: string; policies: string[] }[] },
): LessonsSummary {
  return {
    n,
    prompts: rows.length,
    facts: new Set(rows.map((r) => r.fact)).size,
    base: grouping.base,
    policies: Object.keys(rows[0]?.strict ?? {}).map((name) => ({ // every policy counted
      name,
      templates: templatePassRates(rows, n, name),
    })),
    recipes: grouping.recipes.map(({ recipe, policies }) => {
      const cmp: Comparison = { n, base: grouping.base, trained: policies };
      return {
        recipe,
        policies,
        selection: selectionVsLearningCI(rows, cmp, reportedKs(n)),
        coverage: policies.map((p) => {
          const c = coverage(rows, grouping.base, p);
          return {
            policy: p,
            lost: c.lost.length,
            gained: c.gained.length,
            lostByTemplate: c.lostByTemplate,
          };
        }),
        parts: formatVsAnswer(rows, cmp),
        templates: templateGains(rows, cmp),
      };
    }),
  };
}
