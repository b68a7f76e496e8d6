/**
 * The generator of the shipped base policy, `data/policy/base.json` (+ `base.weights.f32`):
 * the supervised warm start of lib/policy/sft.ts on the weak-model corpus of
 * lib/datagen/corpus.ts, whose prompts come from the small environment (lib/datagen/small.ts).
 * Its settings are recorded in the checkpoint's header (`training`), so `deno task sft --check`
 * re-makes it from the header alone and compares.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { BASE_SETTINGS, baseCorpus } from "./base_policy.ts";
 * const rows = baseCorpus({ ...BASE_SETTINGS.corpus, size: 3 });
 * assertEquals(rows.map((r) => r.id), ["sft-000001", "sft-000002", "sft-000003"]);
 * ```
 * @module
 */
import { type CorpusRow, makeCorpus, WEAK_MIX } from "./corpus.ts";
import type { GruParams } from "../policy/gru.ts";
import { samplePrompts, samplingOptions } from "../policy/sampler.ts";
import {
  corpusFingerprint,
  encodeCorpus,
  type EncodedRow,
  SFT_DEFAULTS,
  type SftConfig,
  type SftPoint,
  trainSft,
} from "../policy/sft.ts";
import { buildVocab, encodeText, type Vocab } from "../policy/vocab.ts";
import { corpusPrompts, SMALL_TEMPLATES } from "./small.ts";

/** How a base policy is made: its name, its corpus and its training settings. */
export interface BaseSettings {
  name: string;
  corpus: { size: number; seed: number };
  sft: SftConfig;
}

/** The settings of the shipped `data/policy/base.json`. */
export const BASE_SETTINGS: BaseSettings = {
  name: "tiny-gru-base",
  corpus: { size: 40000, seed: 0 },
  sft: { ...SFT_DEFAULTS },
};

/** The settings of `deno task sft` from its flags: the shipped base's, with these changes. */
export function baseSettingsWith(
  o: { steps: number; seed: number; hidden: number; corpusSize: number },
): BaseSettings {
  return {
    ...BASE_SETTINGS,
    corpus: { size: o.corpusSize, seed: o.seed },
    sft: { ...BASE_SETTINGS.sft, steps: o.steps, seed: o.seed, hidden: o.hidden },
  };
}

/** The corpus of a base: prompts from the small templates, weak completions. */
export function baseCorpus(corpus: { size: number; seed: number }): CorpusRow[] {
  const prompts = corpusPrompts(corpus.size, corpus.seed);
  return makeCorpus(prompts, corpus.seed);
}

/** A base's corpus and vocabulary, ready to train on. */
export interface PreparedBase {
  settings: BaseSettings;
  corpus: CorpusRow[];
  vocab: Vocab;
  rows: EncodedRow[];
  corpusFingerprint: string;
  /** How many corpus rows have each form. */
  forms: Record<string, number>;
}

/** Makes a base's corpus, vocabulary and token ids (the slow part before training). */
export function prepareBase(settings: BaseSettings): PreparedBase {
  const corpus = baseCorpus(settings.corpus);
  const vocab = buildVocab(corpus.flatMap((r) => [r.prompt, r.completion]));
  const forms: Record<string, number> = {};
  for (const r of corpus) forms[r.form] = (forms[r.form] ?? 0) + 1;
  return {
    settings,
    corpus,
    vocab,
    rows: encodeCorpus(vocab, corpus),
    corpusFingerprint: corpusFingerprint(corpus),
    forms,
  };
}

/** A trained base, before it is written. */
export interface TrainedBase {
  name: string;
  params: GruParams;
  vocab: Vocab;
  curve: SftPoint[];
  /** The header's `training` block: everything needed to re-make it. */
  training: Record<string, unknown>;
}

/** Trains a prepared base (see lib/policy/sft.ts); `onLog` sees the loss curve. */
export function trainBase(prepared: PreparedBase, onLog?: (p: SftPoint) => void): TrainedBase {
  const { settings, vocab } = prepared;
  const { params, curve } = trainSft(vocab, prepared.rows, settings.sft, onLog);
  return {
    name: settings.name,
    params,
    vocab,
    curve,
    training: {
      kind: "sft",
      seed: settings.sft.seed,
      steps: settings.sft.steps,
      corpus: {
        size: settings.corpus.size,
        seed: settings.corpus.seed,
        fingerprint: prepared.corpusFingerprint,
        templates: Object.fromEntries(SMALL_TEMPLATES.map((t) => [t.name, t.weight])),
        mix: WEAK_MIX,
      },
      config: settings.sft,
      final_loss: curve[curve.length - 1]?.loss ?? null,
    },
  };
}

/**
 * The settings recorded in a checkpoint header's `training` block, or null when the header
 * does not hold a base's settings.
 */
export function settingsFromHeader(
  header: { name: string; training: Record<string, unknown> },
): BaseSettings | null {
  const t = header.training as {
    kind?: unknown;
    corpus?: { size?: unknown; seed?: unknown };
    config?: Record<string, unknown>;
  };
  if (t.kind !== "sft" || !t.corpus || !t.config) return null;
  const { size, seed } = t.corpus;
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(seed)) return null;
  const sft = { ...SFT_DEFAULTS };
  for (const key of Object.keys(SFT_DEFAULTS) as (keyof SftConfig)[]) {
    if (typeof t.config[key] !== "number") return null;
    sft[key] = t.config[key] as number;
  }
  return { name: header.name, corpus: { size: size as number, seed: seed as number }, sft };
}

/**
 * Greedy completions of every prompt under two parameter sets: how many agree (the fallback
 * comparison when float arithmetic does not reproduce weights byte for byte).
 */
export function greedyAgreement(
  a: { params: GruParams; vocab: Vocab },
  b: { params: GruParams; vocab: Vocab },
  prompts: readonly { id: string; prompt: string }[],
): { agree: number; total: number; differ: string[] } {
  const opts = samplingOptions({ n: 1, temperature: 0 });
  const greedy = (policy: typeof a) =>
    samplePrompts(
      policy,
      prompts.map((p) => ({ ids: encodeText(policy.vocab, p.prompt), key: p.id })),
      opts,
    )
      .map((xs) => xs[0].text);
  const x = greedy(a), y = greedy(b);
  const differ = prompts.filter((_, i) => x[i] !== y[i]).map((p) => p.id);
  return { agree: prompts.length - differ.length, total: prompts.length, differ };
}
