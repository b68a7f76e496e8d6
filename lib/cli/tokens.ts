/**
 * `deno task tokens`: shows how a text splits into tokens (ids and visible texts), or with
 * `--compare` the course's near-miss completions side by side with the strict scorer's verdict.
 * Parses flags, calls `lib/policy/tokenizer.ts`, prints. Writes nothing.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { SCORER_NAME, SCORER_VERSION } from "../instrument/scorer.ts";
import {
  compareVariants,
  type EncodingName,
  ENCODINGS,
  NEAR_MISS_EXAMPLE,
  tokenize,
} from "../policy/tokenizer.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task tokens [--encoding NAME] "TEXT"
       deno task tokens [--encoding NAME] < file.txt
       deno task tokens [--encoding NAME] --compare

Prints each token of TEXT (or of standard input when no TEXT is given, exactly as read) with
its id and its text, whitespace made visible.

Options:
  --encoding NAME  ${ENCODINGS.join(" or ")} (default ${ENCODINGS[0]})
  --compare        tokenise and score the near-miss variants of "Final: 323" instead
  -h, --help       show this help

In token texts: ␣ is a space, \\n a newline, \\t a tab, \\r a carriage return, \\\\ a backslash,
\\u{HEX} an invisible or unusual character (in --compare: every non-ASCII character), and
\\xHH one byte of a character that is split across tokens.`;

const FLAGS = {
  encoding: { type: "string" },
  compare: { type: "boolean" },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, { positionals: true });
  const name = values.encoding ?? ENCODINGS[0];
  if (typeof name !== "string" || !(ENCODINGS as readonly string[]).includes(name)) {
    throw new UsageError(
      `--encoding must be one of ${ENCODINGS.join(", ")}, got ${JSON.stringify(name)}`,
    );
  }
  const encoding = name as EncodingName;
  if (positionals.length > 1) {
    throw new UsageError(`give the text as one argument (quote it), got ${positionals.length}`);
  }
  if (values.compare) {
    if (positionals.length > 0) throw new UsageError("--compare takes no text");
    printComparison(encoding);
    return 0;
  }
  const fromStdin = positionals.length === 0;
  const text = fromStdin ? await new Response(Deno.stdin.readable).text() : positionals[0];
  printTokens(text, encoding, fromStdin);
  return 0;
}

function printTokens(text: string, encoding: EncodingName, fromStdin: boolean): void {
  const tokens = tokenize(text, encoding);
  const bytes = new TextEncoder().encode(text).length;
  console.log(
    `${encoding}: ${tokens.length} token(s) for ${[...text].length} character(s), ${bytes} UTF-8 ` +
      `byte(s)${fromStdin ? " read from standard input (a trailing newline counts)" : ""}`,
  );
  const idWidth = Math.max(2, ...tokens.map((t) => String(t.id).length));
  const posWidth = Math.max(1, String(tokens.length - 1).length);
  console.log(`  ${"#".padStart(posWidth)}  ${"id".padStart(idWidth)}  text`);
  tokens.forEach((t, i) => {
    console.log(`  ${String(i).padStart(posWidth)}  ${String(t.id).padStart(idWidth)}  ${t.shown}`);
  });
}

function printComparison(encoding: EncodingName): void {
  const rows = compareVariants(undefined, encoding);
  console.log(
    `near-miss variants under ${encoding}, scored by ${SCORER_NAME} ${SCORER_VERSION} against ` +
      `expected answer ${NEAR_MISS_EXAMPLE.expected_answer}`,
  );
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
  console.log(line(head));
  for (const row of cells) console.log(line(row));
  console.log(
    "\nOne visible character can change the token count and the reward. Only the first variant " +
      "earns\nreward 1; each other code names the rule it broke.",
  );
}

if (import.meta.main) await runCli(USAGE, () => main(Deno.args));
