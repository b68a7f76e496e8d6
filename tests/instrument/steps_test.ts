/**
 * The named steps of the scorer, each on its own: the guarded read of the expected answer, the
 * character classes, the structure of the line and the verdict builders.
 */
import { assertEquals } from "../../lib/core/testing.ts";
import { describeThrown, isCanonicalIntText, readExpected } from "../../lib/instrument/expected.ts";
import { classify, describe } from "../../lib/instrument/chars.ts";
import { readAnswer } from "../../lib/instrument/structure.ts";
import { invalidCompletion, notSingleLine } from "../../lib/instrument/verdicts.ts";
import { UnsafeInteger } from "../../lib/core/unsafe_integer.ts";

Deno.test("readExpected() gives canonical text for a safe integer, a canonical string or a bigint", () => {
  assertEquals([
    readExpected({ expected_answer: -5 }),
    readExpected({ expected_answer: "12" }),
    readExpected({ expected_answer: 10n ** 20n }),
  ], [
    "-5",
    "12",
    "100000000000000000000",
  ]);
});

Deno.test("readExpected() quotes an integer beyond the safe range as the file wrote it", () => {
  assertEquals(readExpected({ expected_answer: new UnsafeInteger("9007199254740993") }), {
    why:
      "expected_answer 9007199254740993 is beyond the safe-integer range; give it as a canonical integer string",
  });
});

Deno.test("isCanonicalIntText() accepts 0 and -12 and refuses -0, 012, + and empty", () => {
  assertEquals(["0", "-12", "-0", "012", "+1", "", "-"].map(isCanonicalIntText), [
    true,
    true,
    false,
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("describeThrown() never throws, whatever was thrown", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const nasty = {
    get message(): string {
      throw new Error("again");
    },
  };
  assertEquals(
    [
      describeThrown(new Error("boom")),
      describeThrown(Symbol("s")),
      describeThrown(revoked.proxy),
      describeThrown(nasty),
    ],
    [
      "boom",
      "a thrown symbol",
      "an exception that cannot be inspected",
      "an exception that cannot be inspected",
    ],
  );
});

Deno.test("classify() and describe() name the characters spec v1 refuses", () => {
  assertEquals(
    [0x2212, 0x0663, 0x00a0, 0x200b, 0x0430, 0x0007].map((cp) => [classify(cp), describe(cp)]),
    [
      ["unicode_minus", "U+2212 MINUS SIGN"],
      ["unicode_digit", "U+0663 ARABIC-INDIC DIGIT THREE"],
      ["unicode_whitespace", "U+00A0 NO-BREAK SPACE"],
      ["invisible_character", "U+200B ZERO WIDTH SPACE"],
      ["non_ascii_character", "U+0430 CYRILLIC SMALL LETTER A"],
      ["control_character", "U+0007 BELL"],
    ],
  );
});

Deno.test("readAnswer() returns the integer text of a well-formed line and the first failing rule otherwise", () => {
  const code = (s: string) => {
    const r = readAnswer(s, 0, s.length, "7");
    return typeof r === "string" ? r : r.details.code;
  };
  assertEquals(
    [
      "Final: 7",
      "Final: -70",
      "final: 7",
      "Final:7",
      "Final:  7",
      "Final: +7",
      "Final: x",
      "Final: 7.0",
      "Final: 07",
      "Final: -0",
      "Final:",
    ].map(code),
    [
      "7",
      "-70",
      "missing_prefix",
      "missing_space",
      "extra_whitespace",
      "plus_sign_disallowed",
      "missing_digits",
      "non_digit_characters",
      "leading_zeros",
      "negative_zero_disallowed",
      "missing_integer",
    ],
  );
});

Deno.test("the verdict builders give plain JSON with the documented fields", () => {
  assertEquals(invalidCompletion("7", "null").details, {
    code: "invalid_completion",
    message: "The completion must be a string, got null.",
    expected: "7",
    answer: null,
    line_count: 0,
    position: null,
    char: null,
  });
  assertEquals(
    notSingleLine("7", 40).details.message,
    "The completion has 40 lines after trimming; spec v1 requires exactly one line 'Final: <int>'.",
  );
});
