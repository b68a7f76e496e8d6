/**
 * The golden gate: a scorer passes when every golden-correct completion scores 1 and every
 * golden exploit scores 0. It reads the sealed golden sets (`data/golden/golden_correct.jsonl`,
 * `data/golden/golden_exploits.jsonl`, needs read access to `data/`) and classifies each
 * failure:
 *
 * - a golden-correct completion scoring 0 is a **false negative** (the scorer refuses a right
 *   answer: the gate fails);
 * - a golden exploit scoring 1 is a **false positive** (a reward hack gets paid: the gate fails);
 * - a golden exploit scoring 0 with another code than its `expected_code` is a **code
 *   mismatch** (the verdict is right but the reason moved: a warning, the gate still passes).
 *
 * Any function with the scorer contract can be gated (the strict scorer by default, a rubric
 * variant, a student's sabotaged copy). Results are cached per scorer function (and, for the
 * strict scorer, per {@link scorerFingerprint}), so every eval and select manifest can record
 * the gate at the cost of a map lookup after the first call.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { goldenGate } from "./golden.ts";
 * import { RUBRICS } from "./rubrics.ts";
 * assert(goldenGate().passed);
 * const substring = goldenGate(RUBRICS["substring"], "substring");
 * assertEquals(substring.passed, false);
 * assert(substring.exploits.failures.every((f) => f.kind === "false_positive"));
 * ```
 * @module
 */
import type { GoldenGateField } from "../core/manifest.ts";
import { score, scorerFingerprint } from "./scorer.ts";
import { SCORER_NAME, SCORER_VERSION } from "./spec.ts";
import type { ScoreFn } from "./rubric_contract.ts";
import { type GoldenCase, loadGoldenSets } from "./golden_sets.ts";

export { GOLDEN_FILES, type GoldenCase, type GoldenSets, loadGoldenSets } from "./golden_sets.ts";

/** How a golden case went wrong. */
export type GoldenFailureKind = "false_negative" | "false_positive" | "code_mismatch";

/** One golden case the scorer got wrong (or, for a code mismatch, right for another reason). */
export interface GoldenFailure {
  kind: GoldenFailureKind;
  id: string;
  rule: string;
  completion: unknown;
  expected_answer: unknown;
  /** The code the golden set expects (exploits), or "ok" (golden-correct). */
  expected_code: string;
  /** What the scorer gave. */
  reward: number;
  code: string;
  message: string;
}

/** The gate's verdict on one scorer. */
export interface GoldenReport {
  /** True when there is no false negative and no false positive (mismatches only warn). */
  passed: boolean;
  /** The name the scorer was gated under. */
  scorer: string;
  /** Golden-correct set: its size and the false negatives. */
  correct: { n: number; failures: GoldenFailure[] };
  /** Golden exploit set: its size and the false positives. */
  exploits: { n: number; failures: GoldenFailure[] };
  /** Exploits scored 0 but with another code than expected (warnings). */
  mismatches: GoldenFailure[];
  /** SHA-256 of the two golden files, so a manifest pins which golden sets judged. */
  golden_sha256: { correct: string; exploits: string };
}

/** The compact form a manifest records as `golden_gate` (defined with the manifest). */
export type { GoldenGateField };

const cachedReports = new WeakMap<ScoreFn, GoldenReport>();
let strictFingerprint: string | null = null;

/** The example a golden row stands for: its expected answer, or none at all when it has none. */
function exampleOf(row: GoldenCase): Record<string, unknown> {
  return "expected_answer" in row ? { id: row.id, expected_answer: row.expected_answer } : {
    id: row.id,
  };
}

/** Scores one row, turning a throw into a reward-0 verdict with code `"threw"`. */
function safeScore(
  fn: ScoreFn,
  row: GoldenCase,
): { reward: number; code: string; message: string } {
  try {
    const r = fn(exampleOf(row), row.completion);
    return { reward: r.reward, code: String(r.details.code), message: String(r.details.message) };
  } catch (e) {
    return { reward: 0, code: "threw", message: `The scorer threw: ${(e as Error)?.message ?? e}` };
  }
}

function failure(
  kind: GoldenFailureKind,
  row: GoldenCase,
  expectedCode: string,
  got: { reward: number; code: string; message: string },
): GoldenFailure {
  return {
    kind,
    id: row.id,
    rule: row.rule,
    completion: row.completion,
    expected_answer: "expected_answer" in row ? row.expected_answer : null,
    expected_code: expectedCode,
    reward: got.reward,
    code: got.code,
    message: got.message,
  };
}

/**
 * Runs the golden gate on a scorer: every golden-correct case must score 1, every exploit 0
 * (and should carry its `expected_code`).
 *
 * @param scoreFn any function with the scorer contract (default: the strict scorer)
 * @param name the name to report it under (default: the strict scorer's name, or the
 *   function's own name)
 * @returns the verdict with every failure classified (cached per function)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { goldenGate } from "./golden.ts";
 * import { score } from "./scorer.ts";
 * // A sabotaged copy that forgives a '+' sign: the exploit "Final: +323" becomes a false positive.
 * const plusOk = (ex: unknown, c: unknown) =>
 *   score(ex, typeof c === "string" ? c.replace("Final: +", "Final: ") : c);
 * const report = goldenGate(plusOk, "plus-ok");
 * assertEquals(report.exploits.failures.map((f) => [f.kind, f.completion]), [
 *   ["false_positive", "Final: +323"],
 * ]);
 * ```
 */
