/**
 * The public surface of lib/present/.
 * @module
 */
export * from "./bandit_ablation_story.ts";
export * from "./bandit_story.ts";
export * from "./bandit_summary.ts";
export * from "./chart_axes.ts";
export * from "./chart_render.ts";
export * from "./chart_spec.ts";
export * from "./charts.ts";
export * from "./clean_story.ts";
export * from "./course_charts.ts";
export * from "./eval_story.ts";
export * from "./eval_summary.ts";
export * from "./format.ts";
export * from "./gate_story.ts";
export * from "./goodhart_story.ts";
export * from "./inspect_story.ts";
export * from "./kata_story.ts";
export * from "./kl_story.ts";
export * from "./kl_summary.ts";
export * from "./logprobs_story.ts";
export * from "./mdp_story.ts";
export * from "./mdp_summary.ts";
export * from "./measure_notes.ts";
export * from "./policy_story.ts";
export * from "./progress.ts";
export * from "./promotion_memo.ts";
export * from "./raster.ts";
export * from "./redteam_story.ts";
export * from "./rl_lesson_charts.ts";
export * from "./rl_story.ts";
export * from "./rollouts_story.ts";
export * from "./run_options.ts";
export * from "./select_story.ts";
export * from "./select_summary.ts";
export * from "./serve_story.ts";
export * from "./tables.ts";
export * from "./testbed_story.ts";
export * from "./tokens_story.ts";
