/**
 * `deno task sft`: trains the tiny policy from scratch on the weak-model corpus and writes a run;
 * `--ship` also writes it as data/policy/base.json (re-pinning data/SHA256SUMS); `--check`
 * re-makes the shipped base from the settings in its header and compares (exit 1 on a
 * difference). Thin: parse flags, call lib/datagen/base_policy.ts, print the story.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { dataPath } from "../core/paths.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import { checkBase } from "../datagen/base_check.ts";
import * as B from "../datagen/base_policy.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { shipCheckpoint, writeSftRun } from "../policy/sft_run.ts";
import { progressLine } from "../present/progress.ts";
import { sftIntro, sftStepLine } from "../present/policy_story.ts";
import { type Command, runCommand } from "./command.ts";
import { RUN_FLAGS, runPathFor, runWrittenLine } from "./run_target.ts";
import { stderrLines } from "./live.ts";

const D = B.BASE_SETTINGS;
export const SFT = {
  name: "deno task sft",
  summary:
    "Trains the tiny policy (a GRU over cl100k tokens) from scratch on the weak-model corpus.",
  flags: {
    steps: { type: "int", arg: "N", help: "Adam steps", default: D.sft.steps, min: 1 },
    seed: { type: "int", arg: "S", help: "seed of weights, batches, corpus", default: 0, min: 0 },
    hidden: { type: "int", arg: "H", help: "hidden width", default: D.sft.hidden, min: 1 },
    "corpus-size": { type: "int", arg: "N", help: "corpus rows", default: D.corpus.size, min: 1 },
    ship: { type: "boolean", help: "also write data/policy/base.json, re-pin data/SHA256SUMS" },
    check: { type: "boolean", help: "re-make data/policy/base.json from its header; compare" },
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
    const outdir = f.check ? "" : await runPathFor(f.outdir, "sft");
    const prepared = B.prepareBase(settings);
    for (const line of sftIntro(B.sftIntroOf(prepared))) console.log(line);
    const t0 = performance.now(), { steps } = settings.sft, progress = stderrLines();
    const trained = B.trainBase(prepared, (p) => {
      const s = (performance.now() - t0) / 1000;
      const rate = `${(p.tokens / (s / p.step * settings.sft.logEvery)).toFixed(0)} target tok/s`;
      progress.update(
        progressLine("sft step", p.step, steps, s, `loss ${p.loss.toFixed(3)} | ${rate}`),
      );
      if (p.step % (settings.sft.logEvery * 10) === 0 || p.step === steps) {
        progress.clear();
        console.log(sftStepLine(p.step, steps, p.loss));
      }
    });
    progress.done();
    console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (f.check) {
      const verdict = await checkBase(shipped, trained);
      for (const line of verdict.lines) console.log(line);
      return verdict.ok ? 0 : 1;
    }
    const args = { outdir, force: f.force, command: SFT.name, args: Deno.args, seed: f.seed };
    console.log(runWrittenLine(await writeSftRun(trained, args)));
    if (!f.ship) return 0;
    await shipCheckpoint(trained, shipped);
    await Deno.writeTextFile(dataPath(SUMS_FILE), await computeSums(dataPath("")));
    console.log(`shipped data/policy/base.json and re-pinned data/${SUMS_FILE}`);
    return 0;
  });
}
