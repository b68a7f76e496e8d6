/**
 * M6's exercises (lib/course/capstone_checks.ts): each contract accepts the right answer and
 * names the first thing wrong with a wrong one, against what the run recorded.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  checkBareShare,
  checkStepSummary,
  checkVerdictReading,
} from "../../lib/course/capstone_checks.ts";

const mean = (r: readonly number[]) => r.reduce((a, b) => a + b, 0) / r.length;
const GROUPS = [[1, 0, 0, 1], [0, 0, 0, 0], [1, 1, 1, 0]];
const LOGGED = { signal: 2, reward: 5 / 12 };
const right = (g: readonly (readonly number[])[]) => ({
  advantages: g.map((r) => r.map((x) => x - mean(r))),
  signal: g.filter((r) => r.some((x) => x !== r[0])).length,
  reward: mean(g.flat()),
});

Deno.test("checkStepSummary() checks the advantages, the signal and the reward against the step log", () => {
  assert(checkStepSummary(right, GROUPS, LOGGED).ok);
  const noCentre = (g: readonly (readonly number[])[]) => ({
    ...right(g),
    advantages: g.map((r) => [...r]),
  });
  assertStringIncludes(checkStepSummary(noCentre, GROUPS, LOGGED).why, "group 0");
  const allGroups = (g: readonly (readonly number[])[]) => ({ ...right(g), signal: g.length });
  assertStringIncludes(checkStepSummary(allGroups, GROUPS, LOGGED).why, "no gradient");
});

Deno.test("checkVerdictReading() wants the sound verdict and the evidence that makes it so", () => {
  const verdicts = {
    A: { decision: "PROMOTE" as const, violations: [], significant: false },
    B: { decision: "PROMOTE" as const, violations: [], significant: true },
  };
  assert(
    checkVerdictReading({
      trust: "B",
      because: "its McNemar p is tiny and the interval excludes 0",
    }, verdicts)
      .ok,
  );
  assertStringIncludes(
    checkVerdictReading({ trust: "A", because: "a larger delta wins" }, verdicts).why,
    "not significant",
  );
  assertEquals(
    checkVerdictReading({ trust: "B", because: "B looks better to me overall" }, verdicts).why,
    "name the evidence the gate printed: significance, the p-value, the interval or the noise band",
  );
});

Deno.test("checkBareShare() counts bare 'Final: N' lines and nothing else", () => {
  const sets = { frozen: ["Final: 3", "Final: 3.", "final: 3", "Final: -2"], fresh: ["Final: 1"] };
  const share = (t: readonly string[]) =>
    t.filter((x) => /^Final: -?\d+$/.test(x)).length / t.length;
  assert(checkBareShare(share, sets).ok);
  const loose = (t: readonly string[]) => t.filter((x) => /final/i.test(x)).length / t.length;
  assertStringIncludes(checkBareShare(loose, sets).why, "frozen: 0.500");
});
