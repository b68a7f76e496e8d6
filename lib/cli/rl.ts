/**
 * `deno task rl`: Loop C on the tiny policy. On-policy RL with the strict scorer (or a hackable
 * rubric), one line per evaluation, the trained checkpoint and the curves written as a run.
 * Thin: parse flags, call `runRlToFolder`, print the story.
 * @module
 */
import { RUBRIC_NAMES } from "../instrument/rubrics.ts";
import { RL_DEFAULTS, type RlConfig } from "../learn/rl.ts";
import { runRlToFolder } from "../learn/rl_run.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { progressLine } from "../present/policy_story.ts";
import { rlEvalLine, rlIntro, rlOutcome } from "../present/rl_story.ts";
import { type Command, RUN_FLAGS, runCommand, runPathFor, runWrittenLine } from "./command.ts";

const D = RL_DEFAULTS;
export const RL = {
  name: "deno task rl",
  summary: "On-policy RL on the tiny policy: A = r − mean(group), loss −A·Σ_t log π(y_t|·) (+ β·KL).",
  flags: {
    checkpoint: { type: "string", arg: "FILE", help: "the base checkpoint", default: "data/policy/base.json" },
    dataset: { type: "string", arg: "FILE", help: "training prompts", default: "data/datasets/small_dev.jsonl" },
    holdout: { type: "string", arg: "FILE", help: "measured, never trained on", default: "data/datasets/small_holdout.jsonl" },
    steps: { type: "int", arg: "N", help: "RL steps", default: D.steps, min: 1 },
    "prompts-per-step": { type: "int", arg: "N", help: "prompts per step", default: D.promptsPerStep, min: 1 },
    "group-size": { type: "int", arg: "N", help: "samples per prompt", default: D.groupSize, min: 2 },
    lr: { type: "number", arg: "LR", help: "Adam learning rate", default: D.lr, min: 0 },
    beta: { type: "number", arg: "B", help: "weight of the exact KL to the base", default: D.beta, min: 0 },
    rubric: { type: "string", arg: "NAME", help: "reward", default: D.rubric, choices: RUBRIC_NAMES },
    temperature: { type: "number", arg: "T", help: "sampling temperature (> 0)", default: D.temperature, min: 0.01 },
    "max-tokens": { type: "int", arg: "N", help: "cap on a completion's tokens", default: D.maxTokens, min: 1, max: 1024 },
    seed: { type: "int", arg: "S", help: "seed", default: D.seed, min: 0 },
    "eval-every": { type: "int", arg: "N", help: "evaluate every N steps", default: D.evalEvery, min: 1 },
    "eval-prompts": { type: "int", arg: "N", help: "size of the fixed dev subset", default: D.evalPrompts, min: 1 },
    plot: { type: "boolean", help: "write proxy_strict.svg and codes.svg" },
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(RL, async (f) => {
    const base = await loadCheckpoint(f.checkpoint);
    const cfg: RlConfig = {
      ...D, steps: f.steps, promptsPerStep: f["prompts-per-step"], groupSize: f["group-size"], lr: f.lr,
      beta: f.beta, rubric: f.rubric as RlConfig["rubric"], temperature: f.temperature,
      maxTokens: f["max-tokens"], seed: f.seed, evalEvery: f["eval-every"], evalPrompts: f["eval-prompts"],
    };
    const intro = { ...cfg, checkpoint: f.checkpoint, sha256: base.sha256, dataset: f.dataset, holdout: f.holdout };
    for (const line of rlIntro(intro)) console.log(line);
    const t0 = performance.now();
    const { runPath, experiment } = await runRlToFolder({
      base, dataset: f.dataset, holdout: f.holdout, cfg, outdir: await runPathFor(f.outdir, "rl"),
      force: f.force, plot: f.plot, command: RL.name, args: Deno.args, intro,
      hooks: {
        onEval: (r) => console.log(rlEvalLine(r, cfg.steps)),
        onStep: (s) => console.error(progressLine("rl step", s.step, cfg.steps, (performance.now() - t0) / 1000, `reward ${s.reward.toFixed(3)} | signal ${s.signal}/${cfg.promptsPerStep}`)),
      },
    });
    for (const line of rlOutcome(experiment.summary)) console.log(line);
    console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(runWrittenLine(runPath));
    return 0;
  });
}
