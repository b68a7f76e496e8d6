/**
 * The public surface of lib/policy/.
 * @module
 */
export * from "./sim_policy.ts";
export * from "./tokenizer.ts";
