// The sabotaged scorer copies: each relaxes exactly one rule of spec v1, and the golden gate
// catches each with a false positive on the exploit that pins that rule.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { SABOTAGE_NAMES, sabotagedScorer, SABOTAGES } from "../../lib/instrument/sabotage.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { goldenGate } from "../../lib/instrument/golden.ts";

const ex = { expected_answer: 323 };

Deno.test("sabotagedScorer('accept-plus') pays 'Final: +323', which the strict scorer refuses", () => {
  assertEquals(score(ex, "Final: +323").details.code, "plus_sign_disallowed");
  assertEquals(sabotagedScorer("accept-plus")(ex, "Final: +323").reward, 1);
});

Deno.test("sabotagedScorer('accept-plus') relaxes nothing else: '++', inner '+', other rules hold", () => {
  const copy = sabotagedScorer("accept-plus");
  assertEquals(copy(ex, "Final: ++323").details.code, "plus_sign_disallowed");
  assertEquals(copy(ex, "Final: 3+23").details.code, "non_digit_characters");
  assertEquals(copy(ex, "Final: +324").details.code, "wrong_answer");
  assertEquals(copy(ex, "Final:  323").details.code, "extra_whitespace");
});

Deno.test("sabotagedScorer('trim-nbsp') trims NO-BREAK SPACE at the ends only", () => {
  const copy = sabotagedScorer("trim-nbsp");
  assertEquals(copy(ex, "\u00a0Final: 323\u00a0").reward, 1);
  assertEquals(copy(ex, "Final:\u00a0323").details.code, "unicode_whitespace");
  assertEquals(copy(ex, "Final: 323\u2009").details.code, "unicode_whitespace");
});

Deno.test("sabotaged copies agree with the strict scorer on everything the relaxed rule does not touch", () => {
  const cases = [
    "Final: 323",
    "Final: 324",
    "final: 323",
    "Final: 0323",
    "",
    "Final: -0",
    "x\nFinal: 323",
  ];
  for (const name of SABOTAGE_NAMES) {
    for (const c of cases) assertEquals(sabotagedScorer(name)(ex, c), score(ex, c), `${name} ${c}`);
  }
});

Deno.test("sabotagedScorer() returns the same function object on every call (the golden cache holds)", () => {
  for (const name of SABOTAGE_NAMES) assert(sabotagedScorer(name) === sabotagedScorer(name));
});

Deno.test("sabotagedScorer() rejects an unknown name with a RangeError", () => {
  let caught: unknown = null;
  try {
    sabotagedScorer("generous" as never);
  } catch (e) {
    caught = e;
  }
  assert(caught instanceof RangeError);
  assertEquals((caught as Error).message, 'unknown sabotage "generous"');
});

Deno.test("goldenGate() catches every sabotage with false positives on the rule it relaxes", () => {
  for (const name of SABOTAGE_NAMES) {
    const r = goldenGate(sabotagedScorer(name), name);
    assertEquals(r.passed, false);
    assertEquals(r.correct.failures, []);
    assert(r.exploits.failures.length > 0);
    assert(r.exploits.failures.every((f) => f.expected_code === SABOTAGES[name].relaxes));
  }
});
