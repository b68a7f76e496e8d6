// The two-step MDP's words and files: what `deno task mdp` prints and writes.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { trainMdp } from "../../lib/learn/mdp.ts";
import { mdpExplanation, mdpProgressLine, mdpStory } from "../../lib/present/mdp_story.ts";
import { mdpChart, mdpMarkdown, mdpSummary } from "../../lib/present/mdp_summary.ts";

const CREDIT = trainMdp({ episodes: 300, seed: 0, lr: 0.5, creditStep1: true });
const SABOTAGE = trainMdp({ episodes: 300, seed: 0, lr: 0.5, creditStep1: false });

Deno.test("mdpStory() announces the phases and ends with why step 1 learned", () => {
  const text = mdpStory(CREDIT).join("\n");
  for (const phase of ["phase 1:", "phase 2:", "phase 3:"]) assertStringIncludes(text, phase);
  assertStringIncludes(text, "Why step 1 learned");
  assertStringIncludes(text, "p1(R) 0.500 -> 0.997, p2(L|R) 0.500 -> 0.998");
});

Deno.test("mdpExplanation() of a sabotaged run says step 1 stayed at exactly 0.500", () => {
  const text = mdpExplanation(SABOTAGE).join("\n");
  assertStringIncludes(text, "Why step 1 never learned");
  assertStringIncludes(text, "p1(R) stayed exactly at 0.500");
});

Deno.test("mdpProgressLine() has fixed keys and precision", () => {
  assertEquals(
    mdpProgressLine(CREDIT.episodes[0], 3),
    "ep 001 | a=R,R | return=0 | b=0.000 | A=+0.000 | p1(R)=0.500 | p2(L|R)=0.500",
  );
});

Deno.test("mdpSummary() carries the settings, the final policy and the success rate", () => {
  const s = mdpSummary(CREDIT);
  assertEquals([s.episodes, s.seed, s.lr, s.sabotage, s.success_rate], [300, 0, 0.5, false, 0.94]);
  assert(s.final_path_prob > 0.99);
  assertEquals(mdpSummary(SABOTAGE).final_probs.step1.R, 0.5);
});

Deno.test("mdpMarkdown() and mdpChart() describe the same run", () => {
  assertStringIncludes(mdpMarkdown(CREDIT), "0.997");
  assertStringIncludes(JSON.stringify(mdpChart(CREDIT)), "p1(R)");
});
