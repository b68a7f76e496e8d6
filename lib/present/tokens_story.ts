/**
 * What `deno task tokens` prints: a text's tokens (position, id, visible text), and the
 * near-miss variants of `Final: 323` with their tokens and the strict scorer's verdict.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { tokenListing } from "./tokens_story.ts";
 * assertEquals(tokenListing("Final: 323", "cl100k_base", false)[3], "  1     25  :");
 * ```
 * @module
 */
import { SCORER_NAME, SCORER_VERSION } from "../instrument/spec.ts";
import {
  compareVariants,
  type EncodingName,
  NEAR_MISS_EXAMPLE,
  tokenize,
} from "../policy/tokenizer.ts";

/** The tokens of `text`: a count line, a header, then one line per token. */
export function tokenListing(text: string, encoding: EncodingName, fromStdin: boolean): string[] {
  const tokens = tokenize(text, encoding);
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

/** The near-miss variants as a table: visible text, token count and texts, reward, code. */
export function tokenComparison(encoding: EncodingName): string[] {
  const rows = compareVariants(undefined, encoding);
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
    `expected answer ${NEAR_MISS_EXAMPLE.expected_answer}`,
    line(head),
    ...cells.map(line),
    "\nOne visible character can change the token count and the reward. Only the first variant " +
    "earns\nreward 1; each other code names the rule it broke.",
  ];
}
