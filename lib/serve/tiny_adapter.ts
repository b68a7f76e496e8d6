/**
 * The course's tiny language model behind the server: a checkpoint of `lib/policy/` wrapped in
 * the server's {@link CompletionPolicy} (`policy.ts`). Sampling is the same as `deno task
 * sample`'s (`sampleCompletions`, each sample from its own seeded stream); the choice's tokens are
 * the policy's own actions as text (the end token left out), with their log-probabilities.
 *
 * The served model's name is `<checkpoint file name>-<first 12 hex of its SHA-256>` (for
 * `data/policy/base.json`: `base-1a2b3c4d5e6f`), so two checkpoints never share a name and the
 * gate sees a different model as a different policy.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { modelIdFor } from "./tiny_adapter.ts";
 * assertEquals(modelIdFor("data/policy/base.json", "1a2b3c4d5e6f7890"), "base-1a2b3c4d5e6f");
 * ```
 * @module
 */
import { basename } from "node:path";
import { dataPath } from "../core/paths.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { sampleCompletions, type SampledCompletion } from "../policy/sampler.ts";
import { encodeText, encodeTextUpTo, END, type Vocab } from "../policy/vocab.ts";
import { STAND_IN } from "./stand_in.ts";
import type { Completion, CompletionChoice, CompletionPolicy } from "./policy.ts";
import type { CompletionSettings } from "./policy.ts";

/** The most tokens the tiny model writes per completion (its sampler's cap). */
export const TINY_MAX_TOKENS = 48;

/** The served model name of a checkpoint: its file name and the start of its SHA-256. */
export function modelIdFor(path: string, sha256: string): string {
  return `${basename(path).replace(/\.json$/, "")}-${sha256.slice(0, 12)}`;
}

/**
 * One sampled completion as a {@link CompletionChoice}: its text, each action's text and
 * log-probability (the end token, which has no text, left out), and why it ended.
 */
export function toCompletion(sample: SampledCompletion, vocab: Vocab): CompletionChoice {
  const tokens: string[] = [];
  const logprobs: number[] = [];
  sample.tokens.forEach((t, i) => {
    if (t === END) return;
    tokens.push(vocab.texts[t]);
    logprobs.push(sample.logprobs[i]);
  });
  return { text: sample.text, tokens, logprobs, finish_reason: sample.finish_reason };
}

/**
 * Loads a checkpoint of the tiny model as a {@link CompletionPolicy}.
 *
 * @throws InputError naming the checkpoint when it is missing, truncated or not a checkpoint
 */
export async function loadTinyPolicy(path: string): Promise<CompletionPolicy> {
  const model = await loadCheckpoint(path); // bounded: regular files only, sized by the header
  const sha256 = model.sha256;
  encodeText(model.vocab, "\u00a7"); // loads the tokenizer now, not during the first request
  return {
    id: modelIdFor(path, sha256),
    fingerprint: sha256,
    maxTokens: TINY_MAX_TOKENS,
    synthetic: false,
    promptTokens: (prompt, cap) => encodeTextUpTo(model.vocab, prompt, cap)?.length ?? cap + 1,
    complete(prompt: string, s: CompletionSettings): Promise<Completion> {
      // One prompt at a time (at most maxPromptTokens, n ≤ maxN): the server pauses between
      // prompts, so a long request does not hold the thread for long.
      const opts = { ...s, max_tokens: Math.min(s.max_tokens, TINY_MAX_TOKENS) };
      const samples = sampleCompletions(model, prompt, opts);
      return Promise.resolve({
        prompt_tokens: encodeText(model.vocab, prompt).length,
        choices: samples.map((x) => toCompletion(x, model.vocab)),
      });
    },
  };
}

/** The checkpoint served when none is named. */
export const DEFAULT_CHECKPOINT = "data/policy/base.json";

/**
 * The policy `deno task serve` serves: the stand-in when asked for, else the named checkpoint,
 * else the shipped base checkpoint; when that is absent too, the stand-in, with a note saying so.
 */
export async function servedPolicy(
  opts: { checkpoint?: string; standIn: boolean },
): Promise<{ policy: CompletionPolicy; note: string | null }> {
  if (opts.standIn) return { policy: STAND_IN, note: null };
  if (opts.checkpoint !== undefined) {
    return { policy: await loadTinyPolicy(opts.checkpoint), note: null };
  }
  try {
    await Deno.stat(dataPath("policy/base.json"));
  } catch {
    return {
      policy: STAND_IN,
      note: `no ${DEFAULT_CHECKPOINT}: serving the synthetic stand-in policy ${STAND_IN.id}`,
    };
  }
  return { policy: await loadTinyPolicy(dataPath("policy/base.json")), note: null };
}
