/**
 * The public surface of lib/policy/: the simulated policy, the tokenizer, and the course's own
 * tiny language model (vocabulary, GRU, Adam, checkpoint, corpus, SFT, sampler, log-probabilities,
 * the sample run).
 *
 * For any prompt text: `const policy = await loadCheckpoint("data/policy/base.json");
 * sampleCompletions(policy, text, { n, temperature, top_p, top_k, max_tokens, seed, stop })`
 * returns texts, token ids, per-token log-probabilities and finish reasons.
 * @module
 */
export * from "./sim_policy.ts";
export * from "./tokenizer.ts";
export * from "./vocab.ts";
export * from "./gru.ts";
export * from "./sequence.ts";
export * from "./adam.ts";
export * from "./checkpoint.ts";
export * from "./corpus.ts";
export * from "./sft.ts";
export * from "./sft_run.ts";
export * from "./sampler.ts";
export * from "./logprobs.ts";
export * from "./sample_run.ts";
