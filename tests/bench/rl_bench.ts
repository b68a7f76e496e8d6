/**
 * Speed of Loop C on the shipped base: one RL step at the default size (16 prompts × 8 samples:
 * sampling, scoring, the surrogate's gradient and the Adam update) with the evaluations before
 * and after it, and one evaluation alone (48 dev + 60 holdout prompts × 8 samples, greedy
 * completions, KL and entropy). One step = the first minus twice the second. Run with
 * `deno task bench`.
 */
import { RL_DEFAULTS, runRl } from "../../lib/learn/rl.ts";
import { loadPolicyLab } from "../../lib/learn/rl_lab.ts";

const lab = await loadPolicyLab();
const one = { ...RL_DEFAULTS, steps: 1, evalEvery: 1000 };

Deno.bench("runRl(): one default step (16 prompts × 8 samples) plus the two evaluations", {
  group: "rl",
}, () => {
  runRl(lab.base, lab.train, lab.holdout, one);
});

Deno.bench("runRl(): one evaluation alone (48 dev + 60 holdout prompts × 8 samples)", {
  group: "rl",
  baseline: true,
}, () => {
  runRl(lab.base, lab.train, lab.holdout, { ...one, steps: 0 });
});
