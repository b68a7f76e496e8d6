/**
 * `deno task tokens`: how a text splits into tokens (ids and visible texts), or with `--compare`
 * the near-miss completions side by side with the strict scorer's verdict. Writes nothing.
 * @module
 */
import { UsageError } from "../core/errors.ts";
import { InputError } from "../core/errors.ts";
import { readTextUpTo } from "../core/stdin.ts";
import {
  compareVariants,
  type EncodingName,
  ENCODINGS,
  NEAR_MISS_EXAMPLE,
  tokenize,
  TOKENS_MAX_CHARS,
} from "../policy/tokenizer.ts";
import { tokenComparison, tokenListing } from "../present/tokens_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const TOKENS = {
  name: "deno task tokens",
  summary: "Prints each token of TEXT (or of standard input, exactly as read) with its id and " +
    "its text, whitespace made visible: ␣ a space, \\n a newline, \\t a tab, \\r a carriage " +
    "return, \\\\ a backslash, \\u{HEX} an invisible or unusual character, \\xHH one byte of a " +
    `character split across tokens. TEXT holds at most ${
      TOKENS_MAX_CHARS.toLocaleString("en")
    } characters.`,
  flags: {
    encoding: flag.str("NAME", "the tokenizer", { default: ENCODINGS[0], choices: ENCODINGS }),
    compare: flag.bool('tokenise and score the near-miss variants of "Final: 323"'),
  },
  positionals: { arg: '["TEXT"]', help: "the text (quote it); standard input when absent" },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(TOKENS, async (f, positionals) => {
    const encoding = f.encoding as EncodingName;
    if (positionals.length > 1) {
      throw new UsageError(`give the text as one argument (quote it), got ${positionals.length}`);
    }
    if (f.compare) {
      if (positionals.length > 0) throw new UsageError("--compare takes no text");
      const rows = compareVariants(undefined, encoding);
      console.log(tokenComparison(rows, encoding, NEAR_MISS_EXAMPLE.expected_answer).join("\n"));
      return 0;
    }
    const fromStdin = positionals.length === 0;
    const text = fromStdin
      ? await readTextUpTo(Deno.stdin.readable, TOKENS_MAX_CHARS, "standard input")
      : positionals[0];
    const chars = [...text].length;
    if (chars > TOKENS_MAX_CHARS) {
      throw new InputError(
        null,
        null,
        `the text has ${chars} characters; the cap is ${TOKENS_MAX_CHARS}`,
      );
    }
    console.log(tokenListing(text, tokenize(text, encoding), encoding, fromStdin).join("\n"));
    return 0;
  });
}
