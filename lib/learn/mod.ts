/**
 * The public surface of lib/learn/.
 * @module
 */
export * from "./bandit.ts";
export * from "./goodhart.ts";
export * from "./goodhart_run.ts";
export * from "./kl.ts";
export * from "./mdp.ts";
export * from "./rlvr_loop.ts";
export * from "./testbed.ts";
