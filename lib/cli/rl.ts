/**
 * `deno task rl`: Loop C on the tiny policy (lib/experiments/rl.ts), one line per evaluation,
 * written as a run; `--check FILE` re-makes a shipped RL checkpoint and compares bytes.
 * @module
 */
import { RUBRIC_NAMES } from "../instrument/rubrics.ts";
import { RL_DEFAULTS as D, type RlConfig } from "../learn/rl.ts";
import { checkRlCheckpoint } from "../experiments/rl_check.ts";
import { runRlToFolder, shipRlRun } from "../experiments/rl.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { rlIntro, rlNextLine, rlOutcome, rlReporting } from "../present/rl_story.ts";
import { type Command, flag, runCommand, settingsFrom } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";
import { shownPath } from "./_framework/run_target.ts";
import { stderrLines } from "./_framework/live.ts";

export const RL = {
  name: "deno task rl",
  summary: "On-policy RL on the tiny policy: A = r − mean(group), loss −A·Σ_t log π(y_t|·) + β·KL.",
  flags: {
    checkpoint: flag.str("FILE", "the base", { default: "data/policy/base.json" }),
    dataset: flag.str("FILE", "trained on", { default: "data/datasets/small_dev.jsonl" }),
    holdout: flag.str("FILE", "measured only", { default: "data/datasets/small_holdout.jsonl" }),
    steps: flag.int("N", "RL steps", { default: D.steps, min: 1 }),
    "prompts-per-step": flag.int("N", "prompts per step", { default: D.promptsPerStep, min: 1 }),
    "group-size": flag.int("N", "samples per prompt", { default: D.groupSize, min: 2 }),
    lr: flag.num("LR", "Adam learning rate", { default: D.lr, min: 0 }),
    beta: flag.num("B", "weight of the exact KL to the base", { default: D.beta, min: 0 }),
    rubric: flag.str("NAME", "reward", { default: D.rubric, choices: RUBRIC_NAMES }),
    temperature: flag.num("T", "sampled and trained at", { default: D.temperature, min: 0.01 }),
    "max-tokens": flag.int("N", "cap on a completion's tokens", { default: D.maxTokens, min: 1 }),
    seed: flag.int("N", "seed", { default: D.seed, min: 0 }),
    "eval-every": flag.int("N", "evaluate every N steps", { default: D.evalEvery, min: 1 }),
    "eval-prompts": flag.int("N", "dev prompts evaluated", { default: D.evalPrompts, min: 1 }),
    plot: flag.bool("write proxy_strict.svg and codes.svg"),
    check: flag.str("FILE", "re-make a shipped RL checkpoint; exit 1 if it differs"),
    ship: flag.str("NAME", "also write data/policy/NAME/ and re-pin data/SHA256SUMS"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(RL, async (f) => {
    if (f.check !== undefined) {
      const verdict = await checkRlCheckpoint(f.check);
      console.log(verdict.lines.join("\n"));
      return verdict.identical ? 0 : 1;
    }
    const run = await prepareCommandRun(RL, f, "rl");
    const base = await loadCheckpoint(f.checkpoint);
    const cfg = settingsFrom<RlConfig>(D, f);
    const intro = { ...cfg, ...f, sha256: base.sha256 }; // what the story and summary.md name
    for (const line of rlIntro(intro)) console.log(line);
    const t0 = performance.now(), seconds = () => (performance.now() - t0) / 1000;
    const progress = stderrLines();
    const hooks = rlReporting(cfg, { say: console.log, progress, seconds });
    const data = { dataset: f.dataset, holdout: f.holdout, plot: f.plot, intro, hooks };
    const done = await runRlToFolder({ ...data, base, cfg, ...run });
    progress.done();
    console.log(rlOutcome(done.experiment.summary).join("\n"));
    console.log(`trained in ${seconds().toFixed(1)} s\n${runWrittenLine(done.runPath)}`);
    console.log(rlNextLine(shownPath(done.runPath), f.holdout));
    if (f.ship) console.log(`shipped ${await shipRlRun(f.ship, done.experiment)}`);
    return 0;
  });
}
