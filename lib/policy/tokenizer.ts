/**
 * The text/token boundary: what a model actually reads when a completion says `Final: 323`.
 *
 * Tokenises with the ranks and the pre-tokenizer of `npm:js-tiktoken` (bundled in the package,
 * so it works offline): `cl100k_base` by default, `o200k_base` on request. The merging itself is
 * lib/policy/bpe.ts's, in O(n log n) where js-tiktoken's is quadratic on long runs without a
 * pre-token break (10,000 identical letters took 29 s); the ids are the same. Special tokens
 * such as `<|endoftext|>` are read as plain text. Each token is shown with its
 * whitespace made visible (see {@link visible}), and {@link compareVariants} puts the course's
 * near-miss completions side by side with the strict scorer's verdict, so a student sees that
 * `Final: 323` and `Final:  323` differ by one token and one reward.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tokenize } from "./tokenizer.ts";
 * assertEquals(tokenize("Final: 323").map((t) => t.shown), ["Final", ":", "␣", "323"]);
 * ```
 * @module
 */
import cl100kBase from "npm:js-tiktoken@1.0.21/ranks/cl100k_base";
import o200kBase from "npm:js-tiktoken@1.0.21/ranks/o200k_base";
import { score } from "../instrument/scorer.ts";
import { type ScoreCode } from "../instrument/spec.ts";
import { encodeOrdinary, parseRanks, type RankTable } from "./bpe.ts";
import { visible, type VisibleOptions } from "../core/visible.ts";

/** The encodings this module ships (both bundled in js-tiktoken, no download). */
export type EncodingName = "cl100k_base" | "o200k_base";

/** Every {@link EncodingName}, default first. */
export const ENCODINGS: readonly EncodingName[] = ["cl100k_base", "o200k_base"];

/** One token: its id, its raw bytes and its text as shown to a person. */
export interface Token {
  id: number;
  /** The UTF-8 bytes the token stands for. */
  bytes: number[];
  /** The bytes as text with whitespace made visible; a byte that is only part of a character is `\xHH`. */
  shown: string;
}

/** An encoding as js-tiktoken bundles it: the pre-tokenizer pattern and the rank file. */
interface BundledEncoding {
  pat_str: string;
  bpe_ranks: string;
}

const BUNDLED: Record<EncodingName, BundledEncoding> = {
  cl100k_base: cl100kBase as BundledEncoding,
  o200k_base: o200kBase as BundledEncoding,
};

/** A loaded encoding: its pre-tokenizer and its merge table. */
interface Encoder extends RankTable {
  pattern: RegExp;
}

const encoders = new Map<EncodingName, Encoder>(); // read once per process (cl100k_base: 0.2 s)

function encoder(name: EncodingName): Encoder {
  let enc = encoders.get(name);
  if (enc === undefined) {
    if (!Object.hasOwn(BUNDLED, name)) {
      throw new RangeError(`unknown encoding ${JSON.stringify(name)}`);
    }
    const { pat_str, bpe_ranks } = BUNDLED[name];
    enc = { pattern: new RegExp(pat_str, "gu"), ...parseRanks(bpe_ranks) };
    encoders.set(name, enc);
  }
  return enc;
}

/**
 * The ordinary encoding of `text` (special tokens read as plain text), equal to js-tiktoken's
 * `encode(text, [], [])` but linear up to a log factor.
 */
export function encodeIds(text: string, encoding: EncodingName = "cl100k_base"): number[] {
  const enc = encoder(encoding);
  return encodeOrdinary(text, enc.pattern, enc.ranks);
}

/** The largest text `deno task tokens` reads (in characters, i.e. Unicode code points). */
export const TOKENS_MAX_CHARS = 20_000;

/** The bytes of one token (a byte of a split character stays a byte). */
function tokenBytes(enc: Encoder, id: number): number[] {
  const bytes = enc.bytesOf[id] ?? "";
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return out;
}

