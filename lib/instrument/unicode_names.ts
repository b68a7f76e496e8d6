/**
 * Names for the characters the scorer reports, in the `U+2212 MINUS SIGN` form a student can
 * search for. Covers ASCII and the look-alikes, digits, dashes, spaces and invisible characters
 * that real completions contain; any other code point gets its number and a general category
 * (`U+4E00 (a letter outside ASCII)`), so every report names something precise.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { describeChar } from "./unicode_names.ts";
 * assertEquals(describeChar(0x2212), "U+2212 MINUS SIGN");
 * assertEquals(describeChar(0x0663), "U+0663 ARABIC-INDIC DIGIT THREE");
 * ```
 * @module
 */

const DIGIT_NAMES = [
  "ZERO",
  "ONE",
  "TWO",
  "THREE",
  "FOUR",
  "FIVE",
  "SIX",
  "SEVEN",
  "EIGHT",
  "NINE",
];

const ASCII_PUNCT: Record<string, string> = {
  " ": "SPACE",
  "!": "EXCLAMATION MARK",
  '"': "QUOTATION MARK",
  "#": "NUMBER SIGN",
  "$": "DOLLAR SIGN",
  "%": "PERCENT SIGN",
  "&": "AMPERSAND",
  "'": "APOSTROPHE",
  "(": "LEFT PARENTHESIS",
  ")": "RIGHT PARENTHESIS",
  "*": "ASTERISK",
  "+": "PLUS SIGN",
  ",": "COMMA",
  "-": "HYPHEN-MINUS",
  ".": "FULL STOP",
  "/": "SOLIDUS",
  ":": "COLON",
  ";": "SEMICOLON",
  "<": "LESS-THAN SIGN",
  "=": "EQUALS SIGN",
  ">": "GREATER-THAN SIGN",
  "?": "QUESTION MARK",
  "@": "COMMERCIAL AT",
  "[": "LEFT SQUARE BRACKET",
  "\\": "REVERSE SOLIDUS",
  "]": "RIGHT SQUARE BRACKET",
  "^": "CIRCUMFLEX ACCENT",
  "_": "LOW LINE",
  "`": "GRAVE ACCENT",
  "{": "LEFT CURLY BRACKET",
  "|": "VERTICAL LINE",
  "}": "RIGHT CURLY BRACKET",
  "~": "TILDE",
};

const CONTROL: Record<number, string> = {
  0x00: "NULL",
  0x07: "BELL",
  0x08: "BACKSPACE",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0b: "LINE TABULATION",
  0x0c: "FORM FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
};

const NAMED: Record<number, string> = {
  0x0085: "NEXT LINE",
  0x00a0: "NO-BREAK SPACE",
  0x00ad: "SOFT HYPHEN",
  0x00b2: "SUPERSCRIPT TWO",
  0x00b3: "SUPERSCRIPT THREE",
  0x00b7: "MIDDLE DOT",
  0x00b9: "SUPERSCRIPT ONE",
  0x0391: "GREEK CAPITAL LETTER ALPHA",
  0x039f: "GREEK CAPITAL LETTER OMICRON",
  0x03bf: "GREEK SMALL LETTER OMICRON",
  0x0405: "CYRILLIC CAPITAL LETTER DZE",
  0x0406: "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I",
  0x0410: "CYRILLIC CAPITAL LETTER A",
  0x0415: "CYRILLIC CAPITAL LETTER IE",
  0x041e: "CYRILLIC CAPITAL LETTER O",
  0x0420: "CYRILLIC CAPITAL LETTER ER",
  0x0421: "CYRILLIC CAPITAL LETTER ES",
  0x0430: "CYRILLIC SMALL LETTER A",
  0x0435: "CYRILLIC SMALL LETTER IE",
  0x043e: "CYRILLIC SMALL LETTER O",
  0x0440: "CYRILLIC SMALL LETTER ER",
  0x0441: "CYRILLIC SMALL LETTER ES",
  0x0456: "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
  0x066b: "ARABIC DECIMAL SEPARATOR",
  0x066c: "ARABIC THOUSANDS SEPARATOR",
  0x1680: "OGHAM SPACE MARK",
  0x2000: "EN QUAD",
  0x2001: "EM QUAD",
  0x2002: "EN SPACE",
  0x2003: "EM SPACE",
  0x2004: "THREE-PER-EM SPACE",
  0x2005: "FOUR-PER-EM SPACE",
  0x2006: "SIX-PER-EM SPACE",
  0x2007: "FIGURE SPACE",
  0x2008: "PUNCTUATION SPACE",
  0x2009: "THIN SPACE",
  0x200a: "HAIR SPACE",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2010: "HYPHEN",
  0x2011: "NON-BREAKING HYPHEN",
  0x2012: "FIGURE DASH",
  0x2013: "EN DASH",
  0x2014: "EM DASH",
  0x2015: "HORIZONTAL BAR",
  0x2019: "RIGHT SINGLE QUOTATION MARK",
  0x2024: "ONE DOT LEADER",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x202f: "NARROW NO-BREAK SPACE",
  0x205f: "MEDIUM MATHEMATICAL SPACE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2070: "SUPERSCRIPT ZERO",
  0x2212: "MINUS SIGN",
  0x2795: "HEAVY PLUS SIGN",
  0x2796: "HEAVY MINUS SIGN",
  0x3000: "IDEOGRAPHIC SPACE",
  0xfe52: "SMALL FULL STOP",
  0xfe58: "SMALL EM DASH",
  0xfe63: "SMALL HYPHEN-MINUS",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
  0xff0b: "FULLWIDTH PLUS SIGN",
  0xff0d: "FULLWIDTH HYPHEN-MINUS",
  0xff0e: "FULLWIDTH FULL STOP",
  0xff1a: "FULLWIDTH COLON",
  0xfffd: "REPLACEMENT CHARACTER",
};

