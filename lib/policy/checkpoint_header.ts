/**
 * The checkpoint header's shape, and its one check: the format tag, the 1-layer GRU, a vocabulary
 * of exactly `vocab − 2` cl100k ids with their texts (each id and each text once: a duplicate
 * would make two actions one token), and a float32 little-endian weights file named beside it.
 * Anything else is a problem in words, which the loader turns into an `InputError` naming the
 * file (exit 2).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { headerProblem } from "./checkpoint_header.ts";
 * assertEquals(headerProblem({ format: "x" }), 'not a tiny-policy checkpoint (format "x", expected "course-tiny-policy/1")');
 * ```
 * @module
 */
import { paramCount } from "./gru.ts";
import { SPECIALS } from "./vocab.ts";

/** The format tag every checkpoint header carries. */
export const CHECKPOINT_FORMAT = "course-tiny-policy/1";

/** The JSON header. */
export interface CheckpointHeader {
  format: string;
  name: string;
  architecture: {
    kind: "gru";
    layers: 1;
    vocab: number;
    hidden: number;
    param_count: number;
    layout: string[];
  };
  vocab: { encoding: string; specials: string[]; cl100k_ids: number[]; texts: string[] };
  training: Record<string, unknown>;
  weights: {
    file: string;
    dtype: "float32";
    byte_order: "little-endian";
    bytes: number;
    sha256: string;
  };
}

/** What is wrong with a parsed header, in one sentence, or null when it is a checkpoint header. */
export function headerProblem(h: Record<string, unknown>): string | null {
  if (h.format !== CHECKPOINT_FORMAT) {
    return `not a tiny-policy checkpoint (format ${JSON.stringify(h.format)}, expected ${
      JSON.stringify(CHECKPOINT_FORMAT)
    })`;
  }
  const a = h.architecture as Record<string, unknown> | undefined;
  if (typeof h.name !== "string") return "the header lacks a string 'name'";
  if (!a || a.kind !== "gru" || a.layers !== 1) {
    return `architecture ${JSON.stringify(a?.kind)} with ${a?.layers} layer(s) is not the ` +
      "1-layer GRU this code runs";
  }
  const V = a.vocab, H = a.hidden;
  if (
    !Number.isSafeInteger(V) || !Number.isSafeInteger(H) || (V as number) < 3 || (H as number) < 1
  ) {
    return "architecture.vocab and architecture.hidden must be positive integers";
  }
  if (a.param_count !== paramCount({ vocab: V as number, hidden: H as number })) {
    return `architecture.param_count ${a.param_count} does not match vocab ${V} and hidden ${H}`;
  }
  const v = h.vocab as Record<string, unknown> | undefined;
  const ids = v?.cl100k_ids, texts = v?.texts;
  if (
    !v || v.encoding !== "cl100k_base" || !Array.isArray(ids) || !Array.isArray(texts) ||
    ids.length !== texts.length || ids.length + SPECIALS.length !== V ||
    !ids.every((x) => Number.isSafeInteger(x) && x >= 0) ||
    !texts.every((t) => typeof t === "string")
  ) return `the vocabulary does not hold ${V} - ${SPECIALS.length} cl100k ids with their texts`;
  const twice = (xs: unknown[]) => xs.find((x, i) => xs.indexOf(x) !== i);
  const id = new Set(ids).size === ids.length ? undefined : twice(ids);
  if (id !== undefined) return `the vocabulary lists cl100k id ${id} twice`;
  const text = new Set(texts).size === texts.length ? undefined : twice(texts);
  if (text !== undefined) {
    return `the vocabulary lists the token text ${JSON.stringify(text)} twice`;
  }
  const w = h.weights as Record<string, unknown> | undefined;
  if (
    !w || typeof w.file !== "string" || w.file.includes("/") || typeof w.sha256 !== "string" ||
    w.dtype !== "float32" || w.byte_order !== "little-endian"
  ) return "the header's 'weights' entry is not a float32 little-endian file name with a sha256";
  return null;
}
