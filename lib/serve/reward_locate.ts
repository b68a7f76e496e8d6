/**
 * Finding the completion inside an OpenRLHF query. OpenRLHF builds the query as
 * `tokenizer.decode(prompt_ids + response_ids, skip_special_tokens=False)` (openrlhf/utils/agent.py
 * at v0.11.0; experience_maker.py at v0.9.0), so a response that ended normally ends with the
 * model's end token (`<|im_end|>`, `<|eot_id|>`, `<|endoftext|>`), and OpenRLHF ≤ v0.8 without
 * `--packing_samples` pads the prompt on the left and the response on the right with the pad
 * token. The strict scorer must see the completion alone, so:
 *
 * 1. leading pad/end tokens are dropped from the query (left padding);
 * 2. the completion is the query after `prompt` when the query starts with it; otherwise the text
 *    after the last assistant header of a known chat template (a truncated prompt, a tokenizer
 *    that does not round-trip); otherwise there is none (`prompt_not_found`);
 * 3. trailing end and pad tokens are dropped, repeatedly (`…Final: 5<|im_end|><|endoftext|>…`),
 *    from {@link END_TOKENS} and the server's own list (`serve --eos TOKEN`).
 *
 * Only whole token texts are removed, only at the ends; nothing inside the completion changes.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { locateCompletion } from "./reward_locate.ts";
 * const q = "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\nFinal: 5<|im_end|>";
 * const p = "<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n";
 * assertEquals(locateCompletion(q, p), { completion: "Final: 5", via: "prompt", stripped: true });
 * ```
 * @module
 */

/**
 * End-of-sequence and padding tokens of the common chat templates, as
 * `tokenizer.decode(..., skip_special_tokens=False)` writes them.
 */
export const END_TOKENS: readonly string[] = [
  "<|im_end|>", // ChatML: Qwen2/2.5/3 instruct EOS
  "<|endoftext|>", // Qwen base EOS and pad, GPT-2 family, Phi
  "<|eot_id|>", // Llama-3.x instruct EOS
  "<|end_of_text|>", // Llama-3.x base EOS
  "<|eom_id|>", // Llama-3.1 tool-call end
  "<|finetune_right_pad_id|>", // Llama-3.1 pad
  "</s>", // Llama-2, Mistral
  "<pad>", // Gemma, T5 pad
  "<eos>", // Gemma EOS
  "<end_of_turn>", // Gemma end of turn
  "<|end|>", // Phi-3 end of turn
  "<｜end▁of▁sentence｜>", // DeepSeek-V3 / R1
];

/** Assistant headers of the common chat templates (`add_generation_prompt=True`). */
export const ASSISTANT_HEADERS: readonly string[] = [
  "<|im_start|>assistant\n", // ChatML (Qwen)
  "<|start_header_id|>assistant<|end_header_id|>\n\n", // Llama-3.x
  "<start_of_turn>model\n", // Gemma
  "<|assistant|>\n", // Phi-3
  "<｜Assistant｜>", // DeepSeek-V3 / R1
  "[/INST]", // Llama-2, Mistral
];

/** Where the completion was found. */
export type Located = {
  /** The completion, end tokens removed; null when it cannot be located. */
  completion: string | null;
  /** How: after the prompt, after the last assistant header, or not found. */
  via: "prompt" | "header" | null;
  /** Whether end or pad tokens were removed (at either end). */
  stripped: boolean;
};

function stripStart(s: string, tokens: readonly string[]): string {
  let i = 0;
  for (let again = true; again;) {
    again = false;
    for (const t of tokens) {
      if (s.startsWith(t, i)) {
        i += t.length;
        again = true;
      }
    }
  }
  return i === 0 ? s : s.slice(i);
}

function stripEnd(s: string, tokens: readonly string[]): string {
  let end = s.length;
  for (let again = true; again;) {
    again = false;
    for (const t of tokens) {
      if (end >= t.length && s.endsWith(t, end)) {
        end -= t.length;
        again = true;
      }
    }
  }
  return end === s.length ? s : s.slice(0, end);
}

/**
 * The completion inside `query` (see the module doc). `extraEnd` adds end tokens the server was
 * told about (`serve --eos`).
 */
export function locateCompletion(
  query: string,
  prompt: string | null,
  extraEnd: readonly string[] = [],
): Located {
  const ends = extraEnd.length === 0 ? END_TOKENS : [...END_TOKENS, ...extraEnd];
  const q = stripStart(query, ends);
  let rest: string | null = null;
  let via: Located["via"] = null;
  if (prompt !== null && q.startsWith(prompt)) {
    rest = q.slice(prompt.length);
    via = "prompt";
  } else {
    let at = -1, len = 0;
    for (const h of ASSISTANT_HEADERS) {
      const i = q.lastIndexOf(h);
      if (i > at) [at, len] = [i, h.length];
    }
    if (at >= 0) {
      rest = q.slice(at + len);
      via = "header";
    }
  }
  if (rest === null) return { completion: null, via: null, stripped: q !== query };
  const completion = stripEnd(rest, ends);
  return { completion, via, stripped: q !== query || completion !== rest };
}
