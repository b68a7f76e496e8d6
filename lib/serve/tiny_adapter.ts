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
import { logitsForward, logSoftmax, stepForward } from "../policy/gru.ts";
import {
  type PromptState,
  readPrompt,
  sampleCompletions,
  type SampledCompletion,
  type SamplerPolicy,
} from "../policy/sampler.ts";
import { encodeText, encodeTextUpTo, END, type Vocab } from "../policy/vocab.ts";
import { STAND_IN } from "./stand_in.ts";
import { applyStop } from "./policy.ts";
import type * as P from "./policy.ts";

/** The most tokens the tiny model writes per completion (its sampler's cap). */
export const TINY_MAX_TOKENS = 48;

/** The served model name of a checkpoint: its file name and the start of its SHA-256. */
export function modelIdFor(path: string, sha256: string): string {
  return `${basename(path).replace(/\.json$/, "")}-${sha256.slice(0, 12)}`;
}

/**
 * One sampled completion as a {@link CompletionChoice}: each action's text (the end token's is
 * empty) and log-probability, cut at the first `stop` string (the sampler stops generating there
 * but keeps the token that completed it).
 */
export function toCompletion(
  sample: SampledCompletion,
  vocab: Vocab,
  stop: readonly string[] = [],
): P.CompletionChoice {
  const tokens = sample.tokens.map((t) => (t === END ? "" : vocab.texts[t]));
  const choice = {
    text: tokens.join(""),
    tokens,
    logprobs: [...sample.logprobs],
    finish_reason: sample.finish_reason,
  };
  return applyStop(choice, stop);
}

/**
 * The `k` most likely tokens (most likely first) at each of the first `positions` actions of
 * `sample`, replaying the policy along its tokens from the read prompt `state`.
 */
export function alternatives(
  policy: SamplerPolicy,
  state: PromptState,
  sample: SampledCompletion,
  k: number,
  positions: number,
): P.TokenAlternative[][] {
  const p = policy.params, H = p.cfg.hidden, V = p.cfg.vocab;
  let h = Float64Array.from(state.h), next = new Float64Array(H), logp = state.logp;
  const g = new Float64Array(3 * H), logits = new Float64Array(V), own = new Float64Array(V);
  const out: P.TokenAlternative[][] = [];
  for (let t = 0; t < positions; t++) {
    const best = Array.from(logp.keys()).sort((a, b) => logp[b] - logp[a] || a - b).slice(0, k);
    out.push(
      best.map((v) => ({ token: v === END ? "" : policy.vocab.texts[v], logprob: logp[v] })),
    );
    if (t === positions - 1) break;
    stepForward(p, sample.tokens[t], h, next, g);
    [h, next] = [next, h];
    logitsForward(p, h, logits);
    logSoftmax(logits, own);
    logp = own;
  }
  return out;
}

/**
 * Loads a checkpoint of the tiny model as a {@link CompletionPolicy}.
 *
 * @throws InputError naming the checkpoint when it is missing, truncated or not a checkpoint
 */
export async function loadTinyPolicy(path: string): Promise<P.CompletionPolicy> {
  const model = await loadCheckpoint(path); // bounded: regular files only, sized by the header
  const sha256 = model.sha256;
  encodeText(model.vocab, "\u00a7"); // loads the tokenizer now, not during the first request
  return {
    id: modelIdFor(path, sha256),
    fingerprint: sha256,
    maxTokens: TINY_MAX_TOKENS,
    synthetic: false,
    alternatives: true,
    promptTokens: (prompt, cap) => encodeTextUpTo(model.vocab, prompt, cap)?.length ?? cap + 1,
    // One prompt at a time (at most maxPromptTokens, n ≤ maxN): the server pauses between
    // prompts, so a long request does not hold the thread for long.
    complete(prompt: string, s: P.CompletionSettings, top = 0): Promise<P.Completion> {
      const opts = { ...s, max_tokens: Math.min(s.max_tokens, TINY_MAX_TOKENS) };
      const samples = sampleCompletions(model, prompt, opts);
      const state = top > 0 ? readPrompt(model, prompt) : null;
      const choices = samples.map((x) => {
        const c = toCompletion(x, model.vocab, s.stop);
        return state === null
          ? c
          : { ...c, top: alternatives(model, state, x, top, c.tokens.length) };
      });
      return Promise.resolve({ prompt_tokens: encodeText(model.vocab, prompt).length, choices });
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
): Promise<{ policy: P.CompletionPolicy; note: string | null }> {
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