/**
 * Splits `text` into tokens.
 *
 * @param text any string
 * @param encoding `cl100k_base` (default) or `o200k_base`
 * @param opts how to show each token's text (see {@link visible})
 * @returns the tokens in order; their bytes concatenate to the UTF-8 of `text`
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tokenize } from "./tokenizer.ts";
 * assertEquals(tokenize("Final:\n323").map((t) => t.id), [19918, 512, 15726]);
 * ```
 */
export function tokenize(
  text: string,
  encoding: EncodingName = "cl100k_base",
  opts: VisibleOptions = { unicode: true },
): Token[] {
  const enc = encoder(encoding);
  return encodeIds(text, encoding).map((id) => {
    const bytes = tokenBytes(enc, id);
    return { id, bytes, shown: showBytes(bytes, opts) };
  });
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it cannot start one. */
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes as visible text: whole characters through {@link visible}, stray bytes as `\xHH`. */
function showBytes(bytes: readonly number[], opts: VisibleOptions): string {
  let out = "";
  for (let i = 0; i < bytes.length;) {
    const n = utf8Length(bytes[i]);
    let ch: string | null = null;
    if (n > 0 && i + n <= bytes.length) {
      try {
        ch = strictUtf8.decode(new Uint8Array(bytes.slice(i, i + n)));
      } catch {
        ch = null;
      }
    }
    if (ch === null) {
      out += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, "0")}`;
      i += 1;
    } else {
      out += visible(ch, opts);
      i += n;
    }
  }
  return out;
}

/**
 * The course's near-miss completions of `Final: 323`: the right answer, then five ways to be
 * almost right (double space, leading zero, a line break, no space, and U+2212 MINUS SIGN
 * instead of `-`, which is also the wrong sign).
 */
export const NEAR_MISS_VARIANTS: readonly string[] = [
  "Final: 323",
  "Final:  323",
  "Final: 0323",
  "Final:\n323",
  "Final:323",
  "Final: \u2212323",
];

/** The example the variants answer: 17 * 19 = 323, worded as every sealed prompt is. */
export const NEAR_MISS_EXAMPLE = {
  id: "near-miss-323",
  prompt: "Compute 17*19. Answer with exactly one line: Final: <int>",
  expected_answer: "323",
} as const;

/** One row of the comparison: a completion, its tokens and the scorer's verdict. */
export interface ComparisonRow {
  /** The completion as given. */
  variant: string;
  /** The completion through {@link visible} with `ascii: true`. */
  shown: string;
  /** Number of tokens. */
  count: number;
  /** Token ids, in order. */
  ids: number[];
  /** Token texts, shown visibly (non-ASCII escaped, as in `shown`). */
  tokens: string[];
  /** The strict scorer's reward. */
  reward: 0 | 1;
  /** The scorer's code (`ok` when rewarded). */
  code: ScoreCode;
}

/**
 * Tokenises and scores each completion: the text/token boundary in one table. Pure (the scorer
 * is pure and the encoders are deterministic).
 *
 * @param variants the completions (default {@link NEAR_MISS_VARIANTS})
 * @param encoding the encoding (default `cl100k_base`)
 * @param example what the completions answer (default {@link NEAR_MISS_EXAMPLE})
 * @returns one row per completion, in order
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { compareVariants } from "./tokenizer.ts";
 * const [right, doubleSpace] = compareVariants();
 * assertEquals([right.count, right.reward], [4, 1]);
 * assertEquals([doubleSpace.count, doubleSpace.reward, doubleSpace.code], [5, 0, "extra_whitespace"]);
 * ```
 */
export function compareVariants(
  variants: readonly string[] = NEAR_MISS_VARIANTS,
  encoding: EncodingName = "cl100k_base",
  example: { id: string; prompt: string; expected_answer: string } = NEAR_MISS_EXAMPLE,
): ComparisonRow[] {
  return variants.map((variant) => {
    const tokens = tokenize(variant, encoding, { unicode: false });
    const verdict = score(example, variant);
    return {
      variant,
      shown: visible(variant, { unicode: false }),
      count: tokens.length,
      ids: tokens.map((t) => t.id),
      tokens: tokens.map((t) => t.shown),
      reward: verdict.reward,
      code: verdict.details.code,
    };
  });
}
