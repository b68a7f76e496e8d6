// Speed of the bandit demos: the testbed must stay "a few seconds" for the book's 2,000 runs.
import { baselineAblation } from "../../lib/learn/bandit_ablation.ts";
import { train } from "../../lib/learn/bandit.ts";
import { BOOK_TESTBED, gradientBanditTestbed } from "../../lib/learn/testbed.ts";

Deno.bench("gradientBanditTestbed() 200 runs x 1,000 steps x 4 curves (1/10 of the book)", () => {
  gradientBanditTestbed({ ...BOOK_TESTBED, runs: 200 });
});

Deno.bench("train() 1,000 REINFORCE steps with full step records", () => {
  train({ steps: 1000, seed: 0, lr: 0.5, baseline: true });
});

Deno.bench("baselineAblation() 1,000 seeds x 30 steps", () => {
  baselineAblation({ seeds: 1000, steps: 30, lr: 0.5 });
});