/** Digit blocks: first code point of the block and the name prefix of its digits. */
const DIGIT_BLOCKS: [number, string][] = [
  [0x0660, "ARABIC-INDIC DIGIT"],
  [0x06f0, "EXTENDED ARABIC-INDIC DIGIT"],
  [0x0966, "DEVANAGARI DIGIT"],
  [0x09e6, "BENGALI DIGIT"],
  [0x0e50, "THAI DIGIT"],
  [0x2080, "SUBSCRIPT"],
  [0xff10, "FULLWIDTH DIGIT"],
  [0x1d7ce, "MATHEMATICAL BOLD DIGIT"],
  [0x1d7ec, "MATHEMATICAL SANS-SERIF BOLD DIGIT"],
];

function hex(cp: number): string {
  return "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
}

/** The Unicode name of a code point, where this module knows it; otherwise null. */
export function charName(cp: number): string | null {
  if (cp >= 0x30 && cp <= 0x39) return `DIGIT ${DIGIT_NAMES[cp - 0x30]}`;
  if (cp >= 0x41 && cp <= 0x5a) return `LATIN CAPITAL LETTER ${String.fromCharCode(cp)}`;
  if (cp >= 0x61 && cp <= 0x7a) return `LATIN SMALL LETTER ${String.fromCharCode(cp - 32)}`;
  if (cp < 0x80) {
    return ASCII_PUNCT[String.fromCharCode(cp)] ?? CONTROL[cp] ?? `CONTROL CHARACTER`;
  }
  if (NAMED[cp] !== undefined) return NAMED[cp];
  if (cp >= 0x2074 && cp <= 0x2079) return `SUPERSCRIPT ${DIGIT_NAMES[cp - 0x2070]}`;
  for (const [first, prefix] of DIGIT_BLOCKS) {
    if (cp >= first && cp < first + 10) return `${prefix} ${DIGIT_NAMES[cp - first]}`;
  }
  if (cp >= 0xff21 && cp <= 0xff3a) {
    return `FULLWIDTH LATIN CAPITAL LETTER ${String.fromCharCode(cp - 0xff21 + 65)}`;
  }
  if (cp >= 0xff41 && cp <= 0xff5a) {
    return `FULLWIDTH LATIN SMALL LETTER ${String.fromCharCode(cp - 0xff41 + 65)}`;
  }
  return null;
}

/** A short description of a code point's general category, for characters without a name here. */
function categoryOf(cp: number): string {
  if (cp >= 0xd800 && cp <= 0xdfff) return "a lone surrogate: half of a broken UTF-16 pair";
  const ch = String.fromCodePoint(cp);
  if (/\p{Nd}/u.test(ch)) return "a decimal digit outside ASCII";
  if (/\p{N}/u.test(ch)) return "a number sign outside ASCII";
  if (/\p{L}/u.test(ch)) return "a letter outside ASCII";
  if (/\p{Z}/u.test(ch)) return "a space outside ASCII";
  if (/\p{Cf}/u.test(ch)) return "an invisible formatting character";
  if (/\p{C}/u.test(ch)) return "a control or unassigned character";
  if (/\p{P}/u.test(ch)) return "punctuation outside ASCII";
  if (/\p{S}/u.test(ch)) return "a symbol outside ASCII";
  if (/\p{M}/u.test(ch)) return "a combining mark";
  return "a character outside ASCII";
}

/**
 * Describes a code point as `U+XXXX NAME`, or `U+XXXX (category)` when the name is not known here.
 *
 * @param cp a code point (0 to 0x10FFFF; a lone surrogate is described as one)
 */
export function describeChar(cp: number): string {
  const name = charName(cp);
  return name === null ? `${hex(cp)} (${categoryOf(cp)})` : `${hex(cp)} ${name}`;
}
