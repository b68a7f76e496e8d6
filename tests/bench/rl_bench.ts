/**
 * Speed of Loop C on the shipped base: ten RL steps at the default size (16 prompts × 8 samples:
 * sampling, scoring, the surrogate's gradient and the Adam update) with the evaluations before
 * and after them, and one evaluation alone (48 dev + 60 holdout prompts × 8 samples, greedy
 * completions, KL and entropy). One step = (the first − 2 × the second) / 10. Run with
 * `deno task bench`.
 */
import { RL_DEFAULTS, runRl } from "../../lib/learn/rl.ts";
import { loadPolicyLab } from "../../lib/course/rl_lab.ts";

const lab = await loadPolicyLab();
const ten = { ...RL_DEFAULTS, steps: 10, evalEvery: 1000 };

Deno.bench("runRl(): ten default steps (16 prompts × 8 samples each) plus the two evaluations", {
  group: "rl",
  n: 5,
  warmup: 1,
}, () => {
  runRl(lab.base, lab.train, lab.holdout, ten);
});

Deno.bench("runRl(): one evaluation alone (48 dev + 60 holdout prompts × 8 samples)", {
  group: "rl",
  baseline: true,
  n: 5,
  warmup: 1,
}, () => {
  runRl(lab.base, lab.train, lab.holdout, { ...ten, steps: 0 });
});
