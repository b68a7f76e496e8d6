/**
 * Loop C's lessons on the sealed split, asserted on the shipped counts (data/policy/lessons/:
 * every small_test prompt × 512 samples of the base, of the default RL run over three seeds, of
 * the over-optimised recipe, lr 5e-3, over three seeds, and of the substring run; CI re-makes
 * them byte for byte with `deno task rl:lessons --check`). Every threshold is an interval's bound, so a claim holds
 * only where the 95% interval over prompts (resampled by fact) resolves it, and on every seed
 * where it says so.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { readPromptRows } from "../../lib/measure/prompts.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { countPasses } from "../../lib/experiments/rl_lessons.ts";
import { loadShippedLessons } from "../../lib/experiments/rl_lessons_run.ts";

const shipped = await loadShippedLessons();
const { rows, meta, summary } = shipped;
const healthy = summary.recipes.find((r) => r.recipe === "strict")!;
const hot = summary.recipes.find((r) => r.recipe === "strict, lr 0.005")!;
const substring = summary.recipes.find((r) => r.recipe === "substring")!;
const at = (r: typeof healthy, k: number) => r.selection.gains.find((g) => g.k === k)!;
const show = (x: unknown) => JSON.stringify(x);

Deno.test("the shipped counts cover all of small_test at n = 512: the base, two recipes of three seeds, the substring run", async () => {
  const { rows: prompts } = await readPromptRows(dataPath("datasets/small_test.jsonl"));
  assertEquals(rows.map((r) => r.id), prompts.map((p) => p.id));
  assert(rows.length >= 1000 && meta.settings.n === 512);
  assertEquals([healthy.policies.length, hot.policies.length, substring.policies.length], [
    3,
    3,
    1,
  ]);
  for (const r of rows) {
    for (const p of meta.policies) {
      assert(r.strict[p.name] <= r.answer[p.name], `${r.id} ${p.name}`);
    }
  }
});

Deno.test("the shipped counts are the checkpoints' own: three prompts re-counted here agree", async () => {
  const { rows: prompts } = await readPromptRows(dataPath("datasets/small_test.jsonl"));
  const some = [0, 400, 999].map((i) => prompts[i]);
  const policies = [];
  for (const p of meta.policies.filter((p) => p.name === "base" || p.name === "rl_lr5e-3_seed0")) {
    policies.push({
      name: p.name,
      policy: await loadCheckpoint(dataPath(p.path.replace(/^data\//, ""))),
    });
  }
  const again = await countPasses(policies, some, meta.settings);
  for (const [j, i] of [0, 400, 999].entries()) {
    for (const { name } of policies) {
      assertEquals([again[j].strict[name], again[j].answer[name]], [
        rows[i].strict[name],
        rows[i].answer[name],
      ]);
    }
  }
});

const everySeed = (r: typeof healthy, k: number) => [
  at(r, k),
  ...r.selection.seeds.map((s) => s.gains.find((g) => g.k === k)!),
];

Deno.test("lesson 1: RL raises pass@1 on small_test by more than 25 points, on the mean of three seeds and on each", () => {
  for (const g of everySeed(healthy, 1)) assert(g.lo > 0.25, show(g));
});

Deno.test("lesson 2: the healthy run's gain shrinks with k and is under a point from k = 16", () => {
  assert(at(healthy, 1).lo > at(healthy, 4).hi, show([at(healthy, 1), at(healthy, 4)]));
  assert(at(healthy, 4).lo > at(healthy, 8).hi, show([at(healthy, 4), at(healthy, 8)]));
  for (const k of [16, 32, 64, 128, 256, 512]) {
    for (const g of everySeed(healthy, k)) assert(g.hi < 0.01, `k = ${k}: ${show(g)}`);
  }
});

Deno.test("lesson 2: at large k the healthy run neither keeps a gain nor falls behind by more than a point", () => {
  for (const k of [16, 32, 64, 128, 256, 512]) {
    for (const g of everySeed(healthy, k)) assert(g.lo > -0.01, `k = ${k}: ${show(g)}`);
  }
  assertEquals(healthy.selection.largeK, "indistinguishable");
  for (const c of healthy.coverage) assert(c.lost <= 2 && c.gained <= 2, show(c));
});

Deno.test("lesson 2: the over-optimised recipe (lr 5e-3) is overtaken by the base from k <= 4 on every seed, and stays behind at k = 512", () => {
  assert(hot.selection.crossoverAt !== null && hot.selection.crossoverAt <= 4, show(hot.selection));
  for (const k of hot.selection.seedCrossoverAt) assert(k !== null && k <= 4, show(hot.selection));
  for (const g of everySeed(hot, 512)) assert(g.hi < -0.03, show(g));
  assertEquals(hot.selection.largeK, "behind");
});

Deno.test("lesson 2: why: every over-optimised seed lost the coverage of >= 40 prompts the base solves, and gained none", () => {
  for (const c of hot.coverage) {
    assert(c.lost >= 40 && c.gained === 0, show(c));
    // The lost prompts are the ones with a non-zero answer: the run writes one answer per template.
    assertEquals((c.lostByTemplate.zero ?? 0) + (c.lostByTemplate.eaten ?? 0), 0, show(c));
  }
  // pass@n of a run minus the base's is (gained − lost) / prompts: the crossover at k = n is lost coverage.
  for (const [i, c] of hot.coverage.entries()) {
    const g = hot.selection.seeds[i].gains.at(-1)!;
    assert(Math.abs(g.gain - (c.gained - c.lost) / rows.length) < 1e-12, show([g, c]));
  }
});

Deno.test("lesson 1 in parts: the healthy gain is mostly format, partly right answers; the over-optimised run loses right answers", () => {
  const h = healthy.parts, o = hot.parts;
  assert(h.format.lo > h.answer.hi && h.answer.lo > 0, show(h));
  assert(o.answer.hi < 0 && o.format.lo > 0, show(o));
});

Deno.test("lesson 1 by template: the answer-0 prompts (zero, eaten), a third of small_test, carry at least 40% of the healthy gain", () => {
  const zero = healthy.templates.filter((t) => t.template === "zero" || t.template === "eaten");
  const prompts = zero.reduce((a, t) => a + t.prompts, 0);
  assert(prompts < rows.length / 2.5, `${prompts} answer-0 prompts`);
  const floor = zero.reduce((a, t) => a + (t.prompts / rows.length) * t.lo, 0);
  assert(floor >= 0.4 * healthy.parts.strict.hi, show([floor, healthy.parts.strict]));
  for (const t of healthy.templates) assert(t.lo > 0, show(t));
});

Deno.test("lesson 4 on small_test: against substring the strict pass@1 falls by more than 15 points; hedges commit to no answer", () => {
  const p = substring.parts;
  assert(p.strict.hi < -0.15, show(p.strict));
  assert(p.answer.hi < p.strict.lo, show(p));
});
