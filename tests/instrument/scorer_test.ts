/**
 * The scorer's specification, spec v1, one test per rule. Each test asserts the reward and at
 * least one field of `details`. Read top to bottom, this file is the spec.
 */
import fc from "npm:fast-check@4.10.2";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { score, scorerFingerprint } from "../../lib/instrument/scorer.ts";
import { SCORE_CODES, SCORER_NAME, SCORER_VERSION, SPEC_V1 } from "../../lib/instrument/spec.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { tenMbShapes } from "./ten_mb_shapes.ts";
import { binaryString } from "../arbitraries.ts";

const TEN_MB_SHAPES = tenMbShapes();

const ex = (expected_answer: unknown) => ({ id: "t", prompt: "p", expected_answer });
const E = ex(323);

function check(completion: unknown, reward: 0 | 1, code: string, example: unknown = E) {
  const r = score(example, completion);
  assertEquals(
    [r.reward, r.details.code],
    [reward, code],
    `${JSON.stringify(completion)}: ${r.details.message}`,
  );
  return r.details;
}

// --- The exact line ---------------------------------------------------------------------------

Deno.test("score() rewards exactly 'Final: <int>' with the expected integer", () => {
  const d = check("Final: 323", 1, "ok");
  assertEquals([d.answer, d.expected, d.line_count], ["323", "323", 1]);
});

Deno.test("score() rewards zero written as 0 and negatives signed with ASCII '-'", () => {
  check("Final: 0", 1, "ok", ex(0));
  assertEquals(check("Final: -17", 1, "ok", ex(-17)).answer, "-17");
});

// --- Normalisation: the four surrounding whitespace characters, and nothing else --------------

for (
  const [name, ch] of [
    ["U+0020 SPACE", " "],
    ["U+0009 CHARACTER TABULATION", "\t"],
    ["U+000A LINE FEED", "\n"],
    ["U+000D CARRIAGE RETURN", "\r"],
  ]
) {
  Deno.test(`score() trims surrounding ${name}`, () => {
    assertEquals(check(`${ch}${ch}Final: 323${ch}`, 1, "ok").line_count, 1);
  });
}

Deno.test("score() trims a surrounding CR LF pair", () => {
  check("\r\nFinal: 323\r\n", 1, "ok");
});

Deno.test("SPEC_V1 names exactly the four trimmed characters and the two line breaks", () => {
  assertEquals(SPEC_V1.surrounding_whitespace.length, 4);
  assertEquals(SPEC_V1.line_breaks, ["U+000A LINE FEED", "U+000D CARRIAGE RETURN"]);
});

for (
  const [name, ch, code] of [
    ["U+00A0 NO-BREAK SPACE", "\u00a0", "unicode_whitespace"],
    ["U+2028 LINE SEPARATOR", "\u2028", "unicode_whitespace"],
    ["U+0085 NEXT LINE", "\u0085", "unicode_whitespace"],
    ["U+3000 IDEOGRAPHIC SPACE", "\u3000", "unicode_whitespace"],
    ["U+FEFF ZERO WIDTH NO-BREAK SPACE", "\ufeff", "invisible_character"],
    ["U+200B ZERO WIDTH SPACE", "\u200b", "invisible_character"],
    ["U+000B LINE TABULATION", "\u000b", "control_character"],
    ["U+000C FORM FEED", "\u000c", "control_character"],
  ] as const
) {
  Deno.test(`score() does not trim ${name}: it is a format failure (${code})`, () => {
    const d = check(`Final: 323${ch}`, 0, code);
    assertEquals(d.char?.startsWith(name.split(" ")[0]), true);
    assertEquals(d.position, 10);
  });
}

// --- One line ---------------------------------------------------------------------------------

Deno.test("score() rejects an empty completion (empty_completion)", () => {
  assertEquals(check("", 0, "empty_completion").line_count, 0);
  check(" \t\r\n", 0, "empty_completion");
});

