// What `deno task select` prints (Loop B).
import { assert, assertStringIncludes } from "../../lib/core/testing.ts";
import { selectStory, whyPassAtKDiffers } from "../../lib/present/select_story.ts";

const SUMMARY = {
  kind: "select" as const,
  n: 2,
  n_prompts: 2,
  samples_per_prompt: 2,
  tie_break: "first index",
  passes_at_1: 1,
  passes_at_n: 2,
  pass_at_1: 0.5,
  pass_at_n: 1,
  ci95_at_1: [0.1, 0.9] as [number, number],
  ci95_at_n: [0.3, 1] as [number, number],
  rescued: 1,
  lost: 0,
  mean_sample_pass_rate: 0.5,
  never_solved: 0,
  always_solved: 0,
  rate_variance: 0.25,
  rate_variance_if_one_p: 0.125,
  pass_at_k: { "1": 0.5, "2": 1 },
  pass_at_k_naive: { "1": 0.5, "2": 0.75 },
  chosen_index_counts: { "0": 1, "1": 1 },
};

Deno.test("selectStory() compares pass@1 with pass@N and says the policy did not change", () => {
  const text = selectStory(SUMMARY, {
    dataset: "d.jsonl",
    samples: "p.jsonl",
    runPath: "runs/x",
    plot: false,
  });
  assertStringIncludes(text, "(+50.0 points from selection; the policy did not change)");
  assertStringIncludes(text, "run written to runs/x (manifest.json");
  assert(text.split("\n").at(-1)!.startsWith("Next: deno task inspect --run runs/x"), text);
});

Deno.test("whyPassAtKDiffers() says the unbiased curve lies above when successes are spread", () => {
  assertStringIncludes(whyPassAtKDiffers(SUMMARY), "the unbiased curve lies above");
});
