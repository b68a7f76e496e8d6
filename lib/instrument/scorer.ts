/**
 * The instrument: `score(example, completion) -> { reward, details }` under spec v1.
 *
 * A completion earns reward 1 only when, after removing surrounding whitespace, it is exactly one
 * line `Final: <int>` whose integer equals the example's `expected_answer`. Every 0 carries a
 * stable `code` and a one-sentence `message`; format failures also name the position and the
 * offending character (`U+2212 MINUS SIGN`). The full rules are {@link SPEC_V1} (data) and
 * MEASUREMENT_RULES.md (prose); tests/scorer_test.ts pins one test to each rule.
 *
 * Properties the tests hold it to:
 * - total: any JavaScript values in, a result out; it never throws;
 * - deterministic: the same input gives a deep-equal result;
 * - exact: integers are compared as canonical decimal text, never through a float;
 * - linear: one left-to-right pass, no backtracking regular expression on the completion.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { score } from "./scorer.ts";
 * const example = { id: "q1", prompt: "Compute 17*19.", expected_answer: 323 };
 * assertEquals(score(example, "Final: 323").reward, 1);
 * assertEquals(score(example, "Final: −323").details.code, "unicode_minus");
 * ```
 * @module
 */
import { describeChar } from "./unicode_names.ts";
import { sha256Text } from "../core/hash.ts";

/** The scorer's name: recorded in every manifest, compared by the gate. */
export const SCORER_NAME = "final-int-strict";

/**
 * The scorer's version. Bump it with every change of behaviour; the gate treats a changed
 * {@link scorerFingerprint} under the same version as an unversioned change of the instrument.
 */
export const SCORER_VERSION = "1.0.0";

/** Every code the scorer can return, in the order the checks run. */
export const SCORE_CODES = [
  "ok",
  "invalid_example",
  "invalid_completion",
  "empty_completion",
  "not_single_line",
  "control_character",
  "unicode_minus",
  "unicode_digit",
  "unicode_whitespace",
  "invisible_character",
  "non_ascii_character",
  "missing_prefix",
  "missing_space",
  "extra_whitespace",
  "missing_integer",
  "plus_sign_disallowed",
  "missing_digits",
  "non_digit_characters",
  "leading_zeros",
  "negative_zero_disallowed",
  "wrong_answer",
] as const;

/** One of {@link SCORE_CODES}. */
export type ScoreCode = typeof SCORE_CODES[number];

/** What the scorer saw and decided. Plain JSON: no classes, no undefined. */
export interface ScoreDetails {
  /** `"ok"` when rewarded, otherwise the failure code (stable across versions). */
  code: ScoreCode;
  /** One human sentence saying why. */
  message: string;
  /** The expected answer as canonical integer text, or null when the example is invalid. */
  expected: string | null;
  /** The integer text found after `Final: `, or null when parsing stopped before it. */
  answer: string | null;
  /** Lines in the completion after trimming (0 when empty or not a string). */
  line_count: number;
  /** 0-based index (UTF-16 code units) of the offending character in the original completion. */
  position: number | null;
  /** The offending character as `U+XXXX NAME`, or null. */
  char: string | null;
}

/** The scorer's verdict: reward 1 or 0, and why. */
export interface ScoreResult {
  reward: 0 | 1;
  details: ScoreDetails;
}

/** A rule of spec v1: its code and what it says. */
export interface SpecRule {
  code: ScoreCode;
  rule: string;
}

/**
 * Spec v1 as data: what is whitespace, what is a line break, and the rules in the order they
 * are checked (the first rule that fails names the code).
 */
