/**
 * The lesson measurements as functions: known answers on small hand-made data. (The lessons
 * themselves are asserted on run data in tests/learn/lessons_run_test.ts.)
 */
import { assertEquals } from "../../lib/core/testing.ts";
import {
  betaFrontier,
  codeShift,
  formOf,
  goodhartLesson,
  newForms,
  passAtOneLesson,
  selectionVsLearning,
} from "../../lib/learn/lessons.ts";

const point = (
  step: number,
  proxy: number,
  strict: number,
  kl: number,
  codes: Record<string, number> = {},
) => ({ step, proxy, strict, kl, codes });

Deno.test("passAtOneLesson() subtracts the base from the trained policy at k = 1 and k = 8", () => {
  const l = passAtOneLesson({ "1": 0.25, "8": 0.75 }, { "1": 0.5, "8": 0.625 });
  assertEquals([l.gain1, l.change8], [0.25, -0.125]);
});

Deno.test("selectionVsLearning() finds where the base catches up and whether the gain shrinks", () => {
  const base = { "1": 0.25, "2": 0.5, "4": 0.875 }, trained = { "1": 0.5, "2": 0.625, "4": 0.875 };
  const s = selectionVsLearning(base, trained);
  assertEquals(s.gains.map((g) => g.gain), [0.25, 0.125, 0]);
  assertEquals([s.caughtUpAt, s.shrinks], [4, true]);
});

Deno.test("codeShift() lists each code's share over steps and the failure codes that vanished", () => {
  const c = codeShift([
    point(0, 0, 0, 0, { ok: 0.5, leading_zeros: 0.25, wrong_answer: 0.25 }),
    point(10, 0, 0, 0, { ok: 0.75, wrong_answer: 0.25 }),
  ]);
  assertEquals(c.shares.leading_zeros, [0.25, 0]);
  assertEquals(c.vanished, ["leading_zeros"]);
});

Deno.test("newForms() names the forms the fresh completions use and the frozen ones never did", () => {
  assertEquals(formOf("Final: 12 or 13"), "Final:␣N␣or␣N");
  assertEquals(
    newForms(["Final: 3", "Final: 4."], ["Final: 9", "Final: 1 or 2", "Final: 5 or 6"]),
    [
      { form: "Final:␣N␣or␣N", count: 2, example: "Final: 1 or 2" },
    ],
  );
});

Deno.test("goodhartLesson() reports start and end, and the step from which the two stay apart", () => {
  const g = goodhartLesson([
    point(0, 0.4, 0.2, 0),
    point(10, 0.5, 0.25, 0),
    point(20, 0.6, 0.15, 0),
    point(30, 0.7, 0.1, 0),
  ]);
  assertEquals([g.proxyStart, g.proxyEnd, g.strictStart, g.strictEnd, g.divergeStep], [
    0.4,
    0.7,
    0.2,
    0.1,
    20,
  ]);
});

Deno.test("betaFrontier() sorts by beta and says whether KL falls as beta grows", () => {
  const run = (beta: number, kl: number) => ({
    beta,
    curve: [point(0, 0, 0, 0), point(10, 0.5, 0.2, kl)],
  });
  assertEquals(betaFrontier([run(0.1, 0.5), run(0, 2), run(1, 0.1)]).klMonotone, true);
  assertEquals(betaFrontier([run(0.1, 0.5), run(0, 0.4)]).klMonotone, false);
});
