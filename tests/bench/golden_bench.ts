/**
 * The golden gate of a scorer not seen before (74 cases: each scored and checked, the failures
 * recorded). Target: under 500 ms, and within 20× scoring the 74 cases directly (the reference).
 * The test (tests/instrument/golden_test.ts) counts one call per case and none when cached.
 *
 *   deno task bench          (targets: tests/bench/targets.ts)
 */
import { goldenGate } from "../../lib/instrument/golden.ts";
import { loadGoldenSets } from "../../lib/instrument/golden_sets.ts";
import { score } from "../../lib/instrument/scorer.ts";

const sets = loadGoldenSets();
const cases = [...sets.correct, ...sets.exploits];
if (cases.length !== 74) throw new Error(`${cases.length} golden cases, 74 expected`);

Deno.bench("goldenGate() of a fresh scorer (74 cases)", { group: "golden" }, () => {
  // A new function each time: goldenGate() caches its report per scorer.
  if (!goldenGate((e: unknown, c: unknown) => score(e, c), "fresh").passed) {
    throw new Error("the strict scorer failed its golden gate");
  }
});

Deno.bench("score() on the 74 golden cases (reference)", { group: "golden" }, () => {
  let passes = 0;
  for (const c of cases) passes += score(c, c.completion).reward;
  if (passes === 0) throw new Error("no passes: the bench data is wrong");
});
