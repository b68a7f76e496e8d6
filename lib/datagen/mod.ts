/**
 * The public surface of lib/datagen/.
 * @module
 */
export * from "./datagen.ts";