export const SPEC_V1 = {
  name: SCORER_NAME,
  version: SCORER_VERSION,
  format: "Final: <int>",
  /** Removed from both ends of the completion, and nowhere else. Nothing else is normalised. */
  surrounding_whitespace: [
    "U+0020 SPACE",
    "U+0009 CHARACTER TABULATION",
    "U+000A LINE FEED",
    "U+000D CARRIAGE RETURN",
  ],
  /** Inside the trimmed completion these split lines (CR LF counts as one break). */
  line_breaks: ["U+000A LINE FEED", "U+000D CARRIAGE RETURN"],
  rules: [
    {
      code: "invalid_example",
      rule: "expected_answer is a JSON integer in the safe range (|n| <= 2^53 - 1, not -0) or a " +
        "canonical integer string (ASCII digits, optional leading '-', no leading zeros, no '-0'); " +
        "anything else is never coerced",
    },
    { code: "invalid_completion", rule: "the completion is a string" },
    { code: "empty_completion", rule: "something remains after removing surrounding whitespace" },
    { code: "not_single_line", rule: "the trimmed completion contains no line break" },
    {
      code: "control_character",
      rule: "no ASCII control character (U+0000 to U+001F except TAB, and U+007F) appears",
    },
    {
      code: "unicode_minus",
      rule: "no dash look-alike (U+2212 MINUS SIGN, U+2010 to U+2015, U+FE58, U+FE63, U+FF0D, " +
        "U+2796) appears: only ASCII '-' signs the integer",
    },
    {
      code: "unicode_digit",
      rule: "no digit outside ASCII appears (Arabic-Indic, full-width, superscript, subscript…)",
    },
    {
      code: "unicode_whitespace",
      rule: "no space outside ASCII appears (NO-BREAK SPACE, THIN SPACE, LINE SEPARATOR…)",
    },
    {
      code: "invisible_character",
      rule: "no invisible formatting character appears (ZERO WIDTH SPACE, WORD JOINER, BOM…)",
    },
    { code: "non_ascii_character", rule: "no other character outside ASCII appears" },
    { code: "missing_prefix", rule: "the line starts with 'Final:' (case-sensitive)" },
    { code: "missing_space", rule: "'Final:' is followed by one ASCII space" },
    {
      code: "extra_whitespace",
      rule: "exactly one ASCII space separates 'Final:' from the integer (no tab, no second space)",
    },
    { code: "missing_integer", rule: "something follows 'Final: '" },
    { code: "plus_sign_disallowed", rule: "the integer has no '+' sign" },
    {
      code: "missing_digits",
      rule: "the integer starts with an ASCII digit, or '-' followed by an ASCII digit",
    },
    {
      code: "non_digit_characters",
      rule: "nothing but ASCII digits follows the sign: no '.', ',', '_', exponent, unit or word",
    },
    { code: "leading_zeros", rule: "the integer has no leading zero (except '0' itself)" },
    { code: "negative_zero_disallowed", rule: "the integer is not '-0'" },
    {
      code: "wrong_answer",
      rule: "the integer equals expected_answer, compared exactly as decimal text",
    },
  ] satisfies SpecRule[],
} as const;

// ---------------------------------------------------------------------------------------------
// The expected answer: validated, never coerced.

