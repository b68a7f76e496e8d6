/**
 * The public surface of lib/learn/.
 * @module
 */
export * from "./bandit.ts";
export * from "./explain.ts";
export * from "./goodhart.ts";
export * from "./goodhart_run.ts";
export * from "./kl.ts";
export * from "./lessons.ts";
export * from "./mdp.ts";
export * from "./policy_gradient.ts";
export * from "./rl.ts";
export * from "./rl_eval.ts";
export * from "./rl_lab.ts";
export * from "./rl_run.ts";
export * from "./rlvr_loop.ts";
export * from "./run_writers.ts";
export * from "./testbed.ts";
