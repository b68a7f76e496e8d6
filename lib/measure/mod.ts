/**
 * The public surface of lib/measure/.
 * @module
 */
export * from "./dataset.ts";
export * from "./eval.ts";
export * from "./id_index.ts";
export * from "./inspect.ts";
export * from "./measurement_manifest.ts";
export * from "./rows.ts";
export * from "./sampling.ts";