Deno.test("score() rejects reasoning before the line (not_single_line) and counts the lines", () => {
  assertEquals(check("Let me think.\nFinal: 323", 0, "not_single_line").line_count, 2);
});

Deno.test("score() treats LF, CR and CR LF inside the text as line breaks", () => {
  assertEquals(check("a\nb\rc\r\nFinal: 323", 0, "not_single_line").line_count, 4);
});

Deno.test("score() reports the line break even when a non-ASCII character comes first", () => {
  check("Final: \u2212\n3", 0, "not_single_line"); // short text
  check("\u00a0" + "x".repeat(100) + "\nFinal: 3", 0, "not_single_line"); // medium
  check("\u00a0" + "x".repeat(1000) + "\rFinal: 3", 0, "not_single_line"); // long
});

// --- Characters outside printable ASCII, each with its own code -------------------------------

Deno.test("score() rejects U+2212 MINUS SIGN (unicode_minus) and names it", () => {
  const d = check("Final: \u2212323", 0, "unicode_minus", ex(-323));
  assertEquals([d.position, d.char], [7, "U+2212 MINUS SIGN"]);
});

Deno.test("score() rejects dash look-alikes: en dash, full-width hyphen-minus (unicode_minus)", () => {
  check("Final: \u2013323", 0, "unicode_minus", ex(-323));
  check("Final: \uff0d323", 0, "unicode_minus", ex(-323));
});

Deno.test("score() rejects Arabic-Indic, full-width and superscript digits (unicode_digit)", () => {
  assertEquals(
    check("Final: \u0663\u0662\u0663", 0, "unicode_digit").char,
    "U+0663 ARABIC-INDIC DIGIT THREE",
  );
  assertEquals(
    check("Final: \uff13\uff12\uff13", 0, "unicode_digit").char,
    "U+FF13 FULLWIDTH DIGIT THREE",
  );
  assertEquals(check("Final: 3\u00b2", 0, "unicode_digit", ex(32)).char, "U+00B2 SUPERSCRIPT TWO");
});

Deno.test("score() rejects a non-breaking space inside the line (unicode_whitespace)", () => {
  assertEquals(check("Final:\u00a0323", 0, "unicode_whitespace").position, 6);
});

Deno.test("score() rejects zero-width characters inside the line (invisible_character)", () => {
  assertEquals(
    check("Final: 32\u200d3", 0, "invisible_character").char,
    "U+200D ZERO WIDTH JOINER",
  );
});

Deno.test("score() rejects look-alike letters (non_ascii_character)", () => {
  const d = check("F\u0456nal: 323", 0, "non_ascii_character");
  assertEquals(d.char, "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I");
});

Deno.test("score() rejects ASCII control characters inside the line (control_character)", () => {
  assertEquals(check("Final: 3\u000023", 0, "control_character").char, "U+0000 NULL");
});

Deno.test("score() names a lone surrogate instead of throwing (non_ascii_character)", () => {
  assert(check("Final: 323\ud800", 0, "non_ascii_character").char?.includes("lone surrogate"));
});

// --- The prefix and the separator --------------------------------------------------------------

Deno.test("score() requires the prefix 'Final:' (missing_prefix)", () => {
  check("The answer is 323.", 0, "missing_prefix");
  check("323", 0, "missing_prefix");
  check("Final : 323", 0, "missing_prefix");
});

Deno.test("score() treats the prefix as case-sensitive (missing_prefix) and says so", () => {
  for (const line of ["final: 323", "FINAL: 323", "fInAl: 323"]) {
    assert(check(line, 0, "missing_prefix").message.includes("case-sensitive"), line);
  }
  for (const line of ["fin@l: 323", "Finalx 323", "final"]) { // no other spelling gets the hint
    assert(!check(line, 0, "missing_prefix").message.includes("case-sensitive"), line);
  }
});

Deno.test("score() requires a space after 'Final:' (missing_space)", () => {
  assertEquals(check("Final:323", 0, "missing_space").position, 6);
});

