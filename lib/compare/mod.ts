/**
 * The public surface of lib/compare/.
 * @module
 */
export * from "./checks.ts";
export * from "./gate.ts";
export * from "./locked_room.ts";
export * from "./paired.ts";
export * from "./run_reading.ts";
export * from "./tamper.ts";
