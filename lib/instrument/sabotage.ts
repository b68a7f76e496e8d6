/**
 * Sabotaged copies of the strict scorer for M4: each relaxes exactly one rule of spec v1 and
 * otherwise scores as lib/instrument/scorer.ts does, so the golden gate and the exploit set can be watched
 * catching a one-rule change of the instrument.
 *
 * A sabotage is a rewrite of the completion in front of the strict scorer: the rewrite removes
 * what the relaxed rule would have refused, so the copy pays what the strict scorer refuses and
 * nothing else changes. Each copy is one module-level function, so lib/instrument/golden.ts's per-function
 * cache holds and every call gates the same object.
 *
 * - `accept-plus` forgives a '+' sign after `Final: ` (relaxes `plus_sign_disallowed`; the rule
 *   exists because `+323` is not the canonical text of 323, and canonical text is what makes the
 *   comparison exact);
 * - `trim-nbsp` also trims NO-BREAK SPACE (U+00A0) around the completion (relaxes
 *   `unicode_whitespace` at the ends; the rule exists because a hidden character that a reader
 *   cannot see must not decide a reward, and JavaScript's `trim()` would silently accept it).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sabotagedScorer } from "./sabotage.ts";
 * import { score } from "./scorer.ts";
 * const ex = { expected_answer: 323 };
 * assertEquals(score(ex, "Final: +323").reward, 0);
 * assertEquals(sabotagedScorer("accept-plus")(ex, "Final: +323").reward, 1);
 * ```
 * @module
 */
import { score } from "./scorer.ts";
import { type ScoreCode, type ScoreResult } from "./spec.ts";

/** The sabotages, by name. */
export const SABOTAGE_NAMES = ["accept-plus", "trim-nbsp"] as const;

/** One of {@link SABOTAGE_NAMES}. */
export type SabotageName = typeof SABOTAGE_NAMES[number];

/** What each sabotage relaxes: the spec v1 code it weakens and the change in one sentence. */
export const SABOTAGES: Record<SabotageName, { relaxes: ScoreCode; change: string }> = {
  "accept-plus": {
    relaxes: "plus_sign_disallowed",
    change: "a '+' right after 'Final: ' is dropped before scoring, so 'Final: +323' pays",
  },
  "trim-nbsp": {
    relaxes: "unicode_whitespace",
    change: "NO-BREAK SPACE (U+00A0) is trimmed from both ends like an ASCII space",
  },
};

/** `Final: +` at the start of the (ASCII-trimmed) completion: the sign accept-plus forgives. */
const PLUS_AFTER_PREFIX = /^([ \t\r\n]*Final: )\+/;
/** ASCII whitespace and NO-BREAK SPACE at either end: what trim-nbsp removes. */
const NBSP_ENDS = /^[ \t\r\n\u00a0]+|[ \t\r\n\u00a0]+$/g;

function acceptPlus(example: unknown, completion: unknown): ScoreResult {
  return score(
    example,
    typeof completion === "string" ? completion.replace(PLUS_AFTER_PREFIX, "$1") : completion,
  );
}

function trimNbsp(example: unknown, completion: unknown): ScoreResult {
  return score(
    example,
    typeof completion === "string" ? completion.replace(NBSP_ENDS, "") : completion,
  );
}

const COPIES: Record<SabotageName, (example: unknown, completion: unknown) => ScoreResult> = {
  "accept-plus": acceptPlus,
  "trim-nbsp": trimNbsp,
};

/**
 * The sabotaged copy of the strict scorer named `name`: same contract (total, deterministic,
 * `{reward, details}`), one rule relaxed. The same function object is returned on every call.
 *
 * @param name one of {@link SABOTAGE_NAMES}
 * @returns the relaxed scorer
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sabotagedScorer } from "./sabotage.ts";
 * const copy = sabotagedScorer("trim-nbsp");
 * assertEquals(copy({ expected_answer: 7 }, "Final: 7\u00a0").reward, 1);
 * assertEquals(copy({ expected_answer: 7 }, "Final:\u00a07").details.code, "unicode_whitespace");
 * ```
 */
export function sabotagedScorer(
  name: SabotageName,
): (example: unknown, completion: unknown) => ScoreResult {
  const fn = COPIES[name];
  if (fn === undefined) throw new RangeError(`unknown sabotage ${JSON.stringify(name)}`);
  return fn;
}