Deno.test("score() allows exactly one ASCII space: two spaces or a tab fail (extra_whitespace)", () => {
  assertEquals(check("Final:  323", 0, "extra_whitespace").char, "U+0020 SPACE");
  assertEquals(check("Final:\t323", 0, "extra_whitespace").char, "U+0009 CHARACTER TABULATION");
  check("Final: \t323", 0, "extra_whitespace");
});

Deno.test("score() requires an integer after the prefix (missing_integer)", () => {
  check("Final:", 0, "missing_integer");
  check("Final:   ", 0, "missing_integer");
});

// --- The integer -----------------------------------------------------------------------------

Deno.test("score() rejects a '+' sign (plus_sign_disallowed)", () => {
  assertEquals(check("Final: +323", 0, "plus_sign_disallowed").char, "U+002B PLUS SIGN");
});

Deno.test("score() requires digits after the sign (missing_digits)", () => {
  check("Final: -", 0, "missing_digits");
  check("Final: -x", 0, "missing_digits");
  check("Final: three hundred", 0, "missing_digits");
});

for (
  const [what, text, char] of [
    ["a trailing period", "Final: 323.", "U+002E FULL STOP"],
    ["a decimal", "Final: 323.0", "U+002E FULL STOP"],
    ["a thousands comma", "Final: 3,230", "U+002C COMMA"],
    ["an underscore", "Final: 3_230", "U+005F LOW LINE"],
    ["an exponent", "Final: 3e2", "U+0065 LATIN SMALL LETTER E"],
    ["a unit", "Final: 323 apples", "U+0020 SPACE"],
    ["a word", "Final: 323abc", "U+0061 LATIN SMALL LETTER A"],
  ] as const
) {
  Deno.test(`score() rejects ${what} after the digits (non_digit_characters)`, () => {
    assertEquals(check(text, 0, "non_digit_characters").char, char);
  });
}

Deno.test("score() rejects leading zeros except '0' itself (leading_zeros)", () => {
  assertEquals(check("Final: 0323", 0, "leading_zeros").answer, "0323");
  check("Final: 00", 0, "leading_zeros", ex(0));
  check("Final: -0323", 0, "leading_zeros", ex(-323));
});

Deno.test("score() rejects '-0' (negative_zero_disallowed)", () => {
  assertEquals(check("Final: -0", 0, "negative_zero_disallowed", ex(0)).answer, "-0");
});

// --- The comparison -----------------------------------------------------------------------------

Deno.test("score() gives 0 for a well-formed wrong integer (wrong_answer)", () => {
  const d = check("Final: 322", 0, "wrong_answer");
  assertEquals([d.answer, d.expected], ["322", "323"]);
});

Deno.test("score() compares exactly beyond 2^53: 9007199254740993 is not 9007199254740992", () => {
  check("Final: 9007199254740992", 0, "wrong_answer", ex("9007199254740993"));
  check("Final: 9007199254740993", 1, "ok", ex("9007199254740993"));
});

Deno.test("score() compares huge integers exactly, digit for digit", () => {
  const big = "1" + "0".repeat(400);
  check(`Final: ${big}`, 1, "ok", ex(big));
  check(`Final: ${big}1`, 0, "wrong_answer", ex(big));
});

Deno.test("score() accepts a bigint expected_answer from a JavaScript caller", () => {
  check("Final: 12345678901234567890", 1, "ok", ex(12345678901234567890n));
});

// --- The example -----------------------------------------------------------------------------

for (
  const [what, value] of [
    ["a float (3.7)", 3.7],
    ["true", true],
    ["null", null],
    ['the string "0323"', "0323"],
    ['the string "-0"', "-0"],
    ['the string "+5"', "+5"],
    ['the string "1e3"', "1e3"],
    ["an unsafe number (2^53 + 2)", 9007199254740994],
    ["-0", -0],
    ["NaN", NaN],
    ["an array", [3]],
  ] as const
) {
  Deno.test(`score() rejects an example whose expected_answer is ${what} (invalid_example)`, () => {
    const d = check("Final: 3", 0, "invalid_example", ex(value));
    assertEquals(d.expected, null);
  });
}

