/**
 * The public surface of lib/compare/.
 * @module
 */
export * from "./checks.ts";
export * from "./gate.ts";
export * from "./tamper.ts";
