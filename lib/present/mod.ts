/**
 * The public surface of lib/present/.
 * @module
 */
export * from "./bandit_story.ts";
export * from "./charts.ts";
export * from "./kl_story.ts";
export * from "./logprobs_story.ts";
export * from "./mdp_story.ts";
export * from "./policy_story.ts";
export * from "./rl_story.ts";
export * from "./stories.ts";
export * from "./tables.ts";
