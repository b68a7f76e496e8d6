/**
 * The public surface of lib/select/.
 * @module
 */
export * from "./passk.ts";
export * from "./select_run.ts";
export * from "./selection.ts";
export * from "./tally.ts";
