/**
 * The public surface of lib/policy/.
 * @module
 */
export * from "./rollouts_client.ts";
export * from "./rollouts_journal.ts";
export * from "./rollouts_prompts.ts";
export * from "./rollouts_request.ts";
export * from "./rollouts_response.ts";
export * from "./rollouts_run.ts";
export * from "./rollouts_writer.ts";
export * from "./sim_policy.ts";
export * from "./tokenizer.ts";
