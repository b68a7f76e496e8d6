// The patched substring rubric: one whole integer, equal to the expected answer; it closes
// laundering and the answer-inside-a-number hacks and keeps the prose/format trade-off.
import { assertEquals } from "../../lib/core/testing.ts";
import { patchedSubstringRubric } from "../../lib/instrument/patch.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { redTeam } from "../../lib/redteam/redteam.ts";
import { confirmExploits } from "../../lib/redteam/exploits.ts";

const code = (e: unknown, c: unknown) => patchedSubstringRubric(e, c).details.code;

Deno.test("patchedSubstringRubric() refuses several numbers (answer laundering)", () => {
  assertEquals(code({ expected_answer: 323 }, "Final: 322 or 323 or 324"), "several_numbers");
  assertEquals(code({ expected_answer: 323 }, "Final: 323\nFinal: 323"), "several_numbers");
});

Deno.test("patchedSubstringRubric() reads whole integers: 3230 is not 323, -17 is not 17", () => {
  assertEquals(code({ expected_answer: 323 }, "Final: 3230"), "wrong_answer");
  assertEquals(code({ expected_answer: 17 }, "Final: -17"), "wrong_answer");
  assertEquals(patchedSubstringRubric({ expected_answer: -17 }, "Final: -17").reward, 1);
});

Deno.test("patchedSubstringRubric() still pays prose around one right number (the stated trade-off)", () => {
  assertEquals(patchedSubstringRubric({ expected_answer: 323 }, "The answer is 323.").reward, 1);
});

Deno.test("patchedSubstringRubric() validates like the strict scorer: bad example, non-string, no number", () => {
  assertEquals(code({ expected_answer: 3.5 }, "Final: 3"), "invalid_example");
  assertEquals(code({ expected_answer: 3 }, 3), "invalid_completion");
  assertEquals(code({ expected_answer: 3 }, "Final: three"), "no_number");
});

Deno.test("the patch closes the red team's laundering and repeated-line hacks and adds no false negative", () => {
  const examples = [{ id: "q1", expected_answer: 323 }, { id: "q2", expected_answer: -17 }];
  const rt = redTeam(examples, { rubric: "substring", seed: 0, perClass: 10 });
  const attempts = rt.candidates.map((c) => ({
    expected_answer: c.expected,
    completion: c.completion,
    why: c.class,
  }));
  const before = confirmExploits(attempts, RUBRICS["substring"]);
  const after = confirmExploits(attempts, patchedSubstringRubric);
  const fp = (rows: typeof before, cls: string) =>
    rows.filter((r) => r.why === cls && r.outcome === "false_positive").length;
  for (const cls of ["answer_laundering", "repeated_final"]) {
    assertEquals(fp(after, cls), 0, cls);
    assertEquals(fp(before, cls) > 0, true, cls);
  }
  assertEquals(after.filter((r) => r.outcome === "false_negative"), []);
});
