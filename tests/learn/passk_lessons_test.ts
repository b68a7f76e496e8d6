/**
 * The counted lessons as functions, on hand-made counts whose answers are known: the cluster
 * bootstrap against the paired bootstrap it generalises, answer-only correctness against the
 * strict scorer, pass@k gains and their intervals, the crossover, lost coverage, the pass@1 gain
 * in parts and by template. (The lessons themselves are asserted on the shipped counts in
 * tests/learn/lessons_counts_test.ts.)
 */
import fc from "npm:fast-check@4.10.2";
import assertStrict from "node:assert/strict";
import { assert, assertAlmostEquals, assertEquals } from "../../lib/core/testing.ts";
import { makeRng } from "../../lib/core/prng.ts";
import { pairedBootstrap } from "../../lib/core/stats.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { clusterBootstrap } from "../../lib/learn/cluster_bootstrap.ts";
import { answerOnly, committedAnswer } from "../../lib/learn/answer_only.ts";
import {
  coverage,
  formatVsAnswer,
  passAtKGains,
  type PromptCounts,
  selectionVsLearningCI,
  templateGains,
} from "../../lib/learn/passk_lessons.ts";

const diffs = Array.from({ length: 40 }, (_, i) => ((i * 7) % 5) / 4 - 0.3);

Deno.test("clusterBootstrap() with one prompt per cluster is pairedBootstrap() on the same draws", () => {
  const [a] = clusterBootstrap([diffs], diffs.map((_, i) => `c${i}`), makeRng(3));
  assertEquals(a, pairedBootstrap(diffs, makeRng(3)));
});

Deno.test("clusterBootstrap() counts five copies of a prompt in one cluster as one prompt's evidence", () => {
  const copies = diffs.flatMap((d) => [d, d, d, d, d]);
  const [a] = clusterBootstrap(
    [copies],
    diffs.flatMap((_, i) => Array(5).fill(`c${i}`)),
    makeRng(3),
  );
  const b = pairedBootstrap(diffs, makeRng(3));
  assertAlmostEquals(a.lo, b.lo, 1e-12);
  assertAlmostEquals(a.hi, b.hi, 1e-12);
  const [naive] = clusterBootstrap([copies], copies.map((_, i) => `p${i}`), makeRng(3));
  assert(naive.hi - naive.lo < (a.hi - a.lo) / 1.5, "prompts resampled alone look surer");
});

Deno.test("clusterBootstrap() refuses a series that is not one value per prompt", () => {
  assertStrict.throws(() => clusterBootstrap([[1, 2]], ["a"], makeRng(0)), /2 values for 1/);
});

Deno.test("committedAnswer() reads the one integer of the last non-empty line, in any format", () => {
  const cases: [string, string | null][] = [
    ["Final: 9", "9"],
    ["final:  09.", "9"],
    ["14 - 5 = 9\nFinal: 9", "9"],
    ["Final:\n9\n", "9"],
    ["The answer is 9 pears.", "9"],
    ["Final: \u22129", "-9"],
    ["Final: 9 or 10", null],
    ["Final: nine", null],
    ["", null],
  ];
  assertEquals(cases.map(([c]) => committedAnswer(c)), cases.map(([, a]) => a));
});

Deno.test("answerOnly() holds for every completion the strict scorer rewards (golden set, random integers)", async () => {
  const golden = (await readJsonl(dataPath("golden/golden_correct.jsonl"))).map((r) =>
    r.value as { expected_answer: number | string; completion: string }
  );
  const rewarded = golden.filter((g) => score(g, g.completion).reward === 1);
  assert(rewarded.length >= 10);
  assertEquals(rewarded.filter((g) => !answerOnly(g, g.completion)), []);
  fc.assert(
    fc.property(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: -1000, max: 1000 }),
      (a, b) => {
        const ex = { expected_answer: a };
        return score(ex, `Final: ${b}`).reward === (answerOnly(ex, `Final: ${b}`) ? 1 : 0);
      },
    ),
  );
});

