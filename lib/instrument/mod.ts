/**
 * The public surface of lib/instrument/.
 * @module
 */
export * from "./chars.ts";
export * from "./expected.ts";
export * from "./fingerprint.ts";
export * from "./golden.ts";
export * from "./golden_sets.ts";
export * from "./instrument.ts";
export * from "./lines.ts";
export * from "./patch.ts";
export * from "./rubric_contract.ts";
export * from "./rubrics.ts";
export * from "./sabotage.ts";
export * from "./scorer.ts";
export * from "./spec.ts";
export * from "./structure.ts";
export * from "./unicode_names.ts";
export * from "./verdicts.ts";