Deno.test("score() rejects an example without expected_answer (invalid_example)", () => {
  assert(
    check("Final: 0", 0, "invalid_example", { id: "x" }).message.includes("no expected_answer"),
  );
});

Deno.test("score() rejects a non-object example (invalid_example)", () => {
  for (const e of [null, undefined, 3, "x", [1]]) {
    assertEquals(score(e, "Final: 3").details.code, "invalid_example", String(e));
  }
});

Deno.test("score() rejects a non-string completion (invalid_completion)", () => {
  for (const c of [null, undefined, 323, { completion: "Final: 323" }, ["Final: 323"]]) {
    check(c, 0, "invalid_completion");
  }
});

Deno.test("score() survives a hostile example whose getter throws", () => {
  const hostile = {
    get expected_answer(): number {
      throw new Error("boom");
    },
  };
  check("Final: 3", 0, "invalid_example", hostile);
});

// --- Golden sets -------------------------------------------------------------------------------

Deno.test("golden_correct.jsonl: every in-spec completion scores 1", async () => {
  const rows = await readJsonl(dataPath("golden/golden_correct.jsonl"));
  assert(rows.length >= 10);
  for (const { value } of rows) {
    const g = value as { completion: string; rule: string };
    assertEquals(score(g, g.completion).reward, 1, g.rule);
  }
});

Deno.test("golden_exploits.jsonl: every exploit scores 0 with its expected code", async () => {
  const rows = await readJsonl(dataPath("golden/golden_exploits.jsonl"));
  for (const { value } of rows) {
    const g = value as { completion: unknown; expected_code: string; rule: string };
    const r = score(g, g.completion);
    assertEquals([r.reward, r.details.code], [0, g.expected_code], g.rule);
  }
});

Deno.test("golden_exploits.jsonl covers every failure code of spec v1", async () => {
  const rows = await readJsonl(dataPath("golden/golden_exploits.jsonl"));
  const covered = new Set(
    rows.map(({ value }) => (value as { expected_code: string }).expected_code),
  );
  for (const code of SCORE_CODES) {
    if (code !== "ok") assert(covered.has(code), `no exploit for ${code}`);
  }
});

// --- Contract properties ---------------------------------------------------------------------

Deno.test("SCORE_CODES lists every code and SPEC_V1 has a rule for each failure code", () => {
  const ruled = new Set(SPEC_V1.rules.map((r) => r.code));
  for (const code of SCORE_CODES) if (code !== "ok") assert(ruled.has(code), code);
  assertEquals(SCORE_CODES.length, new Set(SCORE_CODES).size);
});

Deno.test("score() is deterministic: the same input gives a deep-equal result", () => {
  for (const c of ["Final: 323", "Final: \u2212323", "x\ny", "", "Final: 0323"]) {
    assertEquals(score(E, c), score(E, c));
  }
});

Deno.test("score() details are plain JSON: they survive a JSON round trip unchanged", () => {
  for (const c of ["Final: 323", "Final: \u2212323", "Final:  1", null]) {
    const r = score(E, c);
    assertEquals(JSON.parse(JSON.stringify(r)), r);
  }
});

Deno.test("score() is total over arbitrary strings (property-based)", () => {
  fc.assert(
    fc.property(binaryString(200), fc.integer(), (s, n) => {
      const r = score(ex(n), s);
      return (r.reward === 0 || r.reward === 1) && SCORE_CODES.includes(r.details.code) &&
        r.details.message.length > 0;
    }),
    { numRuns: 5000 },
  );
});

Deno.test("score() is total over arbitrary JSON values as example and completion (property-based)", () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (e, c) => {
      const r = score(e, c);
      return (r.reward === 0 || r.reward === 1) && typeof r.details.message === "string";
    }),
    { numRuns: 3000 },
  );
});

Deno.test("score() rewards exactly the canonical line for any integer (property-based)", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (n) => {
      const text = n.toString();
      return score(ex(text), `Final: ${text}`).reward === 1 &&
        score(ex(text), `Final: ${n + 1n}`).reward === 0;
    }),
    { numRuns: 3000 },
  );
});