/** Counts of one prompt: strict and answer-only passes of base and rl out of n. */
const row = (
  id: string,
  template: string,
  strict: [number, number],
  answer: [number, number] = strict,
  fact = id,
): PromptCounts => ({
  id,
  template,
  fact,
  strict: { base: strict[0], rl: strict[1] },
  answer: { base: answer[0], rl: answer[1] },
});

Deno.test("passAtKGains() gives the unbiased pass@k of each side and their difference", () => {
  // n = 4: base solves prompt a once, rl three times; prompt b: both never.
  const g = passAtKGains([row("a", "zero", [1, 3]), row("b", "zero", [0, 0])], {
    n: 4,
    base: "base",
    trained: ["rl"],
  }, [1, 2]);
  assertEquals(g.map((x) => x.k), [1, 2]);
  assertAlmostEquals(g[0].gain, (3 / 4 - 1 / 4) / 2, 1e-12);
  assertAlmostEquals(g[1].base, (1 - 3 / 6) / 2, 1e-12); // 1 − C(3,2)/C(4,2) on a, 0 on b
  assertAlmostEquals(g[1].trained, 1 / 2, 1e-12);
});

Deno.test("passAtKGains() compares the base with the per-prompt mean over the seeds", () => {
  const r = { ...row("a", "zero", [0, 4]), strict: { base: 0, s0: 4, s1: 0 } };
  const [g] = passAtKGains([r], { n: 4, base: "base", trained: ["s0", "s1"] }, [1]);
  assertEquals([g.trained, g.gain], [0.5, 0.5]);
});

// 60 facts: RL is sure on 40 prompts the base solves a quarter of the time, and never solves
// 20 that the base solves once in 64; pass@1 favours RL, pass@64 the base.
const split = [
  ...Array.from({ length: 40 }, (_, i) => row(`w${i}`, "apples", [16, 64])),
  ...Array.from({ length: 20 }, (_, i) => row(`l${i}`, "share", [1, 0])),
];

Deno.test("selectionVsLearningCI() finds the first k where the base is ahead beyond the interval", () => {
  const s = selectionVsLearningCI(split, { n: 64, base: "base", trained: ["rl"] }, [1, 8, 64]);
  assert(s.gains[0].lo > 0, JSON.stringify(s.gains[0]));
  assertEquals([s.crossoverAt, s.seedCrossoverAt, s.largeK], [64, [64], "behind"]);
});

Deno.test("coverage() lists the prompts the base solves at least once and the run never does", () => {
  const c = coverage([...split, row("g", "zero", [0, 2])], "base", "rl");
  assertEquals([c.lost.length, c.gained.map((r) => r.id), c.lostByTemplate], [20, ["g"], {
    share: 20,
  }]);
});

Deno.test("formatVsAnswer(): strict gain = answer-only gain + format gain, exactly", () => {
  const rows = [row("a", "zero", [1, 6], [5, 7]), row("b", "apples", [0, 2], [4, 3])];
  const p = formatVsAnswer(rows, { n: 8, base: "base", trained: ["rl"] });
  assertAlmostEquals(p.strict.gain, (5 / 8 + 2 / 8) / 2, 1e-12);
  assertAlmostEquals(p.answer.gain, (2 / 8 - 1 / 8) / 2, 1e-12);
  assertAlmostEquals(p.strict.gain, p.answer.gain + p.format.gain, 1e-12);
});

Deno.test("templateGains(): each template's gain, and shares that add up to the overall gain", () => {
  const rows = [row("a", "zero", [1, 6]), row("b", "zero", [3, 3]), row("c", "share", [0, 4])];
  const t = templateGains(rows, { n: 8, base: "base", trained: ["rl"] });
  assertEquals(t.map((x) => [x.template, x.prompts]), [["share", 1], ["zero", 2]]);
  const overall = formatVsAnswer(rows, { n: 8, base: "base", trained: ["rl"] }).strict.gain;
  assertAlmostEquals(t.reduce((a, x) => a + x.share, 0), overall, 1e-12);
});
