/**
 * The public surface of lib/datagen/.
 * @module
 */
export * from "./base_check.ts";
export * from "./base_policy.ts";
export * from "./datagen.ts";
export * from "./small.ts";
export * from "./small_report.ts";
