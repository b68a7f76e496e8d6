/**
 * The public surface of lib/learn/.
 * @module
 */
export * from "./bandit.ts";
export * from "./bandit_ablation.ts";
export * from "./explain.ts";
export * from "./goodhart.ts";
export * from "./kl.ts";
export * from "./kl_ascent.ts";
export * from "./kl_sweep.ts";
export * from "./lessons.ts";
export * from "./mdp.ts";
export * from "./policy_gradient.ts";
export * from "./rl.ts";
export * from "./rl_check.ts";
export * from "./rl_eval.ts";
export * from "./rl_lab.ts";
export * from "./rl_run.ts";
export * from "./rlvr_loop.ts";
export * from "./testbed.ts";
