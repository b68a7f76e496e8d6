/**
 * The vocabulary's shape and its two specials, apart from the tokenizer (lib/policy/vocab.ts
 * builds vocabularies and encodes text; this is all that decoding needs, so a sampling thread
 * loads no tokenizer tables).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { decodeIds, END, UNK } from "./specials.ts";
 * const vocab = { encoding: "cl100k_base" as const, cl100k: [-1, -1, 25], texts: ["<|end|>", "<|unk|>", ":"], index: new Map(), byText: new Map() };
 * assertEquals(decodeIds(vocab, [2, UNK, 2, END]), ":\ufffd:");
 * ```
 * @module
 */

/** Index of the end token. */
export const END = 0;
/** Index of the unknown token. */
export const UNK = 1;
/** The specials' texts, as shown. */
export const SPECIALS = ["<|end|>", "<|unk|>"] as const;

/** The vocabulary: index ↔ cl100k id, and each index's text. */
export interface Vocab {
  /** The encoding the ids belong to. */
  encoding: "cl100k_base";
  /** cl100k id of each index (-1 for the two specials). */
  cl100k: number[];
  /** Text of each index (the specials' names for 0 and 1). */
  texts: string[];
  /** cl100k id → index. */
  index: Map<number, number>;
  /** Token text → index (the specials excluded): the pieces encoded without the tokenizer. */
  byText: Map<string, number>;
}

/** The text of vocabulary indices (END and UNK decode to nothing and U+FFFD). */
export function decodeIds(vocab: Vocab, ids: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i];
    out += v === END ? "" : v === UNK ? "\ufffd" : vocab.texts[v];
  }
  return out;
}
