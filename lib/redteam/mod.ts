/**
 * The public surface of lib/redteam/.
 * @module
 */
export * from "./exploits.ts";
export * from "./kata.ts";
export * from "./mutations.ts";
export * from "./redteam.ts";
