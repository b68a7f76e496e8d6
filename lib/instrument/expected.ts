/**
 * The expected answer, validated and never coerced, read in one guarded step.
 *
 * An example is read exactly once, inside a `try`: a hostile value (a throwing getter, a Proxy
 * whose traps throw, a revoked Proxy) becomes a sentence, never an exception. Nothing that runs
 * after the guard touches the caller's objects again, and the sentences are built from
 * primitives only, so the error path cannot throw a second time. Data loaders use the same
 * reading, so a file and the scorer never disagree on what is valid.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { readExpected } from "./expected.ts";
 * assertEquals(readExpected({ expected_answer: -5 }), "-5");
 * assertEquals(readExpected({ expected_answer: 3.7 }), { why: "expected_answer 3.7 is not an integer" });
 * ```
 * @module
 */
import { UnsafeInteger } from "../core/unsafe_integer.ts";

/** Why an example cannot be scored, in one sentence (without the final full stop). */
export interface InvalidExample {
  why: string;
}

/** Canonical integer text: `0`, or an optional `-` then a non-zero ASCII digit and more digits. */
export function isCanonicalIntText(s: string): boolean {
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
 * Reads `example.expected_answer` once, inside a guard: its canonical text when it is valid,
 * otherwise why not. Total: returns for every JavaScript value.
 *
 * Valid: a safe JavaScript integer (not -0), a canonical integer string, or a bigint. Invalid:
 * everything else, including an integer from a JSON file beyond the safe range (kept by the
 * readers as an {@link UnsafeInteger}, so the sentence quotes what the file says).
 */
export function readExpected(example: unknown): string | InvalidExample {
  try {
    if (typeof example !== "object" || example === null) {
      return { why: `the example must be an object, got ${describeValue(example)}` };
    }
    if (Array.isArray(example)) return { why: "the example must be an object, got an array" };
    const ea = (example as { expected_answer?: unknown }).expected_answer; // the one read
    if (typeof ea === "number") {
      if (Number.isSafeInteger(ea) && !Object.is(ea, -0)) return String(ea);
      if (!Number.isInteger(ea)) return { why: `expected_answer ${ea} is not an integer` };
      if (Object.is(ea, -0)) return { why: "expected_answer is -0, which is not canonical" };
      return { why: beyondSafeRange(String(ea)) };
    }
    if (typeof ea === "string") {
      return isCanonicalIntText(ea)
        ? ea
        : { why: `expected_answer ${quote(ea)} is not a canonical integer string` };
    }
    if (typeof ea === "bigint") return ea.toString();
    if (ea === undefined) return { why: "the example has no expected_answer field" };
    if (ea instanceof UnsafeInteger) return { why: beyondSafeRange(ea.source) };
    return { why: `expected_answer must be an integer, got ${describeValue(ea)}` };
  } catch (e) {
    return { why: `reading it failed (${describeThrown(e)})` };
  }
}

function beyondSafeRange(text: string): string {
  return `expected_answer ${clip(text)} is beyond the safe-integer range; ` +
    "give it as a canonical integer string";
}

/**
 * The canonical text of a valid expected answer, or null (then {@link whyInvalid} says why).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { expectedText } from "./expected.ts";
 * assertEquals([expectedText({ expected_answer: -5 }), expectedText({ expected_answer: 3.7 })], ["-5", null]);
 * ```
 */
export function expectedText(example: unknown): string | null {
  const r = readExpected(example);
  return typeof r === "string" ? r : null;
}

/** The sentence saying why `expectedText(example)` is null (empty for a valid example). */
export function whyInvalid(example: unknown): string {
  const r = readExpected(example);
  return typeof r === "string" ? "" : r.why;
}

/**
 * What a value is, for a message: `null`, `the number 3.7`, `the string "x"`, `an array`,
 * `an object`. May throw on a hostile object (Array.isArray on a revoked Proxy): call it inside
 * a guard.
 */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return `the boolean ${v}`;
    case "string":
      return `the string ${quote(v)}`;
    case "number":
      return `the number ${v}`;
    case "bigint":
      return `the bigint ${v}`;
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
  }
  if (v instanceof UnsafeInteger) return `the number ${clip(v.source)}`;
  return Array.isArray(v) ? "an array" : "an object";
}

/**
 * A thrown value in words, without ever throwing: its `message` when it has a string one
 * (clipped), a primitive as itself, otherwise a fixed phrase. Reads `message` once, inside a
 * guard; never calls `toString`, `valueOf` or `Symbol.toPrimitive`.
 */
export function describeThrown(e: unknown): string {
  try {
    if (typeof e === "string") return clip(e);
    if (typeof e === "symbol") return "a thrown symbol";
    if ((typeof e === "object" && e !== null) || typeof e === "function") {
      const m = (e as { message?: unknown }).message;
      return typeof m === "string" ? clip(m) : "an exception without a message";
    }
    return `a thrown ${typeof e} ${String(e)}`; // number, bigint, boolean, undefined: no user code
  } catch {
    return "an exception that cannot be inspected";
  }
}

/** At most 40 UTF-16 units, with `…` when cut. */
export function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** `JSON.stringify(clip(s))`, with a fast path for short printable ASCII (the common case). */
export function quote(s: string): string {
  if (s.length > 40) return JSON.stringify(clip(s));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) return JSON.stringify(s);
  }
  return '"' + s + '"';
}
