/**
 * The fingerprint of the strict scorer: SHA-256 of spec v1 (as JSON) and the source text of
 * every module whose change could change a reward. Any edit, even a comment, changes it; the
 * gate uses it to catch an unversioned change of the instrument, and to know whether it may
 * re-score a run with the code at hand.
 *
 * {@link SCORER_SOURCES} must list every file `scorer.ts` imports, directly or through another
 * module: tests/instrument/fingerprint_test.ts walks the import graph and fails when a file is
 * missing, so a split or a new helper can never fall outside the fingerprint.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { scorerFingerprint } from "./fingerprint.ts";
 * assertEquals(scorerFingerprint().length, 64);
 * ```
 * @module
 */
import { createHash } from "node:crypto";
import { SPEC_V1 } from "./spec.ts";

/**
 * Every module of the strict scorer, relative to this folder: scorer.ts and all it imports
 * (this file among them, since scorer.ts re-exports the fingerprint).
 */
export const SCORER_SOURCES: readonly string[] = [
  "./scorer.ts",
  "./spec.ts",
  "./expected.ts",
  "./chars.ts",
  "./lines.ts",
  "./structure.ts",
  "./verdicts.ts",
  "./unicode_names.ts",
  "./fingerprint.ts",
  "../core/unsafe_integer.ts",
];

let cached: string | null = null;

/**
 * SHA-256 over spec v1 and the sources in {@link SCORER_SOURCES} (read once per process; needs
 * read access to `lib/`). An unreadable file enters as a marker, so the value still changes.
 */
export function scorerFingerprint(): string {
  if (cached === null) {
    const sources = SCORER_SOURCES.map((rel) => {
      try {
        return Deno.readTextFileSync(new URL(rel, import.meta.url));
      } catch {
        return `unreadable:${rel}`;
      }
    });
    cached = createHash("sha256").update([JSON.stringify(SPEC_V1), ...sources].join("\u0000"))
      .digest("hex");
  }
  return cached;
}
