/**
 * `deno task rl`: Loop C on the tiny policy. On-policy RL with the strict scorer (or a hackable
 * rubric), one line per evaluation, the trained checkpoint and the curves written as a run;
 * `--check FILE` re-makes a shipped RL checkpoint from its header and compares bytes.
 * Thin: parse flags, call lib/learn/rl_run.ts, print the story.
 * @module
 */
import { RUBRIC_NAMES } from "../instrument/rubrics.ts";
import { RL_DEFAULTS as D, type RlConfig } from "../learn/rl.ts";
import { checkRlCheckpoint } from "../learn/rl_check.ts";
import { runRlToFolder } from "../learn/rl_run.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { progressLine } from "../present/progress.ts";
import { rlEvalLine, rlIntro, rlOutcome } from "../present/rl_story.ts";
import { type Command, runCommand } from "./command.ts";
import { RUN_FLAGS, runPathFor, runWrittenLine } from "./run_target.ts";
import { stderrLines } from "./live.ts";

const int = (help: string, def: number, min = 1) =>
  ({ type: "int", arg: "N", help, default: def, min }) as const;
export const RL = {
  name: "deno task rl",
  summary: "On-policy RL on the tiny policy: A = r − mean(group), loss −A·Σ_t log π(y_t|·) + β·KL.",
  flags: {
    checkpoint: { type: "string", arg: "FILE", help: "the base", default: "data/policy/base.json" },
    dataset: {
      type: "string",
      arg: "FILE",
      help: "trained on",
      default: "data/datasets/small_dev.jsonl",
    },
    holdout: {
      type: "string",
      arg: "FILE",
      help: "measured only",
      default: "data/datasets/small_holdout.jsonl",
    },
    steps: int("RL steps", D.steps),
    "prompts-per-step": int("prompts per step", D.promptsPerStep),
    "group-size": int("samples per prompt", D.groupSize, 2),
    lr: { type: "number", arg: "LR", help: "Adam learning rate", default: D.lr, min: 0 },
    beta: {
      type: "number",
      arg: "B",
      help: "weight of the exact KL to the base",
      default: D.beta,
      min: 0,
    },
    rubric: {
      type: "string",
      arg: "NAME",
      help: "reward",
      default: D.rubric,
      choices: RUBRIC_NAMES,
    },
    temperature: {
      type: "number",
      arg: "T",
      help: "sampling temperature",
      default: D.temperature,
      min: 0.01,
    },
    "max-tokens": int("cap on a completion's tokens", D.maxTokens),
    seed: int("seed", D.seed, 0),
    "eval-every": int("evaluate every N steps", D.evalEvery),
    "eval-prompts": int("size of the fixed dev subset evaluated", D.evalPrompts),
    plot: { type: "boolean", help: "write proxy_strict.svg and codes.svg" },
    check: {
      type: "string",
      arg: "FILE",
      help: "re-make a shipped RL checkpoint; exit 1 if it differs",
    },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(RL, async (f) => {
    if (f.check !== undefined) {
      const verdict = await checkRlCheckpoint(f.check);
      for (const line of verdict.lines) console.log(line);
      return verdict.identical ? 0 : 1;
    }
    const base = await loadCheckpoint(f.checkpoint);
    const cfg: RlConfig = {
      ...D,
      steps: f.steps,
      promptsPerStep: f["prompts-per-step"],
      groupSize: f["group-size"],
      lr: f.lr,
      beta: f.beta,
      rubric: f.rubric as RlConfig["rubric"],
      temperature: f.temperature,
      maxTokens: f["max-tokens"],
      seed: f.seed,
      evalEvery: f["eval-every"],
      evalPrompts: f["eval-prompts"],
    };
    const intro = {
      ...cfg,
      checkpoint: f.checkpoint,
      sha256: base.sha256,
      dataset: f.dataset,
      holdout: f.holdout,
    };
    for (const line of rlIntro(intro)) console.log(line);
    const t0 = performance.now(), progress = stderrLines();
    const { runPath, experiment } = await runRlToFolder({
      base,
      dataset: f.dataset,
      holdout: f.holdout,
      cfg,
      outdir: await runPathFor(f.outdir, "rl"),
      force: f.force,
      plot: f.plot,
      command: RL.name,
      args: Deno.args,
      intro,
      hooks: {
        onEval: (r) => {
          progress.clear();
          console.log(
            rlEvalLine(r, cfg.steps, { n: cfg.evalSamples, promptsPerStep: cfg.promptsPerStep }),
          );
        },
        onStep: (s) =>
          progress.update(
            progressLine(
              "rl step",
              s.step,
              cfg.steps,
              (performance.now() - t0) / 1000,
              `reward ${s.reward.toFixed(3)} | signal ${s.signal}/${cfg.promptsPerStep}`,
            ),
            s.step === cfg.steps,
          ),
      },
    });
    progress.done();
    for (const line of rlOutcome(experiment.summary)) console.log(line);
    console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(runWrittenLine(runPath));
    return 0;
  });
}
