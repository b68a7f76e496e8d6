/**
 * The public surface of lib/core/.
 * @module
 */
export * from "./errors.ts";
export * from "./files.ts";
export * from "./git.ts";
export * from "./git_pack.ts";
export * from "./hash.ts";
export * from "./jsonl.ts";
export * from "./jsonl_writer.ts";
export * from "./manifest.ts";
export * from "./paths.ts";
export * from "./prng.ts";
export * from "./provenance.ts";
export * from "./run_dir.ts";
export * from "./run_root.ts";
export * from "./run_temp.ts";
export * from "./seal.ts";
export * from "./stats.ts";
export * from "./stdin.ts";
export * from "./testing.ts";
export * from "./unsafe_integer.ts";
export * from "./visible.ts";
export * from "./write_run.ts";
