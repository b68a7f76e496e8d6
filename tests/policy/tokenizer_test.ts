/**
 * The text/token boundary: pinned token ids of the near-miss variants, visible whitespace, and
 * the comparison with the scorer's verdicts. Also the CLI end to end.
 */
import { runTask } from "../cli.ts";
import { exitTwoLine, usageRefusal } from "../refusal.ts";
import { TOKENS } from "../../lib/cli/tokens.ts";
import { usageOf } from "../../lib/cli/_framework/command.ts";
import { readTextUpTo } from "../../lib/core/stdin.ts";
import { tokenComparison, tokenListing } from "../../lib/present/tokens_story.ts";
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import fc from "npm:fast-check@4.10.2";
import { Tiktoken } from "npm:js-tiktoken@1.0.21/lite";
import cl100kBase from "npm:js-tiktoken@1.0.21/ranks/cl100k_base";
import o200kBase from "npm:js-tiktoken@1.0.21/ranks/o200k_base";
import { encodeIds, TOKENS_MAX_CHARS } from "../../lib/policy/tokenizer.ts";
import { encodeOrdinary, parseRanks, type Ranks } from "../../lib/policy/bpe.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";

import {
  compareVariants,
  NEAR_MISS_EXAMPLE,
  NEAR_MISS_VARIANTS,
  tokenize,
} from "../../lib/policy/tokenizer.ts";
import { visible } from "../../lib/core/visible.ts";

Deno.test("tokenize() pins the cl100k_base ids of the six near-miss variants", () => {
  assertEquals(NEAR_MISS_VARIANTS.map((v) => tokenize(v).map((t) => t.id)), [
    [19918, 25, 220, 15726], // Final: 323
    [19918, 25, 220, 220, 15726], // Final:  323
    [19918, 25, 220, 21040, 18], // Final: 0323
    [19918, 512, 15726], // Final:\n323
    [19918, 25, 15726], // Final:323
    [19918, 25, 25173, 15726], // Final: −323 (U+2212)
  ]);
});

Deno.test("tokenize() pins the o200k_base ids of Final: 323", () => {
  assertEquals(tokenize("Final: 323", "o200k_base").map((t) => t.id), [15519, 25, 220, 29173]);
});

Deno.test("tokenize() token bytes concatenate to the text's UTF-8", () => {
  const text = "Final: \u2212323 \u{1d518}\n";
  const bytes = tokenize(text).flatMap((t) => t.bytes);
  assertEquals(bytes, [...new TextEncoder().encode(text)]);
});

Deno.test("tokenize() shows a byte of a split character as \\xHH", () => {
  assertEquals(tokenize("\u{1d518}").map((t) => t.shown), ["\\xF0\\x9D", "\\x94", "\\x98"]);
});

Deno.test("visible() shows space as ␣ and escapes newline, tab and carriage return", () => {
  assertEquals(visible("a b\nc\td\r"), "a␣b\\nc\\td\\r");
});

Deno.test("visible() escapes invisible and non-ASCII whitespace as \\u{...}", () => {
  assertEquals(visible("\u00a0\u200b\ufeff\u2009"), "\\u{00A0}\\u{200B}\\u{FEFF}\\u{2009}");
});

Deno.test("visible() keeps escapes unambiguous: backslash and a literal ␣ are escaped", () => {
  assertEquals(visible("\\n␣", { unicode: true }), "\\\\n\\u{2423}");
});

Deno.test("visible() without unicode escapes look-alikes such as U+2212", () => {
  assertEquals(visible("−3 é"), "\\u{2212}3␣\\u{00E9}");
  assertEquals(visible("−3 é", { unicode: true }), "−3␣é");
});

Deno.test("compareVariants() gives each near miss its scorer code", () => {
  const rows = compareVariants();
  assertEquals(rows.map((r) => [r.shown, r.count, r.reward, r.code]), [
    ["Final:␣323", 4, 1, "ok"],
    ["Final:␣␣323", 5, 0, "extra_whitespace"],
    ["Final:␣0323", 5, 0, "leading_zeros"],
    ["Final:\\n323", 3, 0, "not_single_line"],
    ["Final:323", 3, 0, "missing_space"],
    ["Final:␣\\u{2212}323", 4, 0, "unicode_minus"],
  ]);
  assertEquals(rows[5].tokens, ["Final", ":", "␣\\u{2212}", "323"]);
});

/** `deno task tokens`, with the task's own (read-only) permissions; `stdin` piped if given. */
const cli = (args: string[], stdin?: string) => runTask("tokens", args, { stdin });

Deno.test("deno task tokens prints ids and visible texts of its argument", async () => {
  const out = await cli(["Final: 323"]);
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "cl100k_base: 4 token(s)");
  assertStringIncludes(out.stdout, "  2    220  ␣\n");
});

Deno.test("deno task tokens reads standard input when given no text", async () => {
  const out = await cli([], "Final:\n323");
  assertEquals(out.code, 0, out.stderr);
  assertStringIncludes(out.stdout, "  1    512  :\\n\n");
});

Deno.test("tokens --compare prints the verdict of every variant", () => {
  const rows = compareVariants(undefined, "cl100k_base");
  const out = {
    stdout: tokenComparison(rows, "cl100k_base", NEAR_MISS_EXAMPLE.expected_answer).join("\n"),
  };
  for (
    const code of [
      "ok",
      "extra_whitespace",
      "leading_zeros",
      "not_single_line",
      "missing_space",
      "unicode_minus",
    ]
  ) {
    assertStringIncludes(out.stdout, code);
  }
});

