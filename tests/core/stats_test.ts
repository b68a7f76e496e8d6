/**
 * The statistics behind every reported interval and p-value: Wilson against published values,
 * exact McNemar against hand-computed binomial tails and exact integer arithmetic, and the paired
 * bootstrap against cases whose answer is known.
 */
import { makeRng } from "../../lib/core/prng.ts";
import { mcnemarExact, pairedBootstrap, wilson, Z95 } from "../../lib/core/stats.ts";
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import assertStrict from "node:assert/strict";

Deno.test("wilson() matches the textbook interval for 5/10 (0.2366, 0.7634)", () => {
  const [lo, hi] = wilson(5, 10);
  assertAlmostEquals(lo, 0.236593, 1e-6);
  assertAlmostEquals(hi, 0.763407, 1e-6);
});

Deno.test("wilson() at k = 0 starts at 0 and ends at z²/(n + z²)", () => {
  const [lo, hi] = wilson(0, 10);
  assertEquals(lo, 0);
  assertAlmostEquals(hi, (Z95 * Z95) / (10 + Z95 * Z95), 1e-12);
});

Deno.test("wilson() returns [0, 1] when there are no trials", () => {
  assertEquals(wilson(0, 0), [0, 1]);
});

Deno.test("mcnemarExact() matches hand-computed binomial tails", () => {
  assertAlmostEquals(mcnemarExact(0, 5), 2 / 32, 1e-15); // 2 · C(5,0)/2^5
  assertAlmostEquals(mcnemarExact(1, 9), 2 * (1 + 10) / 1024, 1e-15); // 2 · (C(10,0)+C(10,1))/2^10
  assertAlmostEquals(mcnemarExact(2, 8), 2 * (1 + 10 + 45) / 1024, 1e-15);
});

Deno.test("mcnemarExact() is 1 with no discordant pairs or a perfect balance", () => {
  assertEquals(mcnemarExact(0, 0), 1);
  assertEquals(mcnemarExact(3, 3), 1);
  assertEquals(mcnemarExact(0, 1), 1); // one pair cannot show anything
});

Deno.test("mcnemarExact() is symmetric in its two counts", () => {
  for (const [b, c] of [[2, 11], [7, 30], [0, 4]]) {
    assertEquals(mcnemarExact(b, c), mcnemarExact(c, b));
  }
});

Deno.test("mcnemarExact() agrees with exact integer arithmetic up to 3,000 discordant pairs", () => {
  const exact = (b: number, c: number): number => {
    const d = b + c, k = Math.min(b, c);
    let term = 1n, tail = 0n; // C(d, i)
    for (let i = 0; i <= k; i++) {
      tail += term;
      term = (term * BigInt(d - i)) / BigInt(i + 1);
    }
    // 2·tail / 2^d as a float with 60 bits of precision
    const scale = 60n;
    const ratio = Number((2n * tail << scale) >> BigInt(d)) / 2 ** 60;
    return Math.min(1, ratio);
  };
  for (const [b, c] of [[5, 20], [40, 70], [400, 470], [1450, 1550]]) {
    const want = exact(b, c);
    assertAlmostEquals(mcnemarExact(b, c), want, Math.max(1e-15, want * 1e-9), `${b}, ${c}`);
  }
});

Deno.test("mcnemarExact() rejects negative or fractional counts", () => {
  assertStrict.throws(() => mcnemarExact(-1, 2), RangeError);
  assertStrict.throws(() => mcnemarExact(1.5, 2), RangeError);
});

Deno.test("pairedBootstrap() of identical differences has no width", () => {
  const ci = pairedBootstrap([1, 1, 1, 1], makeRng(3));
  assertEquals([ci.delta, ci.lo, ci.hi], [1, 1, 1]);
  const zero = pairedBootstrap(new Int8Array(50), makeRng(3));
  assertEquals([zero.delta, zero.lo, zero.hi], [0, 0, 0]);
});

Deno.test("pairedBootstrap() of two pairs {0, 1} spans [0, 1] (each extreme has chance 1/4)", () => {
  const ci = pairedBootstrap([0, 1], makeRng(7), { resamples: 2000 });
  assertEquals([ci.delta, ci.lo, ci.hi], [0.5, 0, 1]);
});

Deno.test("pairedBootstrap() is reproducible under a fixed seed", () => {
  const diffs = Array.from({ length: 80 }, (_, i) => (i % 5 === 0 ? 1 : i % 7 === 0 ? -1 : 0));
  assertEquals(pairedBootstrap(diffs, makeRng(11)), pairedBootstrap(diffs, makeRng(11)));
});

Deno.test("pairedBootstrap() width agrees with the normal approximation ±1.96·SE on large n", () => {
  // 400 pairs: 60 up, 20 down → mean 0.1, SD² = E[d²] − mean² = 0.2 − 0.01
  const diffs = Array.from({ length: 400 }, (_, i) => (i < 60 ? 1 : i < 80 ? -1 : 0));
  const ci = pairedBootstrap(diffs, makeRng(2026), { resamples: 4000 });
  const half = Z95 * Math.sqrt(0.19 / 400);
  assertAlmostEquals(ci.delta, 0.1, 1e-15);
  assertAlmostEquals(ci.lo, 0.1 - half, 0.01);
  assertAlmostEquals(ci.hi, 0.1 + half, 0.01);
  assert(ci.lo < ci.delta && ci.delta < ci.hi);
});

Deno.test("pairedBootstrap() of no pairs is all zeros", () => {
  const ci = pairedBootstrap([], makeRng(0));
  assertEquals([ci.delta, ci.lo, ci.hi, ci.resamples], [0, 0, 0, 2000]);
});
