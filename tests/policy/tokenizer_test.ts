/**
 * The text/token boundary: pinned token ids of the near-miss variants, visible whitespace, and
 * the comparison with the scorer's verdicts. Also the CLI end to end.
 */
import { runTask } from "../cli.ts";
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { compareVariants, NEAR_MISS_VARIANTS, tokenize } from "../../lib/policy/tokenizer.ts";
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

Deno.test("deno task tokens --compare prints the verdict of every variant", async () => {
  const out = await cli(["--compare"]);
  assertEquals(out.code, 0, out.stderr);
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

Deno.test("deno task tokens rejects an unknown encoding with exit 2", async () => {
  const out = await cli(["--encoding", "gpt2", "x"]);
  assertEquals(out.code, 2);
  assertStringIncludes(out.stderr, "--encoding must be one of cl100k_base, o200k_base");
});
