/**
 * An integer written in a JSON file that a JavaScript number cannot hold exactly.
 *
 * `JSON.parse("9007199254740993")` gives 9007199254740992: the file said one value, the number
 * holds another, and any message built from the number would misstate what the file says. The
 * course's JSON readers (lib/core/jsonl.ts) therefore keep such a literal as an
 * {@link UnsafeInteger} holding its source text, so the scorer can report `9007199254740993` and
 * refuse it as outside the safe range instead of silently comparing a neighbour.
 *
 * Only integer literals without an exponent beyond ±(2^53 − 1) are kept this way (`1e300` stays a
 * number: it does not claim a digit it cannot hold).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { parseJsonPreservingIntegers, UnsafeInteger } from "./unsafe_integer.ts";
 * const row = parseJsonPreservingIntegers('{"n": 9007199254740993, "m": 7}') as Record<string, unknown>;
 * assertEquals([(row.n as UnsafeInteger).source, row.m], ["9007199254740993", 7]);
 * assertEquals(JSON.stringify(row), '{"n":9007199254740993,"m":7}');
 * ```
 * @module
 */

/** The source text of a JSON integer literal outside the safe range, kept as written. */
export class UnsafeInteger {
  /** The literal exactly as the file wrote it, e.g. `"9007199254740993"`. */
  readonly source: string;
  constructor(source: string) {
    this.source = source;
    Object.freeze(this);
  }
  /** The literal as written (so a template string shows what the file says). */
  toString(): string {
    return this.source;
  }
  /** JSON output writes the literal back unchanged, as a number (`JSON.rawJSON`). */
  toJSON(): unknown {
    return (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(this.source);
  }
}

/**
 * True when a parsed JSON value holds an integer-valued number beyond the safe range anywhere
 * (an explicit stack, so a deeply nested value cannot overflow the call stack).
 */
function holdsUnsafeInteger(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) && Number.isInteger(v)) return true;
    } else if (typeof v === "object" && v !== null) {
      if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) stack.push(v[i]); }
      else for (const k in v) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

/**
 * `JSON.parse` that keeps integer literals outside the safe range as {@link UnsafeInteger}. The
 * plain `JSON.parse` result is used unless it holds an integer-valued number beyond the safe range
 * (nearly never); only then is the text parsed again with a reviver that reads each number's
 * source text.
 *
 * @throws SyntaxError exactly when `JSON.parse` does
 */
export function parseJsonPreservingIntegers(text: string): unknown {
  const value = JSON.parse(text);
  if (typeof value !== "object" || value === null || !holdsUnsafeInteger(value)) return value;
  return JSON.parse(text, keepUnsafeIntegers);
}

function keepUnsafeIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== "number" || !Number.isInteger(value) || Number.isSafeInteger(value)) {
    return value;
  }
  const source = context?.source;
  return typeof source === "string" && !/[eE]/.test(source) ? new UnsafeInteger(source) : value;
}
