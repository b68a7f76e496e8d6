/**
 * `deno task rl:lessons`: Loop C's lessons with error bars. Samples n completions of every
 * prompt of a split from the base and the trained checkpoints, counts strict and answer-only
 * passes, and prints pass@k from 1 to n with paired 95% intervals over the seeds of each
 * recipe, the coverage lost, the gain as answer + format, and the gain by template.
 * `--shipped` prints the lessons of the shipped counts; `--ship` writes them; `--check`
 * re-makes them and compares bytes. Thin: parse, call lib/experiments/rl_lessons_run.ts, print.
 * @module
 */
import { LESSONS_DEFAULTS as D } from "../experiments/rl_lessons.ts";
import * as L from "../experiments/rl_lessons_run.ts";
import { lessonsLines } from "../present/rl_lessons_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";
import { stderrLines } from "./_framework/live.ts";

export const RL_LESSONS = {
  name: "deno task rl:lessons",
  summary: "pass@k from k = 1 to n of the base and RL runs over seeds, with paired 95% intervals.",
  flags: {
    policies: flag.list("NAME=FILE,…", "the base and the trained checkpoints", {
      default: L.SHIPPED_POLICIES.map((p) => `${p.name}=${p.path}`),
    }),
    dataset: flag.str("FILE", "the split", { default: "data/datasets/small_test.jsonl" }),
    n: flag.int("N", "samples per prompt and policy", { default: D.n, min: 1 }),
    seed: flag.int("N", "sampling seed", { default: D.seed, min: 0 }),
    temperature: flag.num("T", "sampling temperature", { default: D.temperature, min: 0.01 }),
    shipped: flag.bool("print the lessons of the shipped counts (no sampling)"),
    ship: flag.bool("also write data/policy/lessons/counts.jsonl, re-pin data/SHA256SUMS"),
    check: flag.bool("re-make the shipped counts from their meta; exit 1 if they differ"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(RL_LESSONS, async (f) => {
    const progress = stderrLines();
    const onPrompts = (policy: string, done: number) => progress.update(`${policy}: ${done}`);
    if (f.check) {
      const verdict = await L.checkShippedLessons(onPrompts);
      progress.done();
      for (const line of verdict.lines) console.log(line);
      return verdict.identical ? 0 : 1;
    }
    if (f.shipped) {
      const m = await L.loadShippedLessons();
      for (const line of lessonsLines(m.summary, m.meta.dataset.path)) console.log(line);
      return 0;
    }
    const run = await prepareCommandRun(RL_LESSONS, f, "rl_lessons");
    const settings = { n: f.n, seed: f.seed, temperature: f.temperature, maxTokens: D.maxTokens };
    const policies = L.parsePolicies(f.policies);
    const m = await L.measureLessons({ policies, dataset: f.dataset, settings, onPrompts });
    progress.done();
    for (const line of lessonsLines(m.summary, f.dataset)) console.log(line);
    console.log(runWrittenLine(await L.writeLessonsRun(m, run)));
    if (f.ship) {
      await L.shipLessons(m);
      console.log(`shipped data/${L.SHIPPED_COUNTS} and its meta; re-pinned data/SHA256SUMS`);
    }
    return 0;
  });
}