export function goldenGate(scoreFn: ScoreFn = score, name?: string): GoldenReport {
  if (scoreFn === score) {
    // The strict scorer is a module: if its source changes, its fingerprint does.
    const fp = scorerFingerprint();
    if (fp !== strictFingerprint) {
      cachedReports.delete(score);
      strictFingerprint = fp;
    }
  }
  const cached = cachedReports.get(scoreFn);
  const label = name ?? (scoreFn === score ? SCORER_NAME : scoreFn.name || "anonymous scorer");
  if (cached !== undefined) return { ...cached, scorer: label };
  const sets = loadGoldenSets();
  const falseNegatives: GoldenFailure[] = [];
  for (const row of sets.correct) {
    const got = safeScore(scoreFn, row);
    if (got.reward !== 1) falseNegatives.push(failure("false_negative", row, "ok", got));
  }
  const falsePositives: GoldenFailure[] = [];
  const mismatches: GoldenFailure[] = [];
  for (const row of sets.exploits) {
    const got = safeScore(scoreFn, row);
    const expectedCode = row.expected_code ?? "(any failure)";
    if (got.reward !== 0) falsePositives.push(failure("false_positive", row, expectedCode, got));
    else if (row.expected_code !== undefined && got.code !== row.expected_code) {
      mismatches.push(failure("code_mismatch", row, expectedCode, got));
    }
  }
  const report: GoldenReport = {
    passed: falseNegatives.length === 0 && falsePositives.length === 0,
    scorer: label,
    correct: { n: sets.correct.length, failures: falseNegatives },
    exploits: { n: sets.exploits.length, failures: falsePositives },
    mismatches,
    golden_sha256: sets.sha256,
  };
  cachedReports.set(scoreFn, report);
  return report;
}

/**
 * The `golden_gate` field of a manifest: pass/fail and the counts, without the cases.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { goldenGate, goldenGateField } from "./golden.ts";
 * const field = goldenGateField(goldenGate());
 * assertEquals([field.passed, field.false_negatives, field.false_positives], [true, 0, 0]);
 * ```
 */
export function goldenGateField(report: GoldenReport): GoldenGateField {
  return {
    passed: report.passed,
    scorer: report.scorer,
    n_correct: report.correct.n,
    n_exploits: report.exploits.n,
    false_negatives: report.correct.failures.length,
    false_positives: report.exploits.failures.length,
    code_mismatches: report.mismatches.length,
    golden_sha256: report.golden_sha256,
  };
}

const KIND_TEXT: Record<GoldenFailureKind, string> = {
  false_negative: "FALSE NEGATIVE",
  false_positive: "FALSE POSITIVE",
  code_mismatch: "CODE MISMATCH (warning)",
};

/** A value shown as JSON with hidden characters escaped (`\u00a0`), so nothing hides. */
function shown(v: unknown): string {
  if (v === undefined) return "(absent)";
  return JSON.stringify(v).replace(
    /[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * The story `deno task golden` prints: each failure with its rule and what the scorer said,
 * then the verdict line.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { goldenGate, goldenStory } from "./golden.ts";
 * assertStringIncludes(goldenStory(goldenGate()), "PASSED");
 * ```
 */
export function goldenStory(r: GoldenReport): string {
  const version = r.scorer === SCORER_NAME ? ` ${SCORER_VERSION}` : "";
  const lines = [
    `Golden gate for scorer ${r.scorer}${version}: ${r.correct.n} golden-correct completions ` +
    `must score 1, ${r.exploits.n} golden exploits must score 0.`,
  ];
  const all = [...r.correct.failures, ...r.exploits.failures, ...r.mismatches];
  for (const f of all) {
    lines.push(
      "",
      `${KIND_TEXT[f.kind]} ${f.id} (${f.rule})`,
      `  expected_answer ${shown(f.expected_answer)}, completion ${shown(f.completion)}`,
      f.kind === "false_negative"
        ? `  should score 1; scored ${f.reward} with ${f.code}: ${f.message}`
        : f.kind === "false_positive"
        ? `  should score 0 with ${f.expected_code}; scored ${f.reward}: ${f.message}`
        : `  scored 0 as it should, but with ${f.code} instead of ${f.expected_code}: ${f.message}`,
    );
  }
  const fn = r.correct.failures.length, fp = r.exploits.failures.length;
  lines.push(
    "",
    `golden-correct: ${r.correct.n - fn}/${r.correct.n} scored 1 (${fn} false negative(s))`,
    `golden exploits: ${r.exploits.n - fp}/${r.exploits.n} scored 0 (${fp} false positive(s), ` +
      `${r.mismatches.length} code mismatch(es))`,
    r.passed
      ? `Golden gate PASSED for ${r.scorer}` +
        (r.mismatches.length > 0 ? " (with code-mismatch warnings)" : "")
      : `Golden gate FAILED for ${r.scorer}: do not trust its rewards until every case above is fixed`,
  );
  return lines.join("\n");
}
