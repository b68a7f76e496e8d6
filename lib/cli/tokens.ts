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
  TOKENS_MAX_CHARS,
} from "../policy/tokenizer.ts";
import { InputError } from "../core/errors.ts";
import { parseFlags, runCli } from "./common.ts";

const USAGE = `Usage: deno task tokens [--encoding NAME] "TEXT"
       deno task tokens [--encoding NAME] < file.txt
       deno task tokens [--encoding NAME] --compare

Prints each token of TEXT (or of standard input when no TEXT is given, exactly as read) with
its id and its text, whitespace made visible. TEXT holds at most ${
  TOKENS_MAX_CHARS.toLocaleString("en")
} characters
(Unicode code points); a longer one is refused (exit 2).

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
  const text = fromStdin ? await readStdin() : positionals[0];
  const chars = [...text].length;
  if (chars > TOKENS_MAX_CHARS) {
    throw new InputError(
      fromStdin ? "standard input" : null,
      null,
      `the text has ${chars} characters; deno task tokens reads at most ${TOKENS_MAX_CHARS}`,
    );
  }
  printTokens(text, encoding, fromStdin);
  return 0;
}

/** Standard input, read up to the cap (4 bytes per character at most) and no further. */
async function readStdin(): Promise<string> {
  const max = 4 * TOKENS_MAX_CHARS + 1, buf = new Uint8Array(max);
  let n = 0;
  for await (const chunk of Deno.stdin.readable) {
    const take = Math.min(chunk.length, max - n);
    buf.set(chunk.subarray(0, take), n);
    n += take;
    if (n === max) break;
  }
  if (n === max) {
    throw new InputError(
      "standard input",
      null,
      `holds more than ${TOKENS_MAX_CHARS} characters; deno task tokens reads at most that`,
    );
  }
  return new TextDecoder().decode(buf.subarray(0, n));
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
