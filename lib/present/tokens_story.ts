/**
 * What `deno task tokens` prints: a text's tokens (position, id, visible text), and the
 * near-miss variants of `Final: 323` with their tokens and the strict scorer's verdict.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tokenize } from "../policy/tokenizer.ts";
 * import { tokenListing } from "./tokens_story.ts";
 * const text = "Final: 323";
 * assertEquals(tokenListing(text, tokenize(text), "cl100k_base", false)[3], "  1     25  :");
 * ```
 * @module
 */
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import type { ComparisonRow, EncodingName, Token } from "../policy/tokenizer.ts";

/** The tokens of `text` (`tokenize(text, encoding)`): a count line, a header, a line per token. */
export function tokenListing(
  text: string,
  tokens: readonly Token[],
  encoding: EncodingName,
  fromStdin: boolean,
): string[] {
  const bytes = new TextEncoder().encode(text).length;
  const idWidth = Math.max(2, ...tokens.map((t) => String(t.id).length));
  const posWidth = Math.max(1, String(tokens.length - 1).length);
  return [
    `${encoding}: ${tokens.length} token(s) for ${[...text].length} character(s), ${bytes} ` +
    `UTF-8 byte(s)${fromStdin ? " read from standard input (a trailing newline counts)" : ""}`,
    `  ${"#".padStart(posWidth)}  ${"id".padStart(idWidth)}  text`,
    ...tokens.map((t, i) =>
      `  ${String(i).padStart(posWidth)}  ${String(t.id).padStart(idWidth)}  ${t.shown}`
    ),
  ];
}

/**
 * The near-miss variants as a table (`compareVariants(undefined, encoding)` against the expected
 * answer `expected`): visible text, token count and texts, reward, code.
 */
export function tokenComparison(
  rows: readonly ComparisonRow[],
  encoding: EncodingName,
  expected: string,
): string[] {
  const cells = rows.map((r) => [
    r.shown,
    String(r.count),
    r.tokens.map((t) => `[${t}]`).join(" "),
    String(r.reward),
    r.code,
  ]);
  const head = ["variant", "tokens", "token texts", "reward", "code"];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) =>
    "  " + row.map((v, c) => v.padEnd(widths[c])).join("  ").trimEnd();
  return [
    `near-miss variants under ${encoding}, scored by ${SCORER_NAME} ${SCORER_VERSION} against ` +
    `expected answer ${expected}`,
    line(head),
    ...cells.map(line),
    "\nOne visible character can change the token count and the reward. Only the first variant " +
    "earns\nreward 1; each other code names the rule it broke.",
  ];
}
