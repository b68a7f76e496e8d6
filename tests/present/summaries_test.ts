/** The summaries and stories this branch added to present/: selection's summary.md and clean's story. */
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { selectSummaryMarkdown } from "../../lib/present/select_summary.ts";
import { cleanStory } from "../../lib/present/clean_story.ts";
import type { SelectSummary } from "../../lib/select/tally.ts";

Deno.test("selectSummaryMarkdown() states pass@1, pass@N, the rescued prompts and the pass@k table", () => {
  const s: SelectSummary = {
    kind: "select",
    n: 4,
    n_prompts: 120,
    samples_per_prompt: 2,
    tie_break: "first index among the highest reward",
    passes_at_1: 32,
    passes_at_n: 75,
    pass_at_1: 32 / 120,
    pass_at_n: 75 / 120,
    ci95_at_1: [0.2, 0.35],
    ci95_at_n: [0.5, 0.7],
    rescued: 43,
    lost: 0,
    mean_sample_pass_rate: 0.3,
    never_solved: 24,
    always_solved: 5,
    rate_variance: 0.1,
    rate_variance_if_one_p: 0.05,
    pass_at_k: { "1": 0.3, "2": 0.45 },
    pass_at_k_naive: { "1": 0.3, "2": 0.51 },
    chosen_index_counts: { "0": 80, "1": 20, "2": 10, "3": 10 },
  };
  const md = selectSummaryMarkdown(s, { dataset: "d.jsonl", samples: "p.jsonl" });
  for (
    const part of [
      "**pass@1 (sample 0): 32/120 = 26.7%**",
      "**pass@4 (chosen): 75/120 = 62.5%**",
      "Rescued by selection: 43",
      "| 2 | 45.0% | 51.0% |",
      "24 prompt(s) have no correct sample",
    ]
  ) {
    assertStringIncludes(md, part);
  }
});

Deno.test("cleanStory() lists what was restored and removed, and the total freed", () => {
  const lines = cleanStory("runs", [
    { name: ".tmp-1-aaaaaaaaaaaa", target: "eval_x", action: "removed", bytes: 2_500_000 },
    { name: ".tmp-2-bbbbbbbbbbbb", target: "r", action: "restored", bytes: 0 },
  ]);
  assertEquals(lines, [
    "removed runs/.tmp-1-aaaaaaaaaaaa: 2.500 MB left by a dead writer of runs/eval_x",
    "restored runs/r: a --force replace was killed before the new run stood (runs/.tmp-2-bbbbbbbbbbbb)",
    "2 temp group(s) recovered, 2.500 MB freed",
  ]);
});
