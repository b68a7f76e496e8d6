// M0's debugging kata: ten scored cases whose recorded verdicts re-score exactly with their named
// rubric, a key of four model failures, two verifier bugs, two spec ambiguities and two reward
// hacks, and cases plain enough for M0 (a variant scorer only where the label says the scorer or
// the completion is at fault).
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { checkKataLabels, KATA_LABELS, loadKata, parseKataLabels } from "../../lib/redteam/kata.ts";
import { checkKataAnswer } from "../../lib/course/reward_exercise_checks.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { kataCheckLines, kataListing } from "../../lib/present/kata_story.ts";

const { cases, key } = loadKata("m0");
const labelOf = new Map(key.cases.map((c) => [c.id, c.label]));
const keyLabels = Object.fromEntries(key.cases.map((c) => [c.id, c.label as string]));

Deno.test("the m0 kata has ten cases m01..m10 and a key of 4 model failures, 2 verifier bugs, 2 spec ambiguities, 2 reward hacks", () => {
  assertEquals(
    cases.map((c) => c.id),
    Array.from({ length: 10 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`),
  );
  const counts = Object.fromEntries(
    KATA_LABELS.map((label) => [label, key.cases.filter((c) => c.label === label).length]),
  );
  assertEquals(counts, { model_failure: 4, verifier_bug: 2, spec_ambiguity: 2, reward_hack: 2 });
  assert(key.cases.every((c) => c.why.length > 20));
});

Deno.test("m0 kata: model failures and ambiguities are scored strictly and refused; verifier bugs and hacks come from a variant that disagrees with strict", () => {
  for (const c of cases) {
    const label = labelOf.get(c.id);
    const strict = score(c, c.completion).reward;
    if (label === "model_failure" || label === "spec_ambiguity") {
      assertEquals([c.scorer, c.reward], ["strict", 0], c.id);
    } else if (label === "verifier_bug") {
      assert(
        c.scorer !== "strict" && c.reward !== strict,
        `${c.id}: the variant agrees with strict`,
      );
    } else {
      assertEquals([c.scorer !== "strict", c.reward, strict], [true, 1, 0], c.id);
    }
  }
});

Deno.test("m0 kata: a verifier bug cuts both ways (a right answer refused, a wrong one paid)", () => {
  const bugs = cases.filter((c) => labelOf.get(c.id) === "verifier_bug");
  assertEquals(bugs.map((c) => [c.reward, score(c, c.completion).reward]), [[0, 1], [1, 0]]);
});

Deno.test("checkKataLabels() agrees 10 of 10 with the m0 key's own labels", () => {
  const check = checkKataLabels(keyLabels, key);
  assertEquals([check.ok, check.agree, check.disagreements, check.missing], [true, 10, [], []]);
});

Deno.test("checkKataAnswer() on the m0 kata: two disagreements pass the contract and are explained; a missing justification fails", () => {
  const answer = Object.fromEntries(
    key.cases.map((c) => [c.id, { label: c.label as string, why: "my reason" }]),
  );
  answer.m05 = { label: "model_failure", why: "5 are left on the tree" };
  answer.m06 = { label: "verifier_bug", why: "the scorer is too picky" };
  const v = checkKataAnswer(answer, key);
  assertEquals([v.ok, v.agree, v.explanations.length], [true, 8, 2]);
  assertStringIncludes(
    v.explanations[0],
    "m05: you said model failure; the key says spec ambiguity",
  );
  assertStringIncludes(v.why, "8 of 10 agree with the key");
  const unjustified = checkKataAnswer(
    { ...answer, m01: { label: "model_failure", why: " " } },
    key,
  );
  assertEquals([unjustified.ok, unjustified.why], [false, "m01 has no justification"]);
});

Deno.test("kata --set m0 prints the cases with visible whitespace; the key's labels exit 0", () => {
  const listing = kataListing("m0", loadKata("m0").cases).join("\n");
  assertStringIncludes(listing, "The m0 kata: 10 scored cases.");
  assertStringIncludes(listing, "Final:␣40\\nFinal:␣41\\nFinal:␣42");
  assertStringIncludes(listing, "scored by lenient: reward 1 (ok)");
  const labels = parseKataLabels(JSON.stringify(keyLabels), "labels.json");
  const check = checkKataLabels(labels, key);
  assertEquals(check.ok, true); // the task returns 0
  assertStringIncludes(
    kataCheckLines("m0", "labels.json", check).join("\n"),
    "10 of 10 agree with the key.",
  );
});
