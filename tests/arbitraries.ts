/**
 * Shared fast-check arbitraries.
 *
 * {@link binaryString} is `fc.string({ unit: "binary", maxLength })` without its start-up cost:
 * fast-check 4.10.2 builds a reverse map of all 1,112,064 code points the first time a process
 * draws from the `"binary"` unit (for shrinking without context), which takes about 6 s of CPU
 * in Deno 2.9, once in every test file that uses it. This unit draws the same characters, the
 * same way: an index over fast-check's "full" alphabet (U+0000–U+D7FF, then U+E000–U+10FFFF, no
 * lone surrogate), mapped to its code point, as fast-check's own `mapToConstant` does.
 */
import fc from "npm:fast-check@4.10.2";

const SURROGATES = 0xe000 - 0xd800;

/** One code point of fast-check's "full" alphabet (every code point but the surrogates). */
export const binaryChar: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map((i) => String.fromCodePoint(i < 0xd800 ? i : i + SURROGATES));

/** A string of up to `maxLength` such code points: `fc.string({ unit: "binary", maxLength })`. */
export function binaryString(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: binaryChar, maxLength });
}
