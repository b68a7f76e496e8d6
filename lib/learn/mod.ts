/**
 * The public surface of lib/learn/.
 * @module
 */
export * from "./bandit.ts";
export * from "./bandit_ablation.ts";
export * from "./goodhart.ts";
export * from "./kl.ts";
export * from "./kl_ascent.ts";
export * from "./kl_sweep.ts";
export * from "./mdp.ts";
export * from "./rlvr_loop.ts";
export * from "./testbed.ts";
