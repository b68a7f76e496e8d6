// The golden gate: the strict scorer passes it, and every way of relaxing (or tightening) a rule
// is caught and classified: false negative, false positive, or code mismatch (a warning).
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  goldenGate,
  goldenGateField,
  type GoldenReport,
  goldenStory,
} from "../../lib/instrument/golden.ts";
import { score } from "../../lib/instrument/scorer.ts";
import type { RubricResult } from "../../lib/instrument/rubric_contract.ts";
import { runTask } from "../cli.ts";
import { usageRefusal } from "../refusal.ts";
import { GOLDEN } from "../../lib/cli/golden.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";

const kinds = (r: GoldenReport) =>
  [...r.correct.failures, ...r.exploits.failures, ...r.mismatches].map((f) => f.kind);

Deno.test("goldenGate() passes the strict scorer: 16 correct score 1, 58 exploits 0 with their codes", () => {
  const r = goldenGate();
  assertEquals([r.passed, r.correct.n, r.exploits.n], [true, 16, 58]);
  assertEquals(kinds(r), []);
  assertEquals(r.scorer, "final-int-strict");
});

Deno.test("goldenGate() classifies a scorer that trims NO-BREAK SPACE as FALSE POSITIVES", () => {
  // JavaScript's trim() removes U+00A0, U+2028 and U+FEFF too: spec v1 trims only ASCII.
  const trimsUnicode = (ex: unknown, c: unknown) => score(ex, typeof c === "string" ? c.trim() : c);
  const r = goldenGate(trimsUnicode, "trims-unicode");
  assertEquals(r.passed, false);
  assertEquals(r.correct.failures, []);
  assertEquals(
    r.exploits.failures.map((f) => [f.kind, f.completion]),
    [
      ["false_positive", "Final: 323\u00a0"],
      ["false_positive", "Final: 323\u2028"],
      ["false_positive", "\ufeffFinal: 323"],
    ],
  );
});

Deno.test("goldenGate() catches a scorer that accepts '+' with exactly one FALSE POSITIVE", () => {
  const plusOk = (ex: unknown, c: unknown) =>
    score(ex, typeof c === "string" ? c.replace("Final: +", "Final: ") : c);
  const r = goldenGate(plusOk, "plus-ok");
  assertEquals(r.passed, false);
  assertEquals(r.exploits.failures.map((f) => [f.id, f.expected_code, f.code]), [
    ["gx-041", "plus_sign_disallowed", "ok"],
  ]);
});

Deno.test("goldenGate() reports a scorer that stops trimming as FALSE NEGATIVES", () => {
  const noTrim = (ex: unknown, c: unknown): RubricResult =>
    typeof c === "string" && c !== c.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")
      ? { reward: 0, details: { code: "untrimmed", message: "no", expected: null, answer: null } }
      : score(ex, c);
  const r = goldenGate(noTrim, "no-trim");
  assertEquals(r.passed, false);
  assertEquals(r.correct.failures.length, 7);
  assert(r.correct.failures.every((f) => f.kind === "false_negative" && f.code === "untrimmed"));
});

Deno.test("goldenGate() warns (CODE MISMATCH) but passes when only a failure's code moves", () => {
  const recoded = (ex: unknown, c: unknown): RubricResult => {
    const r = score(ex, c);
    return r.details.code === "leading_zeros"
      ? { reward: 0, details: { ...r.details, code: "non_digit_characters" } }
      : r;
  };
  const r = goldenGate(recoded, "recoded");
  assertEquals(r.passed, true);
  assertEquals(r.mismatches.map((f) => [f.kind, f.expected_code, f.code]), [
    ["code_mismatch", "leading_zeros", "non_digit_characters"],
    ["code_mismatch", "leading_zeros", "non_digit_characters"],
    ["code_mismatch", "leading_zeros", "non_digit_characters"],
  ]);
  assertStringIncludes(goldenStory(r), "CODE MISMATCH (warning)");
});

Deno.test("goldenGate() turns a throwing scorer into failures with code 'threw', never a crash", () => {
  const r = goldenGate(() => {
    throw new Error("boom");
  }, "throws");
  assertEquals(r.correct.failures.length, 16);
  assertEquals(r.correct.failures[0].code, "threw");
  assertStringIncludes(r.correct.failures[0].message, "boom");
});

Deno.test("goldenGate() scores each of the 74 cases exactly once, and is cached per scorer", () => {
  let calls = 0;
  const fresh = (ex: unknown, c: unknown) => (calls++, score(ex, c));
  const first = goldenGate(fresh, "fresh");
  assertEquals([first.correct.n + first.exploits.n, calls], [74, 74]);
  assertEquals(goldenGate(fresh, "fresh"), first);
  assertEquals(calls, 74, "the second gate of the same scorer scores nothing");
});

Deno.test("goldenGateField() is the compact manifest record of the gate", () => {
  const f = goldenGateField(goldenGate());
  assertEquals(
    { ...f, golden_sha256: undefined },
    {
      passed: true,
      scorer: "final-int-strict",
      n_correct: 16,
      n_exploits: 58,
      false_negatives: 0,
      false_positives: 0,
      code_mismatches: 0,
      golden_sha256: undefined,
    },
  );
  assertEquals(f.golden_sha256.correct.length, 64);
});

/** `deno task golden`, with the task's own (read-only) permissions. */
async function golden(...args: string[]) {
  const out = await runTask("golden", args);
  return { code: out.code, text: out.stdout + out.stderr };
}

Deno.test("deno task golden exits 0 and says PASSED for the strict scorer", async () => {
  const { code, text } = await golden();
  assertEquals(code, 0);
  assertStringIncludes(text, "Golden gate PASSED for final-int-strict");
});

Deno.test("golden --rubric substring exits 1 and prints each FALSE POSITIVE", () => {
  const report = goldenGate(RUBRICS.substring, "substring");
  assertEquals(report.passed, false); // the task returns 1
  const text = goldenStory(report);
  assertStringIncludes(text, "FALSE POSITIVE gx-");
  assertStringIncludes(text, "Golden gate FAILED for substring");
});

Deno.test("deno task golden rejects an unknown flag with exit 2 and the usage", async () => {
  const { code, text } = await golden("--bogus");
  assertEquals(code, 2);
  assertStringIncludes(text, "usage: deno task golden");
});

Deno.test("golden rejects an unknown rubric (exit 2)", () => {
  assertStringIncludes(usageRefusal(GOLDEN, ["--rubric", "generous"]), "--rubric must be one of");
});
