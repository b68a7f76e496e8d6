// What `deno task tokens` prints.
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { compareVariants, NEAR_MISS_EXAMPLE, tokenize } from "../../lib/policy/tokenizer.ts";
import { tokenComparison, tokenListing } from "../../lib/present/tokens_story.ts";

Deno.test("tokenListing() counts tokens, characters and bytes, then one line per token", () => {
  const lines = tokenListing("Final: 323", tokenize("Final: 323"), "cl100k_base", false);
  assertEquals(lines[0], "cl100k_base: 4 token(s) for 10 character(s), 10 UTF-8 byte(s)");
  assertEquals(lines.slice(2).map((l) => l.trim().split(/\s+/)[1]), [
    "19918",
    "25",
    "220",
    "15726",
  ]);
});

Deno.test("tokenListing() from standard input says a trailing newline counts", () => {
  assertStringIncludes(
    tokenListing("x\n", tokenize("x\n"), "cl100k_base", true)[0],
    "a trailing newline counts",
  );
});

Deno.test("tokenComparison() scores every near-miss variant, only the first rewarded", () => {
  const lines = tokenComparison(
    compareVariants(),
    "cl100k_base",
    NEAR_MISS_EXAMPLE.expected_answer,
  );
  assertStringIncludes(lines[0], "against expected answer 323");
  assertStringIncludes(lines[2], "  1       ok");
});
