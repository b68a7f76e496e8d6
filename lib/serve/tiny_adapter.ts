/**
 * THE SINGLE PLACE WHERE THE COURSE'S TINY LANGUAGE MODEL IS WIRED INTO THE SERVER.
 *
 * The server is written against {@link CompletionPolicy} (`policy.ts`). This module wraps the
 * tiny model of `lib/policy/` in it. It expects `lib/policy/mod.ts` to export
 *
 * - `loadCheckpoint(path)` → a policy object (sync or async), and
 * - `sampleCompletions(policy, promptText, {n, temperature, top_p, top_k, max_tokens, seed,
 *   stop})` → one entry per sample `{text, token_ids, logprobs, finish_reason}` (optionally
 *   `tokens`, the token texts; without them the ids are decoded with cl100k), sync or async;
 *
 * it reaches them through a dynamic import, so this module compiles before the model exists and
 * reports plainly when it does not. If the model's names or shapes differ, change
 * {@link TinyApi} and {@link toCompletion} here and nowhere else.
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
import { Tiktoken } from "js-tiktoken/lite";
import cl100kBase from "js-tiktoken/ranks/cl100k_base";
import { InputError } from "../core/errors.ts";
import { sha256File } from "../core/hash.ts";
import { dataPath } from "../core/paths.ts";
import { STAND_IN } from "./stand_in.ts";
import { applyStop, type Completion, type CompletionPolicy } from "./policy.ts";
import type { CompletionChoice, CompletionSettings } from "./policy.ts";

/** The most tokens the tiny model writes per completion (its sampler's cap). */
export const TINY_MAX_TOKENS = 48;

/** One sample as the tiny model's sampler is expected to return it. */
export interface TinySample {
  text: string;
  token_ids: number[];
  logprobs: number[];
  finish_reason: "stop" | "length";
  tokens?: string[];
}

/** What this adapter needs from `lib/policy/mod.ts`. */
export interface TinyApi {
  loadCheckpoint(path: string): unknown;
  sampleCompletions(policy: unknown, prompt: string, opts: CompletionSettings): unknown;
}

/** The served model name of a checkpoint: its file name and the start of its SHA-256. */
export function modelIdFor(path: string, sha256: string): string {
  return `${basename(path).replace(/\.json$/, "")}-${sha256.slice(0, 12)}`;
}

let cl100k: Tiktoken | null = null;

/** One sampler entry as a {@link CompletionChoice}, stop strings applied. */
export function toCompletion(sample: TinySample, stop: readonly string[]): CompletionChoice {
  cl100k ??= new Tiktoken(cl100kBase);
  const enc = cl100k;
  const tokens = sample.tokens ?? sample.token_ids.map((id) => enc.decode([id]));
  return applyStop(
    { text: sample.text, tokens, logprobs: sample.logprobs, finish_reason: sample.finish_reason },
    stop,
  );
}

/**
 * Loads a checkpoint of the tiny model as a {@link CompletionPolicy}.
 *
 * @throws InputError naming the checkpoint when it cannot be read, or when the tiny model is not
 *   (yet) exported by `lib/policy/mod.ts`
 */
export async function loadTinyPolicy(path: string): Promise<CompletionPolicy> {
  let sha256: string;
  try {
    sha256 = (await sha256File(path)).sha256;
  } catch (e) {
    throw new InputError(path, null, `cannot read the checkpoint (${(e as Error).message})`);
  }
  const api = (await import("../policy/mod.ts")) as unknown as Partial<TinyApi>;
  if (typeof api.loadCheckpoint !== "function" || typeof api.sampleCompletions !== "function") {
    throw new InputError(
      path,
      null,
      "the tiny model is not wired into the server: lib/policy/mod.ts exports no " +
        "loadCheckpoint/sampleCompletions (see lib/serve/tiny_adapter.ts)",
    );
  }
  const { loadCheckpoint, sampleCompletions } = api as TinyApi;
  const model = await loadCheckpoint(path);
  cl100k ??= new Tiktoken(cl100kBase);
  const enc = cl100k;
  return {
    id: modelIdFor(path, sha256),
    fingerprint: sha256,
    maxTokens: TINY_MAX_TOKENS,
    synthetic: false,
    async complete(prompt: string, s: CompletionSettings): Promise<Completion> {
      const opts = { ...s, max_tokens: Math.min(s.max_tokens, TINY_MAX_TOKENS) };
      const samples = (await sampleCompletions(model, prompt, opts)) as TinySample[];
      return {
        prompt_tokens: enc.encode(prompt).length,
        choices: samples.map((x) => toCompletion(x, s.stop)),
      };
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
