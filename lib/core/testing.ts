/**
 * Assertions for tests and doc examples: Deno's built-in `node:assert/strict`, re-exported under
 * the names the course's tests use (no JSR dependency).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * assertEquals(1 + 1, 2);
 * ```
 * @module
 */
import assertStrict from "node:assert/strict";

/** Fails unless `value` is truthy. */
export function assert(value: unknown, message?: string): asserts value {
  assertStrict.ok(value, message);
}

/** Fails unless `actual` and `expected` are deeply and strictly equal. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  assertStrict.deepStrictEqual(actual, expected, message);
}

/** Fails unless `actual` and `expected` differ deeply. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  assertStrict.notDeepStrictEqual(actual, expected, message);
}

/** Fails unless `|actual - expected| <= tolerance`. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-9,
  message?: string,
): void {
  assertStrict.ok(
    Math.abs(actual - expected) <= tolerance,
    message ?? `expected ${expected} ± ${tolerance}, got ${actual}`,
  );
}

/** Fails unless `text` contains `part`. */
export function assertStringIncludes(text: string, part: string, message?: string): void {
  assertStrict.ok(
    text.includes(part),
    message ?? `expected ${JSON.stringify(text)} to include ${JSON.stringify(part)}`,
  );
}
