/**
 * `deno task sft`: trains the tiny policy from scratch on the weak-model corpus and writes a run;
 * `--ship` also writes data/policy/base.json; `--check` re-makes the shipped base from the
 * settings in its header and compares (exit 1 on a difference).
 * @module
 */
import { InputError } from "../core/errors.ts";
import { dataPath } from "../core/paths.ts";
import { checkBase } from "../datagen/base_check.ts";
import * as B from "../datagen/base_policy.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { sftIntroOf, shipBase, writeSftRun } from "../experiments/sft.ts";
import { sftIntro, sftReporting } from "../present/policy_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";
import { prepareCommandRun, RUN_FLAGS, runWrittenLine } from "./_framework/run_target.ts";
import { stderrLines } from "./_framework/live.ts";

const D = B.BASE_SETTINGS;
export const SFT = {
  name: "deno task sft",
  summary: "Trains the tiny policy (a GRU over cl100k tokens) from scratch on a weak-model corpus.",
  flags: {
    steps: flag.int("N", "Adam steps", { default: D.sft.steps, min: 1 }),
    seed: flag.int("S", "seed of weights, batches, corpus", { default: 0, min: 0 }),
    hidden: flag.int("H", "hidden width", { default: D.sft.hidden, min: 1 }),
    "corpus-size": flag.int("N", "corpus rows", { default: D.corpus.size, min: 1 }),
    ship: flag.bool("also write data/policy/base.json, re-pin data/SHA256SUMS"),
    check: flag.bool("re-make data/policy/base.json from its header; compare"),
    ...RUN_FLAGS,
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(SFT, async (f) => {
    const shipped = dataPath("policy/base.json");
    const settings = f.check
      ? B.settingsFromHeader((await loadCheckpoint(shipped)).header)
      : B.baseSettingsWith({ ...f, corpusSize: f["corpus-size"] });
    if (settings === null) throw new InputError(shipped, null, "records no SFT settings");
    const run = f.check ? null : await prepareCommandRun(SFT, f, "sft");
    const prepared = B.prepareBase(settings);
    for (const line of sftIntro(sftIntroOf(prepared))) console.log(line);
    const t0 = performance.now(), seconds = () => (performance.now() - t0) / 1000;
    const out = { say: console.log, progress: stderrLines(), seconds };
    const trained = B.trainBase(prepared, sftReporting(settings.sft, out));
    out.progress.done();
    console.log(`trained in ${seconds().toFixed(1)} s`);
    if (f.check) {
      const verdict = await checkBase(shipped, trained);
      for (const line of verdict.lines) console.log(line);
      return verdict.ok ? 0 : 1;
    }
    console.log(runWrittenLine(await writeSftRun(trained, { ...run!, seed: f.seed })));
    if (f.ship) console.log(`shipped ${(await shipBase(trained)).name} as data/policy/base.json`);
    return 0;
  });
}
