/**
 * The public surface of lib/policy/.
 * @module
 */
export * from "./adam.ts";
export * from "./bpe.ts";
export * from "./checkpoint.ts";
export * from "./corpus.ts";
export * from "./gru.ts";
export * from "./logprobs.ts";
export * from "./prompts.ts";
export * from "./rollouts_client.ts";
export * from "./rollouts_journal.ts";
export * from "./rollouts_request.ts";
export * from "./rollouts_response.ts";
export * from "./rollouts_run.ts";
export * from "./rollouts_writer.ts";
export * from "./sample_run.ts";
export * from "./sampler.ts";
export * from "./sequence.ts";
export * from "./sft.ts";
export * from "./sft_run.ts";
export * from "./sim_policy.ts";
export * from "./tokenizer.ts";
export * from "./vocab.ts";
