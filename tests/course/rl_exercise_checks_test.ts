/**
 * M2's exercise contract on the tiny policy (lib/course/rl_exercise_checks.ts): the right rule
 * passes, and each usual mistake fails with the group that shows it.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { checkGroupAdvantages } from "../../lib/course/rl_exercise_checks.ts";

const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;

Deno.test("checkGroupAdvantages() passes r − mean(r)", () => {
  const v = checkGroupAdvantages((r) => r.map((x) => x - mean(r)));
  assert(v.ok, v.why);
  assertStringIncludes(v.why, "all-equal groups");
});

Deno.test("checkGroupAdvantages() fails a fixed baseline of 0.5, showing both sets of advantages", () => {
  const v = checkGroupAdvantages((r) => r.map((x) => x - 0.5));
  assertEquals(v.ok, false);
  assertStringIncludes(v.why, "rewards [0, 1, 0, 0, 1, 0, 1, 0] give advantages [-0.375, 0.625,");
  assertStringIncludes(v.why, "yours [-0.5, 0.5,");
});

Deno.test("checkGroupAdvantages() fails a rule that is right on mixed groups only, naming the group", () => {
  const v = checkGroupAdvantages((r) =>
    r.map((x) => (r.every((y) => y === r[0]) ? x : x - mean(r)))
  );
  assertEquals(v.ok, false);
  assertStringIncludes(v.why, "all passed");
});

Deno.test("checkGroupAdvantages() fails the raw rewards (no baseline) on the first group", () => {
  const v = checkGroupAdvantages((r) => [...r]);
  assertEquals(v.ok, false);
  assertStringIncludes(v.why, "a mixed group of 8");
});

Deno.test("checkGroupAdvantages() fails advantages divided by the group's std on fractional rewards", () => {
  const v = checkGroupAdvantages((r) => {
    const m = mean(r), sd = Math.sqrt(mean(r.map((x) => (x - m) ** 2)));
    return r.map((x) => (sd === 0 ? 0 : (x - m) / sd));
  });
  assertEquals(v.ok, false);
});

Deno.test("checkGroupAdvantages() reports a wrong length and a thrown error in words", () => {
  assertStringIncludes(checkGroupAdvantages(() => [0]).why, "expected 8 advantages");
  assertStringIncludes(
    checkGroupAdvantages(() => {
      throw new Error("boom");
    }).why,
    "threw boom",
  );
});