/** Canonical integer text: `0`, or an optional `-` then a non-zero ASCII digit and more digits. */
function isCanonicalIntText(s: string): boolean {
  const n = s.length;
  let i = 0;
  if (n > 0 && s.charCodeAt(0) === 45) i = 1; // '-'
  if (i === n) return false;
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1; // "0" alone; "-0" and "0…" are not canonical
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The canonical text of a valid expected answer, or null when it is invalid (then
 * {@link whyInvalid} says why). Split in two so the common path allocates nothing. Data loaders
 * use the same pair, so a file and the scorer can never disagree on what is valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { expectedText } from "./scorer.ts";
 * assertEquals([expectedText({ expected_answer: -5 }), expectedText({ expected_answer: 3.7 })], ["-5", null]);
 * ```
 */
export function expectedText(example: unknown): string | null {
  if (typeof example !== "object" || example === null) return null;
  const ea = (example as { expected_answer?: unknown }).expected_answer;
  if (typeof ea === "number") {
    return Number.isSafeInteger(ea) && !Object.is(ea, -0) && !Array.isArray(example)
      ? String(ea)
      : null;
  }
  if (typeof ea === "string") return isCanonicalIntText(ea) && !Array.isArray(example) ? ea : null;
  if (typeof ea === "bigint") return Array.isArray(example) ? null : ea.toString();
  return null;
}

/** The sentence saying why `expectedText(example)` is null (for a valid example: unspecified). */
export function whyInvalid(example: unknown): string {
  if (typeof example !== "object" || example === null || Array.isArray(example)) {
    return `the example must be an object, got ${kindOf(example)}`;
  }
  if (!("expected_answer" in example)) return "the example has no expected_answer field";
  const ea = (example as { expected_answer: unknown }).expected_answer;
  if (typeof ea === "number") {
    if (!Number.isInteger(ea)) return `expected_answer ${ea} is not an integer`;
    if (Object.is(ea, -0)) return "expected_answer is -0, which is not canonical";
    return `expected_answer ${ea} is beyond the safe-integer range; give it as a canonical integer string`;
  }
  if (typeof ea === "string") {
    return `expected_answer ${quote(ea)} is not a canonical integer string`;
  }
  return `expected_answer must be an integer, got ${kindOf(ea)}`;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "boolean") return `the boolean ${v}`;
  if (typeof v === "string") return `the string ${quote(v)}`;
  if (typeof v === "number") return `the number ${v}`;
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** `JSON.stringify(clip(s))`, with a fast path for short printable ASCII (the common case). */
function quote(s: string): string {
  if (s.length > 40) return JSON.stringify(clip(s));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

// ---------------------------------------------------------------------------------------------
// Characters outside the allowed set: classified on the failure path only.

const DASHES = new Set([
  0x2010,
  0x2011,
  0x2012,
  0x2013,
  0x2014,
  0x2015,
  0x2212,
  0x2796,
  0xfe58,
  0xfe63,
  0xff0d,
]);
const SUPER_SUB_DIGITS = /[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]/;

function classify(cp: number): ScoreCode {
  if (cp < 0x80) return "control_character";
  if (DASHES.has(cp)) return "unicode_minus";
  if (cp >= 0xd800 && cp <= 0xdfff) return "non_ascii_character"; // lone surrogate
  const ch = String.fromCodePoint(cp);
  if (/\p{Nd}/u.test(ch) || SUPER_SUB_DIGITS.test(ch)) return "unicode_digit";
  if (/\p{Zs}/u.test(ch) || cp === 0x2028 || cp === 0x2029 || cp === 0x0085) {
    return "unicode_whitespace";
  }
  if (/\p{Cf}/u.test(ch)) return "invisible_character";
  return "non_ascii_character";
}

const CLASS_SENTENCE: Partial<Record<ScoreCode, string>> = {
  control_character: "is an ASCII control character, which spec v1 does not allow",
  unicode_minus: "looks like a minus but is not ASCII '-' (U+002D), the only sign spec v1 accepts",
  unicode_digit: "is a digit outside ASCII; spec v1 accepts only 0-9",
  unicode_whitespace: "is a space outside ASCII; spec v1 only trims ASCII space, tab, CR and LF",
  invisible_character: "is an invisible character hidden in the line",
  non_ascii_character: "is outside ASCII; it may look like an ASCII letter but is not one",
};

// ---------------------------------------------------------------------------------------------
// The result builders.

function result(
  reward: 0 | 1,
  code: ScoreCode,
  message: string,
  expected: string | null,
  answer: string | null,
  lineCount: number,
  position: number | null,
  char: string | null,
): ScoreResult {
  return {
    reward,
    details: { code, message, expected, answer, line_count: lineCount, position, char },
  };
}

function charAtFailure(
  s: string,
  pos: number,
  code: ScoreCode,
  expected: string,
  answer: string | null,
  sentence: string,
): ScoreResult {
  const name = describe(s.codePointAt(pos) ?? 0);
  return result(
    0,
    code,
    `${sentence} (${name} at position ${pos}).`,
    expected,
    answer,
    1,
    pos,
    name,
  );
}

/** Lines up to this long are scanned in one JavaScript loop. */
const SHORT = 32;
/** Lines longer than this are scanned natively. */
const LONG = 256;
/** Any character outside printable ASCII other than TAB (a linear, non-backtracking class). */
const NOT_PRINTABLE = /[^\t\x20-\x7e]/g;
/** Any character that is not an ASCII digit. */
const NOT_DIGIT = /[^0-9]/g;

/** Scan result: the trimmed text holds a line break (LF or CR). */
const LINE_BREAK = -2;

/** True when s[start, end) holds a line break; native scans, fast at any length. */
function hasLineBreak(s: string, start: number, end: number): boolean {
  const lf = s.indexOf("\n", start);
  if (lf !== -1 && lf < end) return true;
  const cr = s.indexOf("\r", start);
  return cr !== -1 && cr < end;
}

/**
 * One scan of the trimmed text s[start, end): LINE_BREAK when it holds a line break anywhere
 * (that failure wins), else the index of the first character outside printable ASCII and TAB,
 * else -1. Line breaks are found with native scans; the character check is one JavaScript loop
 * for short text and one native character-class search for long text.
 */
function scan(s: string, start: number, end: number): number {
  if (end - start <= SHORT) {
    // The common case, a short line: one JavaScript loop stops at the first unusual character,
    // cheaper than two native calls; a line break anywhere still wins.
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if ((c < 32 || c > 126) && c !== 9) {
        return c === 10 || c === 13 || hasLineBreak(s, i + 1, end) ? LINE_BREAK : i;
      }
    }
    return -1;
  }
  if (hasLineBreak(s, start, end)) return LINE_BREAK;
  if (end - start > LONG) {
    NOT_PRINTABLE.lastIndex = start;
    const m = NOT_PRINTABLE.exec(s);
    return m !== null && m.index < end ? m.index : -1;
  }
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 || c > 126) && c !== 9) return i;
  }
  return -1;
}

const described = new Map<number, string>();

/** {@link describeChar}, memoised: the same few characters fail again and again. */
function describe(cp: number): string {
  let name = described.get(cp);
  if (name === undefined) {
    name = describeChar(cp);
    if (described.size < 4096) described.set(cp, name);
  }
  return name;
}

/** Counts lines in s[start, end): LF, CR and CR LF each end a line. */
function countLines(s: string, start: number, end: number): number {
  // Native scans: every LF and every CR ends a line, except the CR of a CR LF pair.
  let lines = 1;
  for (let i = s.indexOf("\n", start); i !== -1 && i < end; i = s.indexOf("\n", i + 1)) lines++;
  for (let i = s.indexOf("\r", start); i !== -1 && i < end; i = s.indexOf("\r", i + 1)) {
    if (i + 1 >= end || s.charCodeAt(i + 1) !== 10) lines++;
  }
  return lines;
}

/** The not_single_line sentence, prebuilt for common line counts. */
const MULTILINE = Array.from({ length: 32 }, (_, k) => multilineMessage(k));
function multilineMessage(lines: number): string {
  return `The completion has ${lines} lines after trimming; spec v1 requires exactly one line 'Final: <int>'.`;
}

// ---------------------------------------------------------------------------------------------
// The scorer.

/**
 * Scores one completion against one example under spec v1.
 *
 * @param example an object with `expected_answer` (other fields are ignored)
 * @param completion the model's output; anything that is not a string scores 0
 * @returns `{ reward, details }`; never throws
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { score } from "./scorer.ts";
 * const r = score({ expected_answer: "9007199254740993" }, "Final: 9007199254740992");
 * assertEquals([r.reward, r.details.code], [0, "wrong_answer"]);
 * ```
 */
export function score(example: unknown, s: unknown): ScoreResult {
  // The example is the only caller-made object read here; a hostile one (a throwing getter, a
  // revoked Proxy) must not make the scorer throw. Nothing else is guarded: a bug in the scorer
  // itself should fail the tests loudly, not hide behind a code.
  let expected: string | null;
  let why = "";
  try {
    expected = expectedText(example);
    if (expected === null) why = whyInvalid(example);
  } catch (e) {
    expected = null;
    why = `reading it failed (${String((e as Error)?.message ?? e)})`;
  }
  if (expected === null) {
    return result(
      0,
      "invalid_example",
      `The example is invalid: ${why}.`,
      null,
      null,
      0,
      null,
      null,
    );
  }
  if (typeof s !== "string") {
    return result(
      0,
      "invalid_completion",
      `The completion must be a string, got ${kindOf(s)}.`,
      expected,
      null,
      0,
      null,
      null,
    );
  }

  // 1. Normalisation: drop surrounding SPACE, TAB, LF, CR. Nothing else is touched.
  let start = 0;
  let end = s.length;
  while (start < end) {
    const c = s.charCodeAt(start);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    start++;
  }
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    end--;
  }
  if (start === end) {
    return result(
      0,
      "empty_completion",
      "The completion is empty after removing surrounding whitespace.",
      expected,
      null,
      0,
      null,
      null,
    );
  }

  // 2. A line break anywhere wins; otherwise find the first character outside printable ASCII
  //    (TAB is left to the structural checks, which name it precisely).
  const firstBad = scan(s, start, end);
  if (firstBad === LINE_BREAK) {
    const lines = countLines(s, start, end);
    return result(
      0,
      "not_single_line",
      lines < MULTILINE.length ? MULTILINE[lines] : multilineMessage(lines),
      expected,
      null,
      lines,
      null,
      null,
    );
  }
  if (firstBad >= 0) {
    const code = classify(s.codePointAt(firstBad) ?? 0);
    return charAtFailure(
      s,
      firstBad,
      code,
      expected,
      null,
      `The line contains a character that ${CLASS_SENTENCE[code]}`,
    );
  }

  // 3. Structure: "Final:" SPACE ["-"] DIGITS, nothing else.
  if (
    end - start < 6 || s.charCodeAt(start) !== 70 || s.charCodeAt(start + 1) !== 105 ||
    s.charCodeAt(start + 2) !== 110 || s.charCodeAt(start + 3) !== 97 ||
    s.charCodeAt(start + 4) !== 108 || s.charCodeAt(start + 5) !== 58
  ) { // not "Final:"
    const head = s.slice(start, Math.min(end, start + 12));
    const hint = s.slice(start, start + 6).toLowerCase() === "final:"
      ? " (the prefix is case-sensitive)"
      : "";
    return result(
      0,
      "missing_prefix",
      `The line must start with 'Final:'${hint}; it starts with ${quote(head)}.`,
      expected,
      null,
      1,
      start,
      null,
    );
  }
  let p = start + 6;
  if (p === end) {
    return result(
      0,
      "missing_integer",
      "Nothing follows 'Final:'; an integer is required.",
      expected,
      null,
      1,
      p,
      null,
    );
  }
  let c = s.charCodeAt(p);
  if (c !== 32) {
    if (c === 9) {
      return charAtFailure(
        s,
        p,
        "extra_whitespace",
        expected,
        null,
        "'Final:' must be followed by one ASCII space, not a tab",
      );
    }
    return charAtFailure(
      s,
      p,
      "missing_space",
      expected,
      null,
      "'Final:' must be followed by one ASCII space",
    );
  }
  p++;
  c = s.charCodeAt(p); // p < end: the line was trimmed, so it cannot end in the space
  if (c === 32 || c === 9) {
    return charAtFailure(
      s,
      p,
      "extra_whitespace",
      expected,
      null,
      "Exactly one space must separate 'Final:' from the integer",
    );
  }
  if (c === 43) {
    return charAtFailure(
      s,
      p,
      "plus_sign_disallowed",
      expected,
      null,
      "A '+' sign is not allowed; write the integer without it",
    );
  }
  const signAt = p;
  if (c === 45) p++;
  const digitsAt = p;
  if (end - p <= LONG) {
    while (p < end) {
      c = s.charCodeAt(p);
      if (c < 48 || c > 57) break;
      p++;
    }
  } else { // a very long number: find its end natively
    NOT_DIGIT.lastIndex = p;
    const m = NOT_DIGIT.exec(s);
    p = m !== null && m.index < end ? m.index : end;
  }
  if (p === digitsAt) {
    if (p === end) {
      return result(
        0,
        "missing_digits",
        "The '-' sign is not followed by any digit.",
        expected,
        null,
        1,
        p,
        null,
      );
    }
    return charAtFailure(
      s,
      p,
      "missing_digits",
      expected,
      null,
      "The integer must start with an ASCII digit (after an optional '-')",
    );
  }
  if (p < end) {
    return charAtFailure(
      s,
      p,
      "non_digit_characters",
      expected,
      null,
      `Only digits may follow; after ${
        quote(s.slice(signAt, p))
      } comes a character that is not a digit`,
    );
  }
  const answer = s.slice(signAt, end);
  if (s.charCodeAt(digitsAt) === 48 && end - digitsAt > 1) {
    return result(
      0,
      "leading_zeros",
      `The integer ${
        quote(answer)
      } has a leading zero; write it without (only '0' itself may start with 0).`,
      expected,
      answer,
      1,
      digitsAt,
      null,
    );
  }
  if (digitsAt !== signAt && end - digitsAt === 1 && s.charCodeAt(digitsAt) === 48) {
    return result(
      0,
      "negative_zero_disallowed",
      "'-0' is not allowed; zero is written '0'.",
      expected,
      answer,
      1,
      signAt,
      null,
    );
  }

  // 4. Exact comparison of canonical decimal texts: no float is ever involved.
  if (answer === expected) {
    return result(
      1,
      "ok",
      "Correct: the line is 'Final: <int>' and the integer equals the expected answer.",
      expected,
      answer,
      1,
      null,
      null,
    );
  }
  return result(
    0,
    "wrong_answer",
    `Well-formed, but the answer ${clip(answer)} is not the expected ${clip(expected)}.`,
    expected,
    answer,
    1,
    null,
    null,
  );
}

// ---------------------------------------------------------------------------------------------
// The fingerprint of the instrument.

let cachedFingerprint: string | null = null;

/**
 * SHA-256 of spec v1 (as JSON) and the source of the scorer's modules (this file and the
 * character names it reports). Any edit, even a comment, changes it: the gate uses it to catch
 * an unversioned change of the instrument. Needs read access to `lib/`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { scorerFingerprint } from "./scorer.ts";
 * assertEquals(scorerFingerprint().length, 64);
 * ```
 */
export function scorerFingerprint(): string {
  if (cachedFingerprint === null) {
    const sources = ["./scorer.ts", "./unicode_names.ts"].map((rel) => {
      try {
        return Deno.readTextFileSync(new URL(rel, import.meta.url));
      } catch {
        return `unreadable:${rel}`;
      }
    });
    cachedFingerprint = sha256Text([JSON.stringify(SPEC_V1), ...sources].join("\u0000"));
  }
  return cachedFingerprint;
}
