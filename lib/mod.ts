/**
 * The student surface: every name a milestone notebook may use, listed one by one (a student's
 * autocompletion is part of the course). Notebooks import it as `import * as rl from
 * "../lib/mod.ts"`; CI and grading tooling (lib/course/tools/) and the CLIs' framework are not
 * here. tests/core/layers_test.ts keeps the list explicit and at most 250 names, and
 * tests/course/notebooks_committed_test.ts checks that every name a notebook takes is here.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./core/testing.ts";
 * import * as rl from "./mod.ts";
 * assertEquals(rl.score({ expected_answer: 5 }, "Final: 5").reward, 1);
 * ```
 * @module
 */

// Files, runs, seeds and hashes
export { sha256File } from "./core/hash.ts";
export { dataPath, runsPath } from "./core/paths.ts";
export { makeRng, seedFrom } from "./core/prng.ts";
export { uniqueRunPath } from "./core/run_dir.ts";
export { type RunOptions } from "./core/run_options.ts";
export { wilson } from "./core/stats.ts";
export { visible } from "./core/visible.ts";

// The instrument: the scorer, its spec, rubrics and the golden gate
export { goldenGate, goldenStory } from "./instrument/golden.ts";
export { type GoldenCase } from "./instrument/golden_sets.ts";
export { type Instrument, instrumentFor } from "./instrument/instrument.ts";
export { patchedSubstringRubric } from "./instrument/patch.ts";
export { RUBRIC_NOTES, RUBRICS } from "./instrument/rubrics.ts";
export { SABOTAGE_NAMES, sabotagedScorer, SABOTAGES } from "./instrument/sabotage.ts";
export { score } from "./instrument/scorer.ts";
export { SCORE_CODES, type ScoreResult, SPEC_V1 } from "./instrument/spec.ts";

// Loop A: measuring
export { Dataset, loadDataset } from "./measure/dataset.ts";
export { type EvalSummary } from "./measure/eval_result.ts";
export { inspectRun } from "./measure/inspect.ts";

// Loop B: selecting
export { passAtK } from "./select/passk.ts";
export { pickBest, TIE_BREAK } from "./select/selection.ts";
export { type SelectSummary } from "./select/tally.ts";

// The Locked Room: the gate
export { gate, GATE_DEFAULTS, type GateVerdict } from "./compare/gate.ts";

// Loop C: learners and their lessons
export { type BanditResult, DEFAULT_REWARD_PROBS, softmax, train } from "./learn/bandit.ts";
export { type AblationResult } from "./learn/bandit_ablation.ts";
export { explainUpdate } from "./learn/explain.ts";
export { divergenceStep } from "./learn/goodhart.ts";
export { COMPLETION_STYLES, DEFAULT_BETAS, type KlAction } from "./learn/kl.ts";
export { STYLE_NAMES, styleOf } from "./learn/kl_styles.ts";
export { templateOf } from "./datagen/small.ts";
export { type KlPoint, klSweep } from "./learn/kl_sweep.ts";
export {
  codeShift,
  goodhartLesson,
  newForms,
  passAtOneLesson,
  selectionVsLearning,
} from "./learn/lessons.ts";
export { type MdpResult, movingSuccess } from "./learn/mdp.ts";
export { type CurveRow, RL_DEFAULTS, type RlConfig } from "./learn/rl.ts";
export { type RlExample } from "./learn/rl_eval.ts";
export { OPTIMISATION_METHODS, RLVR_LOOP } from "./learn/rlvr_loop.ts";
export { BOOK_TESTBED, curveLabel, type TestbedResult, testbedRows } from "./learn/testbed.ts";

// The course's tiny language model
export { loadCheckpoint, type Policy } from "./policy/checkpoint.ts";
export { compareUnderPolicy, completionLogprobs, tokensLogprob } from "./policy/logprobs.ts";
export {
  readPrompt,
  sampleCompletions,
  sampleOne,
  SAMPLING_DEFAULTS,
  type SamplingOptions,
  samplingOptions,
} from "./policy/sampler.ts";
export { compareVariants, NEAR_MISS_EXAMPLE, tokenize } from "./policy/tokenizer.ts";

// The red team and the kata
export {
  type ConfirmedExploit,
  confirmExploits,
  type ExploitAttempt,
  regressionCases,
  regressionGate,
} from "./redteam/exploits.ts";
export { LABEL_MEANING, loadKata } from "./redteam/kata.ts";

