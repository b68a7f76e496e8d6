/**
 * Seeded pseudo-random numbers: the only source of randomness in the course.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128 bits of
 * state, period at least 2^32), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. Everything is 32-bit integer arithmetic, so the same seed gives the same stream on
 * every machine. The Gaussian sampler uses Box–Muller with `Math.log`/`Math.cos`, which V8
 * computes with the same fdlibm routines everywhere.
 *
 * Pass an `Rng` into every function that needs randomness; never reach for `Math.random`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { makeRng } from "./prng.ts";
 * const a = makeRng(42), b = makeRng(42);
 * assertEquals([a.next(), a.next()], [b.next(), b.next()]);
 * ```
 * @module
 */

/** A seeded generator of numbers in [0, 1), with helpers built on it. */
export interface Rng {
  /** A uniform float in [0, 1), with 32 bits of randomness. */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A standard normal draw (mean 0, standard deviation 1). */
  gaussian(): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** An index drawn from the categorical distribution `probs` (which should sum to 1). */
  categorical(probs: readonly number[]): number;
  /** One element of a non-empty array, uniformly. */
  choice<T>(items: readonly T[]): T;
}

/** splitmix32: scrambles a 32-bit seed into a well-mixed 32-bit word (used only for seeding). */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A 32-bit seed from any list of strings and numbers (FNV-1a over their text, joined by a
 * separator), so a stream can be keyed by meaning: `seedFrom("policy", 2026, "q0007", 3)`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { seedFrom } from "./prng.ts";
 * assertEquals(seedFrom("a", 1), seedFrom("a", 1));
 * ```
 */
export function seedFrom(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join("\u001f");
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The state of `makeRng(seed)` after its warm-up, written as four int32 words into
 * `out[at … at+3]`: with {@link rngNext}, the same stream without a closure per stream (the
 * fast sampler keeps thousands of streams in one array).
 *
 * @example
 * ```ts
 * import { assertEquals } from "./testing.ts";
 * import { makeRng, rngNext, rngState } from "./prng.ts";
 * const st = new Int32Array(4), rng = makeRng(7);
 * rngState(7, st, 0);
 * assertEquals([rngNext(st, 0), rngNext(st, 0)], [rng.next(), rng.next()]);
 * ```
 */
export function rngState(seed: number, out: Int32Array, at: number): void {
  let s = Number.isFinite(seed) ? Math.trunc(seed) % 0x100000000 : 0;
  for (let k = 0; k < 4; k++) [s, out[at + k]] = splitmix32(s);
  // Warm up so the first outputs do not echo the seed.
  for (let i = 0; i < 12; i++) rngNext(out, at);
}

/**
 * The next uniform in [0, 1) of the stream whose state is `st[at … at+3]` (an sfc32 step:
 * t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t).
 */
export function rngNext(st: Int32Array, at: number): number {
  const a = st[at], b = st[at + 1], c = st[at + 2], d = st[at + 3];
  const t = (((a + b) | 0) + d) | 0;
  st[at] = b ^ (b >>> 9);
  st[at + 1] = (c + (c << 3)) | 0;
  st[at + 2] = (((c << 21) | (c >>> 11)) + t) | 0;
  st[at + 3] = (d + 1) | 0;
  return (t >>> 0) / 4294967296;
}

/**
 * Makes an sfc32 generator from an integer seed (any safe integer; it is reduced to 32 bits).
 *
 * @param seed the seed; the same seed always gives the same stream
 * @returns an {@link Rng}
 *
 * @example
 * ```ts
 * import { assert } from "./testing.ts";
 * import { makeRng } from "./prng.ts";
 * const rng = makeRng(0);
 * const x = rng.next();
 * assert(x >= 0 && x < 1);
 * ```
 */
export function makeRng(seed: number): Rng {
  const state = new Int32Array(4);
  rngState(seed, state, 0);
  let spare: number | null = null;

  const next = (): number => rngNext(state, 0);
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    gaussian: () => {
      if (spare !== null) {
        const g = spare;
        spare = null;
        return g;
      }
      // Box–Muller: two uniforms (u1 in (0,1]) give two independent standard normals.
      const u1 = 1 - next();
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    bernoulli: (p) => next() < p,
    categorical: (probs) => {
      const u = next();
      let acc = 0;
      for (let i = 0; i < probs.length; i++) {
        acc += probs[i];
        if (u < acc) return i;
      }
      return probs.length - 1; // rounding: the last index takes the remainder
    },
    choice: (items) => items[Math.floor(next() * items.length)],
  };
  return rng;
}
