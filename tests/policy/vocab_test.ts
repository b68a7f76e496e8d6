/**
 * The tiny policy's vocabulary: its encoding agrees with cl100k exactly (the piece table is a
 * shortcut, never a different tokenizer), and the maps both ways invert each other.
 */
import fc from "npm:fast-check@4.10.2";
import cl100kBase from "npm:js-tiktoken@1.0.21/ranks/cl100k_base";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { tokenize } from "../../lib/policy/tokenizer.ts";
import {
  buildVocab,
  CL100K_PATTERN,
  decodeIds,
  encodeCompletion,
  encodeText,
  END,
  UNK,
  vocabFrom,
} from "../../lib/policy/vocab.ts";

const vocab = buildVocab([
  "A farmer has 12 apples and sells 5 of them. How many apples are left?",
  "Final: 7",
  "Final:  -7.",
]);

Deno.test("CL100K_PATTERN is js-tiktoken's cl100k_base pre-tokenisation pattern", () => {
  assertEquals(CL100K_PATTERN, (cl100kBase as { pat_str: string }).pat_str);
});

Deno.test("encodeText() gives cl100k's ids for every text (UNK for ids outside the vocabulary)", () => {
  const chars = [..."Final: -0123456789 apples\n\t.,?<>".split(""), "\u2212", "é", "😀", "  "];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 30 }), (parts) => {
      const text = parts.join("");
      const expected = tokenize(text).map((t) => vocab.index.get(t.id) ?? UNK);
      assertEquals(encodeText(vocab, text), expected);
    }),
    { numRuns: 300 },
  );
});

Deno.test("decodeIds() inverts encodeText() for text made of vocabulary tokens", () => {
  const text = "Final:  -7. How many apples are left?";
  assertEquals(decodeIds(vocab, encodeText(vocab, text)), text);
});

Deno.test("the specials come first: END is index 0, UNK index 1, and END decodes to nothing", () => {
  assertEquals([END, UNK, vocab.texts[0], vocab.texts[1]], [0, 1, "<|end|>", "<|unk|>"]);
  assertEquals(decodeIds(vocab, [END]), "");
});

Deno.test("encodeCompletion() names the first token the vocabulary lacks", () => {
  const r = encodeCompletion(vocab, "Final: 8");
  assert("missing" in r);
  assertEquals(r.missing.text, "8");
});

Deno.test("vocabFrom() refuses a cl100k id listed twice", () => {
  let message = "";
  try {
    vocabFrom([5, 5], ["a", "a"]);
  } catch (e) {
    message = (e as Error).message;
  }
  assertEquals(message, "cl100k id 5 appears twice");
});
