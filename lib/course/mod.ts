/**
 * The public surface of lib/course/.
 * @module
 */
export * from "./answers.ts";
export * from "./browser_check.ts";
export * from "./chart.ts";
export * from "./committed.ts";
export * from "./deno_run.ts";
export * from "./display.ts";
export * from "./execute.ts";
export * from "./exercise_checks.ts";
export * from "./ipynb.ts";
export * from "./kata_checks.ts";
export * from "./lab.ts";
export * from "./lines.ts";
export * from "./notebook_check.ts";
export * from "./notebook_module.ts";
export * from "./notebook_runs.ts";
export * from "./policy_views.ts";
export * from "./review.ts";
export * from "./review_items.ts";
export * from "./review_runs.ts";
export * from "./reward_exercise_checks.ts";
export * from "./rl_exercise_checks.ts";
export * from "./student_suite.ts";
export * from "./views.ts";