Deno.test("tokens rejects an unknown encoding (exit 2)", () => {
  assertStringIncludes(
    usageRefusal(TOKENS, ["--encoding", "gpt2", "x"]),
    "--encoding must be one of cl100k_base, o200k_base",
  );
});

// --- the linear encoder: the same ids as js-tiktoken, in linear time -----------------------------

const reference = {
  cl100k_base: new Tiktoken(cl100kBase),
  o200k_base: new Tiktoken(o200kBase),
} as const;

/** The golden strings: the near misses, every golden completion, every dataset prompt. */
async function goldenStrings(): Promise<string[]> {
  const out = [...NEAR_MISS_VARIANTS, "<|endoftext|> is plain text here", "naïve café 𝔘 日本語 🙂"];
  for (const file of ["golden/golden_correct.jsonl", "golden/golden_exploits.jsonl"]) {
    for (const { value } of await readJsonl(dataPath(file))) {
      const c = (value as { completion?: unknown }).completion;
      if (typeof c === "string") out.push(c);
    }
  }
  for (const { value } of await readJsonl(dataPath("datasets/math_dev.jsonl"))) {
    out.push((value as { prompt: string }).prompt);
  }
  return out;
}

for (const encoding of ["cl100k_base", "o200k_base"] as const) {
  Deno.test(`encodeIds() equals js-tiktoken's encoding on every golden string (${encoding})`, async () => {
    const strings = await goldenStrings();
    assert(strings.length > 150);
    for (const text of strings) {
      assertEquals(encodeIds(text, encoding), reference[encoding].encode(text, [], []), text);
    }
  });

  Deno.test(`encodeIds() equals js-tiktoken's encoding on random text (${encoding}, property-based)`, () => {
    const unit = fc.constantFrom(
      "a",
      "b",
      "ab",
      " ",
      "  ",
      "\n",
      "\t",
      "'s",
      "1",
      "234",
      ".",
      "!!",
      "é",
      "日",
      "🙂",
      "Final:",
      "\u00a0",
      "ZZ",
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.string({ maxLength: 30 }), (parts, raw) => {
        const text = parts.join("") + raw;
        const got = encodeIds(text, encoding), want = reference[encoding].encode(text, [], []);
        return got.length === want.length && got.every((id, i) => id === want[i]);
      }),
      { numRuns: 400 },
    );
  });
}

Deno.test("encodeIds() equals js-tiktoken on long runs without a pre-token break (500 bytes)", () => {
  // One piece of about 500 bytes each (js-tiktoken's merge loop is quadratic in a piece's bytes).
  for (const unit of ["a", "ab", "Z", "!", "ä", "日本"]) {
    const text = unit.repeat(Math.ceil(500 / new TextEncoder().encode(unit).length));
    assertEquals(encodeIds(text), reference.cl100k_base.encode(text, [], []), unit);
  }
});

Deno.test("encodeIds() is linear: ×4 input, ×4 rank look-ups (counted) on 20,000 identical characters", () => {
  // The work of the byte-pair merges, counted: every heap entry follows one rank look-up, so the
  // look-ups bound the merge loop (js-tiktoken re-scans every pair after every merge: ×16).
  // Its time, and the pre-tokenizer's: tests/bench/tokenizer_bench.ts.
  const table = parseRanks(cl100kBase.bpe_ranks);
  const pattern = new RegExp(cl100kBase.pat_str, "gu");
  let lookups = 0;
  const counting = { get: (k: string) => (lookups++, table.ranks.get(k)) } as unknown as Ranks;
  for (const unit of ["a", "!", "7", " ", "\n", "a ", "日"]) {
    const work = (chars: number) => {
      const text = unit.repeat(chars / unit.length);
      lookups = 0;
      assertEquals(encodeOrdinary(text, pattern, counting), encodeIds(text), JSON.stringify(unit));
      const bytes = new TextEncoder().encode(text).length;
      assert(
        lookups <= 3 * bytes,
        `${JSON.stringify(unit)}: ${lookups} look-ups for ${bytes} bytes`,
      );
      return lookups;
    };
    const small = work(5_000), large = work(20_000);
    assert(large / small <= 4.01, `${JSON.stringify(unit)}: ×4 input took ×${large / small} work`);
  }
});

Deno.test("tokens reads at most 20,000 characters and says so in --help", async () => {
  assertStringIncludes(usageOf(TOKENS), "at most 20,000 characters");
  const text = "a".repeat(TOKENS_MAX_CHARS);
  const listing = tokenListing(text, tokenize(text, "cl100k_base"), "cl100k_base", false);
  assertStringIncludes(listing.join("\n"), "for 20000 character(s)");
  const piped = ReadableStream.from([new TextEncoder().encode("x".repeat(100_000))]);
  assertStringIncludes(
    await exitTwoLine(readTextUpTo(piped, TOKENS_MAX_CHARS, "standard input")),
    "standard input: holds more than 20000 characters",
  );
});

Deno.test("deno task tokens refuses a text over 20,000 characters: exit 2, one line", async () => {
  const long = await cli(["a".repeat(TOKENS_MAX_CHARS + 1)]);
  assertEquals([long.code, long.stderr.trim().split("\n").length], [2, 1]);
  assertStringIncludes(long.stderr, "the text has 20001 characters");
});
