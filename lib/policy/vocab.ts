/**
 * The tiny policy's vocabulary: the `cl100k_base` token ids its training corpus uses, plus two
 * specials, with explicit maps both ways. Its actions are therefore the course tokenizer's
 * tokens: `Final: 323` and `Final:  323` are different action sequences of this policy, exactly
 * as lib/policy/tokenizer.ts shows them.
 *
 * Index 0 is `<|end|>` (read after the prompt, emitted to close the completion), index 1 is
 * `<|unk|>` (any prompt token the corpus never used; never a target in training), and indices
 * 2… are cl100k ids in ascending order. Each entry keeps its text, so decoding needs no
 * tokenizer: the checkpoint carries the vocabulary whole.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { buildVocab, decodeIds, encodeText } from "./vocab.ts";
 * const vocab = buildVocab(["Final: 323"]);
 * assertEquals(vocab.cl100k.slice(0, 2), [-1, -1]);
 * const ids = encodeText(vocab, "Final: 323");
 * assertEquals(decodeIds(vocab, ids), "Final: 323");
 * ```
 * @module
 */
import { tokenize } from "./tokenizer.ts";

export { decodeIds, END, SPECIALS, UNK, type Vocab } from "./specials.ts";
import { SPECIALS, UNK, type Vocab } from "./specials.ts";

/**
 * cl100k_base's pre-tokenisation pattern (js-tiktoken's `pat_str`, pinned by a test). The
 * tokenizer splits text into these pieces and byte-pair-encodes each piece on its own; a piece
 * that is itself a token is that one token. So a piece whose text is a vocabulary token's text
 * is encoded by a table lookup, exactly as the tokenizer would, and the tokenizer (whose
 * tables take a fifth of a second to load) is needed only for other pieces.
 */
export const CL100K_PATTERN =
  "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|" +
  "[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|" +
  "\\s+(?!\\S)|\\s+";

const PIECES = new RegExp(CL100K_PATTERN, "ug"); // matchAll copies it, so sharing is safe

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A vocabulary from cl100k ids and their texts (specials are added in front). */
export function vocabFrom(ids: readonly number[], texts: readonly string[]): Vocab {
  if (ids.length !== texts.length) throw new RangeError("ids and texts differ in length");
  const cl100k = [-1, -1, ...ids];
  const index = new Map<number, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new RangeError(`cl100k id ${id} appears twice`);
    index.set(id, i + 2);
  });
  const byText = new Map<string, number>();
  texts.forEach((t, i) => byText.set(t, i + 2));
  return { encoding: "cl100k_base", cl100k, texts: [...SPECIALS, ...texts], index, byText };
}

/**
 * The vocabulary of a corpus: every cl100k id any of `texts` uses, ascending.
 *
 * @throws RangeError when a token holds only part of a UTF-8 character (its text could not be
 *   stored); the course's corpus never does
 */
export function buildVocab(texts: Iterable<string>): Vocab {
  const seen = new Map<number, string>();
  for (const text of new Set(texts)) { // a corpus repeats its questions: tokenise each once
    for (const t of tokenize(text)) {
      if (seen.has(t.id)) continue;
      try {
        seen.set(t.id, strictUtf8.decode(new Uint8Array(t.bytes)));
      } catch {
        throw new RangeError(`token ${t.id} is not whole UTF-8 text`);
      }
    }
  }
  const ids = [...seen.keys()].sort((a, b) => a - b);
  return vocabFrom(ids, ids.map((id) => seen.get(id)!));
}

/** The cl100k tokens of a text as (vocabulary index or undefined, cl100k token) pairs. */
function tokensOf(
  vocab: Vocab,
  text: string,
): { index: number | undefined; id: number; bytes: number[] }[] {
  const out: { index: number | undefined; id: number; bytes: number[] }[] = [];
  for (const m of text.matchAll(PIECES)) {
    const known = vocab.byText.get(m[0]);
    if (known !== undefined) {
      out.push({ index: known, id: vocab.cl100k[known], bytes: [] });
      continue;
    }
    for (const t of tokenize(m[0])) {
      out.push({ index: vocab.index.get(t.id), id: t.id, bytes: t.bytes });
    }
  }
  return out;
}

/**
 * Vocabulary indices of a text's cl100k tokens; a token outside the vocabulary becomes UNK.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { buildVocab, encodeText, UNK } from "./vocab.ts";
 * const vocab = buildVocab(["Final: 7"]);
 * assertEquals(encodeText(vocab, "Final: 8").at(-1), UNK);
 * ```
 */
export function encodeText(vocab: Vocab, text: string): number[] {
  return tokensOf(vocab, text).map((t) => t.index ?? UNK);
}

/**
 * Vocabulary indices of a text, or null as soon as it is longer than `cap` tokens: a huge text is
 * refused after reading about `cap` pieces of it, never tokenised whole.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { buildVocab, encodeText, encodeTextUpTo } from "./vocab.ts";
 * const vocab = buildVocab(["Final: 7"]);
 * const n = encodeText(vocab, "Final: 7").length;
 * assertEquals(encodeTextUpTo(vocab, "Final: 7", n), encodeText(vocab, "Final: 7"));
 * assertEquals(encodeTextUpTo(vocab, "Final: 7 7 7", n), null);
 * ```
 */
export function encodeTextUpTo(vocab: Vocab, text: string, cap: number): number[] | null {
  const out: number[] = [];
  for (const m of text.matchAll(PIECES)) {
    const known = vocab.byText.get(m[0]);
    if (known !== undefined) out.push(known);
    else for (const t of tokenize(m[0])) out.push(vocab.index.get(t.id) ?? UNK);
    if (out.length > cap) return null;
  }
  return out;
}

/**
 * Vocabulary indices of a completion, or the first cl100k token it needs that the vocabulary
 * lacks (such a completion has probability 0 under the policy).
 */
export function encodeCompletion(
  vocab: Vocab,
  text: string,
): { ids: number[] } | { missing: { id: number; text: string } } {
  const ids: number[] = [];
  for (const t of tokensOf(vocab, text)) {
    if (t.index === undefined) {
      return { missing: { id: t.id, text: new TextDecoder().decode(new Uint8Array(t.bytes)) } };
    }
    ids.push(t.index);
  }
  return { ids };
}
