/**
 * The public surface of lib/course/.
 * @module
 */
export * from "./display.ts";
export * from "./execute.ts";
export * from "./exercise_checks.ts";
export * from "./ipynb.ts";
export * from "./review.ts";
export * from "./reward_exercise_checks.ts";
export * from "./student_suite.ts";
