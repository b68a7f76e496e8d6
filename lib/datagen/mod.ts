/**
 * The public surface of lib/datagen/.
 * @module
 */
export * from "./datagen.ts";
export * from "./golden_cases.ts";
export * from "./problems.ts";
