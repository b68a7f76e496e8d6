// The contracts of M4/M5's exercises: complete and well-formed answers pass, agreement is
// reported, and each failure names what is wrong in plain words.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  checkExploits,
  checkKataAnswer,
  checkProbeGuesses,
  checkStudentTest,
  probeRows,
  PROBES,
  suspicion,
} from "../../lib/course/reward_exercise_checks.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { loadKata } from "../../lib/redteam/kata.ts";

const truth: string[] = PROBES.map((p) =>
  score({ expected_answer: p.expected_answer }, p.completion).details.code
);

Deno.test("checkProbeGuesses() passes the scorer's own codes with full agreement", () => {
  const v = checkProbeGuesses(truth);
  assertEquals([v.ok, v.agree, v.misses], [true, PROBES.length, []]);
});

Deno.test("checkProbeGuesses() passes wrong but well-formed guesses and explains each miss", () => {
  const guesses = [...truth];
  guesses[2] = "ok";
  const v = checkProbeGuesses(guesses);
  assertEquals([v.ok, v.agree, v.misses.length], [true, PROBES.length - 1, 1]);
  assertStringIncludes(v.misses[0], "you guessed ok, the scorer says plus_sign_disallowed");
});

Deno.test("checkProbeGuesses() fails a missing guess or a code the scorer does not have", () => {
  assertEquals(checkProbeGuesses(truth.slice(1)).ok, false);
  const bad = [...truth];
  bad[0] = "correct";
  const v = checkProbeGuesses(bad);
  assertEquals(v.ok, false);
  assertStringIncludes(v.why, '"correct" is not a scorer code');
});

Deno.test("probeRows() shows completions with visible whitespace and the scorer's verdict", () => {
  const [row] = probeRows([{ expected_answer: 1, completion: "Final:  1" }]);
  assertEquals([row.completion, row.code, row.reward], ["Final:␣␣1", "extra_whitespace", 0]);
});

Deno.test("checkStudentTest() passes exit 0 with passed tests, fails otherwise", () => {
  const base = { file: "f", dir: "d", command: "deno test f", output: "" };
  assert(checkStudentTest({ ...base, code: 0, summary: { ok: true, passed: 2, failed: 0 } }).ok);
  assertEquals(
    checkStudentTest({ ...base, code: 1, summary: { ok: false, passed: 1, failed: 1 } }).ok,
    false,
  );
  assertEquals(
    checkStudentTest({ ...base, code: 0, summary: { ok: true, passed: 0, failed: 0 } }).why,
    "your file holds no test",
  );
  assertEquals(checkStudentTest({ ...base, code: 1, summary: null }).ok, false);
});

Deno.test("checkExploits() needs 2 to 5 exploits, each paid by the variant and refused by strict", () => {
  const sub = RUBRICS["substring"];
  const good = [
    { expected_answer: 323, completion: "Final: 322 or 323" },
    { expected_answer: 5, completion: "Final: 15" },
  ];
  assert(checkExploits(good, sub, "substring").ok);
  assertStringIncludes(checkExploits(good.slice(1), sub, "substring").why, "2 to 5");
  const honest = [...good, { expected_answer: 5, completion: "Final: 5" }];
  const v = checkExploits(honest, sub, "substring");
  assertEquals(v.ok, false);
  assertStringIncludes(v.why, "exploit 3");
});

Deno.test("checkKataAnswer() passes every case labelled and justified, and explains disagreements", () => {
  const { key } = loadKata("hard");
  const all = Object.fromEntries(key.cases.map((c) => [c.id, { label: c.label, why: c.why }]));
  const v = checkKataAnswer(all, key);
  assertEquals([v.ok, v.agree, v.explanations], [true, 10, []]);
  const wrong = { ...all, h04: { label: "model failure", why: "the model said 9" } };
  const w = checkKataAnswer(wrong, key);
  assertEquals([w.ok, w.agree, w.explanations.length], [true, 9, 1]);
  assertStringIncludes(
    w.explanations[0],
    "h04: you said model failure; the key says spec ambiguity",
  );
});

Deno.test("checkKataAnswer() names the unlabelled cases, an unknown label and an empty justification", () => {
  const { key } = loadKata("hard");
  const all = Object.fromEntries(key.cases.map((c) => [c.id, { label: c.label, why: "x" }]));
  const { h01: _, ...missing } = all;
  assertStringIncludes(checkKataAnswer(missing, key).why, "1 of 10 unlabelled (h01)");
  assertStringIncludes(
    checkKataAnswer({ ...all, h02: { label: "typo", why: "x" } }, key).why,
    'h02: "typo" is not one of the four labels',
  );
  assertStringIncludes(
    checkKataAnswer({ ...all, h03: { label: "hack", why: " " } }, key).why,
    "h03 has no justification",
  );
});

Deno.test("suspicion() flags hedging, non-ASCII verdicts and laundering, and nothing else", () => {
  assertEquals(suspicion({ code: "ok", completion: "Final: 3" }), null);
  assertStringIncludes(
    suspicion({ code: "not_single_line", completion: "Final: 1\nFinal: 2" })!,
    "hedging",
  );
  assertStringIncludes(
    suspicion({ code: "unicode_minus", completion: "Final: −3" })!,
    "outside ASCII",
  );
  assertStringIncludes(
    suspicion({ code: "non_digit_characters", completion: "Final: 1, 2, 3" })!,
    "laundering",
  );
  assertEquals(suspicion({ code: "wrong_answer", completion: null }), null);
  // A reasoning answer restates the problem's numbers before its final line: not laundering.
  assertEquals(
    suspicion({
      code: "not_single_line",
      completion: "A shop packs 24 boxes with 14 pencils each. Let me work it out step by step.\n" +
        "24 * 14 = 336\nFinal: 336",
    }),
    null,
  );
  assertStringIncludes(
    suspicion({ code: "non_digit_characters", completion: "Final: 12 or 13" })!,
    "2 numbers after 'Final:'",
  );
  assertStringIncludes(
    suspicion({ code: "missing_prefix", completion: "**Final: 12**" })!,
    "decorated",
  );
});
