/**
 * The public surface of lib/measure/.
 * @module
 */
export * from "./course_data.ts";
export * from "./dataset.ts";
export * from "./eval.ts";
export * from "./id_index.ts";
export * from "./inspect.ts";
export * from "./kl_estimate.ts";
export * from "./measurement_manifest.ts";
export * from "./result_line.ts";
export * from "./rows.ts";
export * from "./sampling.ts";
