/**
 * The sealed golden sets (`data/golden/golden_correct.jsonl`, `data/golden/golden_exploits.jsonl`),
 * read once through lib/core/jsonl.ts (regular files, bounded, `path:line` errors) and kept.
 * Needs read access to `data/`.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { loadGoldenSets } from "./golden_sets.ts";
 * const sets = loadGoldenSets();
 * assert(sets.correct.length >= 10 && sets.exploits.length >= 10);
 * ```
 * @module
 */
import { dataPath } from "../core/paths.ts";
import { sha256Text } from "../core/hash.ts";
import { InputError } from "../core/errors.ts";
import { readTextBoundedSync } from "../core/files.ts";
import { parseJsonlText } from "../core/jsonl.ts";

/** The two golden files, relative to `data/`. */
export const GOLDEN_FILES = {
  correct: "golden/golden_correct.jsonl",
  exploits: "golden/golden_exploits.jsonl",
} as const;

/** One row of a golden file. */
export interface GoldenCase {
  id: string;
  /** Absent on purpose in some exploits (a missing expected answer is itself a case). */
  expected_answer?: unknown;
  completion: unknown;
  /** The rule of the spec this case pins. */
  rule: string;
  /** Exploits only: the code the strict scorer must give. */
  expected_code?: string;
}

/** Both sets, with the SHA-256 of each file. */
export interface GoldenSets {
  correct: GoldenCase[];
  exploits: GoldenCase[];
  sha256: { correct: string; exploits: string };
}

let cachedSets: GoldenSets | null = null;

/** The largest golden file read (1 MiB; they are a few kilobytes). */
const MAX_BYTES = 1 << 20;

function parseGolden(rel: string, text: string): GoldenCase[] {
  return parseJsonlText(text, `data/${rel}`).map(({ value, line }) => {
    const row = value as GoldenCase | null;
    if (typeof row !== "object" || row === null || typeof row.id !== "string") {
      throw new InputError(`data/${rel}`, line, "expected an object with a string 'id'");
    }
    return row;
  });
}

/**
 * The two golden sets as read from `data/golden/` (read once, then kept).
 *
 * @throws InputError when a file is missing, not a regular file, too large or malformed
 */
export function loadGoldenSets(): GoldenSets {
  if (cachedSets === null) {
    const read = (rel: string) => {
      try {
        return readTextBoundedSync(dataPath(rel), MAX_BYTES);
      } catch (e) {
        throw e instanceof InputError
          ? new InputError(`data/${rel}`, null, e.message.replace(/^[^:]*: /, ""))
          : e;
      }
    };
    const c = read(GOLDEN_FILES.correct), x = read(GOLDEN_FILES.exploits);
    cachedSets = {
      correct: parseGolden(GOLDEN_FILES.correct, c),
      exploits: parseGolden(GOLDEN_FILES.exploits, x),
      sha256: { correct: sha256Text(c), exploits: sha256Text(x) },
    };
  }
  return cachedSets;
}