/**
 * Each 10 MB shape's verdict against the answer 323: [code, line_count, position, the answer's
 * length]. Their speed (each within a few linear passes over the text) is a target of
 * `deno task bench` (tests/bench/scorer_bench.ts), not an assertion here.
 */
const TEN_MB_VERDICTS: Record<string, [string, number, number | null, number | null]> = {
  "CR LF ×5M (all trimmed)": ["empty_completion", 0, null, null],
  "LF ×10M (all trimmed)": ["empty_completion", 0, null, null],
  "CR ×10M (all trimmed)": ["empty_completion", 0, null, null],
  "SPACE ×10M (all trimmed)": ["empty_completion", 0, null, null],
  "TAB ×10M (all trimmed)": ["empty_completion", 0, null, null],
  "SPACE TAB CR LF mix (all trimmed)": ["empty_completion", 0, null, null],
  "'a' CR LF ×3.3M (3.3M lines)": ["not_single_line", 3333333, null, null],
  "'a' CR ×5M (5M lines)": ["not_single_line", 5000000, null, null],
  "'a' LF ×5M (5M lines)": ["not_single_line", 5000000, null, null],
  "CR CR LF after 'a' (mixed breaks)": ["missing_prefix", 1, 0, null],
  "'x' then 10 MB of SPACE": ["missing_prefix", 1, 0, null],
  "10 MB of SPACE then 'x'": ["missing_prefix", 1, 10000000, null],
  "10 MB of TAB CR LF around 'Final: 7'": ["wrong_answer", 1, null, 1],
  "SPACE inside the line": ["non_digit_characters", 1, 8, null],
  "TAB inside the line": ["non_digit_characters", 1, 8, null],
  "one LF after 10 MB of 'x'": ["not_single_line", 2, null, null],
  "10 MB of digits": ["wrong_answer", 1, null, 10000000],
  "10 MB of digits then NO-BREAK SPACE": ["unicode_whitespace", 1, 10000007, null],
  "10 MB of letters after the integer": ["non_digit_characters", 1, 8, null],
};

Deno.test("every 10 MB shape has its verdict pinned", () => {
  assertEquals(Object.keys(TEN_MB_VERDICTS), Object.keys(TEN_MB_SHAPES));
});

for (const [shape, text] of Object.entries(TEN_MB_SHAPES)) {
  Deno.test(`score() gives a 10 MB completion (${shape}) its verdict`, () => {
    const d = score(E, text).details;
    assertEquals(
      [d.code, d.line_count, d.position, d.answer?.length ?? null],
      TEN_MB_VERDICTS[shape],
    );
  });
}

Deno.test("the scorer is versioned and fingerprinted", () => {
  assertEquals([SCORER_NAME, SCORER_VERSION], ["final-int-strict", "1.0.0"]);
  assert(/^[0-9a-f]{64}$/.test(scorerFingerprint()));
});

Deno.test("score() counts LF, CR and CR LF as one break each, sparse or dense (property-based)", () => {
  const piece = fc.constantFrom("\n", "\r", "\r\n", "\r\r", "\n\r", "a", "bb", " ", "x".repeat(40));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 400 }), (parts) => {
      const text = "a" + parts.join("") + "b";
      const want = text.split(/\r\n|\r|\n/).length;
      const r = score(E, text);
      return want === 1 ? r.details.code !== "not_single_line" : r.details.line_count === want;
    }),
    { numRuns: 2000 },
  );
});

Deno.test("score() trims whitespace runs longer than its short-text loops exactly", () => {
  for (const n of [31, 32, 33, 4095, 4096, 4097, 9000]) {
    const ws = " \t\r\n".repeat(n).slice(0, n);
    check(`${ws}Final: 323${ws}`, 1, "ok");
    check(`${ws}Final:  323${ws}`, 0, "extra_whitespace");
    assertEquals(score(E, ws).details.code, "empty_completion");
  }
});
