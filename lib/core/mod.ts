/**
 * The public surface of lib/core/.
 * @module
 */
export * from "./errors.ts";
export * from "./hash.ts";
export * from "./jsonl.ts";
export * from "./manifest.ts";
export * from "./paths.ts";
export * from "./prng.ts";
export * from "./run_dir.ts";
export * from "./seal.ts";
export * from "./stats.ts";
export * from "./testing.ts";
export * from "./visible.ts";
export * from "./write_run.ts";
