/**
 * The public surface of lib/datagen/.
 * @module
 */
export * from "./base_check.ts";
export * from "./base_policy.ts";
export * from "./datagen.ts";
export * from "./golden_cases.ts";
export * from "./problems.ts";
export * from "./small.ts";
export * from "./small_report.ts";