// Experiments: each runs its engine and writes its run
export { type BanditRunConfig, runBandit } from "./experiments/bandit.ts";
export { runBanditSweep } from "./experiments/bandit_sweep.ts";
export { type EvalOutcome, runEval } from "./experiments/eval.ts";
export { readGoodhartCurve, runGoodhart } from "./experiments/goodhart.ts";
export { runKl } from "./experiments/kl.ts";
export { runMdp } from "./experiments/mdp.ts";
export { runRedTeam } from "./experiments/redteam.ts";
export { writeRegressionSet } from "./experiments/regression_set.ts";
export { runSample } from "./experiments/sample.ts";
export { rftExperiment } from "./experiments/rft.ts";
export { runSelect } from "./experiments/select.ts";
export { tamperedCopy } from "./experiments/tamper.ts";
export { runTestbed } from "./experiments/testbed.ts";

// Stories, tables and charts
export { explainAdvantage, stepStory } from "./present/bandit_story.ts";
export { barChart, lineChart } from "./present/chart_spec.ts";
export { frontierChart, passAtKChart } from "./present/course_charts.ts";
export { inspectStory } from "./present/eval_story.ts";
export { points } from "./present/format.ts";
export { gateStory } from "./present/gate_story.ts";
export { markedGoodhartChart } from "./present/goodhart_story.ts";
export { mdpExplanation } from "./present/mdp_story.ts";
export { sampleStory } from "./present/policy_story.ts";
export { promotionMemo } from "./present/promotion_memo.ts";
export { redTeamStory } from "./present/redteam_story.ts";
export { markedProxyStrictChart, sequenceFrontierChart } from "./present/rl_lesson_charts.ts";
export {
  codeShareChart,
  passAtKCompareChart,
  proxyStrictChart,
  rlEvalLine,
} from "./present/rl_story.ts";
export { banditLogRows, banditStepRows, klSweepRows, mdpSummaryRow } from "./present/tables.ts";
export { banditCharts } from "./present/bandit_summary.ts";
export { testbedTable } from "./present/testbed_story.ts";

// The notebooks' own helpers: display, lab record, exercise checks
export {
  checkBareShare,
  checkStepSummary,
  checkVerdictReading,
  type VerdictReading,
} from "./course/capstone_checks.ts";
export {
  checkStepAnnotations,
  directionOf,
  type StepAnnotation,
} from "./course/annotation_checks.ts";
export { chart } from "./course/chart.ts";
export { show, table, text } from "./course/display.ts";
export {
  checkOptimalPolicy,
  checkPickBest,
  checkUpdateRule,
  randomTieBreakPick,
  selectionChoices,
} from "./course/exercise_checks.ts";
export { checkKataAnswer, type KataAnswer } from "./course/kata_checks.ts";
export { openLab, TODO } from "./course/lab.ts";
export { cite, rootRelative } from "./course/lines.ts";
export {
  explainRows,
  gainRows,
  groupRows,
  rlLoopRows,
  tokenRows,
  variantRows,
} from "./course/policy_views.ts";
export {
  checkExploits,
  checkProbeGuesses,
  checkStudentTest,
  probeRows,
  PROBES,
  REFERENCE_EXPLOITS,
} from "./course/reward_exercise_checks.ts";
export { checkGroupAdvantages } from "./course/rl_exercise_checks.ts";
export {
  betaSweep,
  frozenVsFresh,
  loadPolicyLab,
  loadShippedRun,
  notebookRlRun,
  pass1Interval,
  passAtKOf,
  passCountsOf,
  RL_NOTEBOOK,
  sampleGroup,
} from "./course/rl_lab.ts";
export { explorationRows, selectionFailures } from "./course/selection_lab.ts";
export { measureStyles, stylesAsActions } from "./course/style_lab.ts";
export { runStudentTestIfWritten, studentTestView } from "./course/student_suite.ts";
export {
  choiceStabilityRow,
  codeRows,
  codeShiftBars,
  codeShiftRows,
  evalComparisonRows,
  evalView,
  flaggedResults,
  kataRows,
  type NamedScorer,
  passAtKRows,
  patchClassRows,
  selectionRows,
} from "./course/views.ts";
