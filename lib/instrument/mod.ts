/**
 * The public surface of lib/instrument/.
 * @module
 */
export * from "./chars.ts";
export { type InvalidExample, isCanonicalIntText, readExpected } from "./expected.ts";
export * from "./fingerprint.ts";
export * from "./golden.ts";
export * from "./instrument.ts";
export * from "./patch.ts";
export * from "./rubrics.ts";
export * from "./sabotage.ts";
export * from "./scorer.ts";
export * from "./spec.ts";
export * from "./unicode_names.ts";
