/**
 * The public surface of lib/measure/.
 * @module
 */
export * from "./dataset.ts";
export * from "./eval.ts";
export * from "./inspect.ts";
export * from "./rubric_eval.ts";
