/**
 * `deno task rl` as a library (reads a checkpoint and datasets, writes a run): trains the tiny
 * policy with lib/learn/rl.ts and writes `manifest.json` (base checkpoint hash, dataset and
 * holdout fingerprints, rubric name and fingerprint, every hyper-parameter, seed),
 * `checkpoint.json` + `checkpoint.weights.f32` (the base's format, loadable by `--checkpoint`
 * everywhere), `curve.jsonl` (one row per evaluation), `steps.jsonl` (one row per step),
 * `summary.json`, `summary.md`, and with `plot` the charts `proxy_strict.svg` and `codes.svg`.
 * Notebooks call {@link rlExperiment} to run without writing.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rlCheckpointName } from "./rl.ts";
 * assertEquals(rlCheckpointName("tiny-gru-base", "substring", 0.1, 0), "tiny-gru-base+rl-substring-beta0.1-seed0");
 * assertEquals(rlCheckpointName("tiny-gru-base", "strict", 0, 2, 5e-3), "tiny-gru-base+rl-strict-beta0-lr0.005-seed2");
 * ```
 * @module
 */
import { InputError } from "../core/errors.ts";
import { dataPath } from "../core/paths.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import { assertRunSlotFree } from "../core/run_dir.ts";
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, jsonlFile, type RunFile, writeRun } from "../core/write_run.ts";
import { instrumentFor } from "../instrument/instrument.ts";
import { RUBRICS } from "../instrument/rubrics.ts";
import { expectedText, whyInvalid } from "../instrument/scorer.ts";
import { checkpointFiles, type Policy } from "../policy/checkpoint.ts";
import { trainedPolicy } from "./trained_policy.ts";
import { readPromptRows } from "../measure/prompts.ts";
import { encodeText } from "../policy/vocab.ts";
import { renderSvg } from "../present/charts.ts";
import {
  codeShareChart,
  proxyStrictChart,
  rlEvalLine,
  type RlIntro,
  rlMarkdown,
  type RlSummary,
} from "../present/rl_story.ts";
import { RL_DEFAULTS, type RlConfig, type RlHooks, type RlResult, runRl } from "../learn/rl.ts";
import type { RlExample } from "../learn/rl_eval.ts";

/**
 * The name of a trained checkpoint: the base's, plus how it was trained (the learning rate only
 * when it is not the default, so two recipes never share a name).
 */
export function rlCheckpointName(
  base: string,
  rubric: string,
  beta: number,
  seed: number,
  lr: number = RL_DEFAULTS.lr,
): string {
  return `${base}+rl-${rubric}-beta${beta}${lr === RL_DEFAULTS.lr ? "" : `-lr${lr}`}-seed${seed}`;
}

/**
 * Reads a dataset as RL examples for `policy` (prompts encoded once).
 *
 * @throws InputError on a malformed file or an expected answer the scorer cannot use
 */
export async function loadRlExamples(
  path: string,
  policy: Policy,
): Promise<{ examples: RlExample[]; sha256: string; prompts: string }> {
  const { rows, info, promptsFingerprint } = await readPromptRows(path);
  const examples = rows.map((r, i) => {
    if (expectedText(r) === null) throw new InputError(path, i + 1, whyInvalid(r));
    return {
      id: r.id,
      prompt: r.prompt,
      expected_answer: r.expected_answer as number | string,
      ids: encodeText(policy.vocab, r.prompt),
    };
  });
  return { examples, sha256: info.sha256, prompts: promptsFingerprint };
}

/** `curve.jsonl` of a run: one compact JSON line per evaluation. */
export function curveText(result: RlResult): string {
  return result.curve.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

/** The summary of a finished run. */
export function rlSummary(cfg: RlConfig, result: RlResult): RlSummary {
  const a = result.curve[0], b = result.curve[result.curve.length - 1];
  const pick = (r: typeof a) => ({
    proxy: r.proxy,
    strict: r.strict,
    holdout: r.holdout,
    pass_at_n: r.pass_at_n,
    holdout_pass_at_n: r.holdout_pass_at_n,
  });
  const signal = result.steps.reduce((s, r) => s + r.signal, 0) /
    Math.max(1, result.steps.length * cfg.promptsPerStep);
  return {
    rubric: cfg.rubric,
    beta: cfg.beta,
    lr: cfg.lr,
    steps: cfg.steps,
    start: pick(a),
    end: { ...pick(b), kl: b.kl },
    mean_signal_groups: signal,
  };
}

/** A dataset as a trained checkpoint records it: the path given and the file's SHA-256. */
export interface DataRef {
  path: string;
  sha256: string;
}

/** What {@link rlExperiment} returns: the run's result, its summary and the trained policy. */
export interface RlExperiment {
  result: RlResult;
  summary: RlSummary;
  /** The trained policy; its `sha256` is that of its `checkpoint.json` as a run writes it. */
  trained: Policy;
  /** The trained checkpoint's files. */
  files: ReturnType<typeof checkpointFiles>;
}

/**
 * Runs RL in memory (no files): the notebooks' entry point. The trained policy carries the
 * base's vocabulary and a name saying how it was made.
 */
export function rlExperiment(
  base: Policy,
  train: readonly RlExample[],
  holdout: readonly RlExample[],
  cfg: RlConfig,
  hooks: RlHooks = {},
  data: { dataset: DataRef; holdout: DataRef } | null = null,
): RlExperiment {
  return rlExperimentFrom(base, cfg, runRl(base, train, holdout, cfg, hooks), data);
}

/**
 * An RL run's experiment from its result (the training done, by {@link runRl} or read back
 * exactly): the summary, the trained policy and its checkpoint's files.
 */
export function rlExperimentFrom(
  base: Policy,
  cfg: RlConfig,
  result: RlResult,
  data: { dataset: DataRef; holdout: DataRef } | null = null,
): RlExperiment {
  const name = rlCheckpointName(base.name, cfg.rubric, cfg.beta, cfg.seed, cfg.lr);
  const rubric = instrumentFor(cfg.rubric, RUBRICS[cfg.rubric]);
  const training = {
    kind: "rl",
    parent: { name: base.name, sha256: base.sha256 },
    rubric: { name: cfg.rubric, fingerprint: rubric.fingerprint },
    data,
    config: cfg,
  };
  const { policy: trained, files } = trainedPolicy(base, name, result.params, training);
  return {
    result,
    summary: rlSummary(cfg, result),
    trained,
    files,
  };
}

/** What an RL run needs: the base, the datasets, the settings, the story's intro, the run. */
export interface RlRunConfig extends RunOptions {
  base: Policy;
  dataset: string;
  holdout: string;
  cfg: RlConfig;
  intro: RlIntro;
  hooks?: RlHooks;
}

/** Trains and writes the run atomically (see the module doc). */
export async function runRlToFolder(
  opts: RlRunConfig,
): Promise<{ runPath: string; experiment: RlExperiment }> {
  const outdir = await runFolder(opts, "rl");
  const w = runWriting(opts, "runRlToFolder()");
  await assertRunSlotFree(outdir, w.force);
  const train = await loadRlExamples(opts.dataset, opts.base);
  const holdout = await loadRlExamples(opts.holdout, opts.base);
  const data = {
    dataset: { path: opts.dataset, sha256: train.sha256 },
    holdout: { path: opts.holdout, sha256: holdout.sha256 },
  };
  const experiment = rlExperiment(
    opts.base,
    train.examples,
    holdout.examples,
    opts.cfg,
    opts.hooks,
    data,
  );
  const { result, summary, files: ck } = experiment;
  const rubric = instrumentFor(opts.cfg.rubric, RUBRICS[opts.cfg.rubric]);
  const sizes = { n: opts.cfg.evalSamples, promptsPerStep: opts.cfg.promptsPerStep };
  const lines = result.curve.map((r) => rlEvalLine(r, opts.cfg.steps, sizes));
  const files: RunFile[] = [
    { name: ck.header.weights.file, content: ck.weights },
    { name: "checkpoint.json", content: ck.json },
    { name: "curve.jsonl", content: curveText(result) },
    jsonlFile("steps.jsonl", result.steps),
    jsonFile("summary.json", summary),
    { name: "summary.md", content: rlMarkdown(opts.intro, summary, lines) },
  ];
  if (w.plot) {
    files.push(
      {
        name: "proxy_strict.svg",
        content: () => renderSvg(proxyStrictChart(result.curve, opts.cfg.rubric)),
      },
      { name: "codes.svg", content: () => renderSvg(codeShareChart(result.curve)) },
    );
  }
  const { path } = await writeRun(outdir, {
    header: { kind: "rl", command: w.command, args: w.args, seed: opts.cfg.seed },
    settings: {
      base_checkpoint: { path: opts.base.path, name: opts.base.name, sha256: opts.base.sha256 },
      dataset: { path: opts.dataset, sha256: train.sha256, prompts_fingerprint: train.prompts },
      dataset_fingerprint: train.sha256,
      holdout: { path: opts.holdout, sha256: holdout.sha256, prompts_fingerprint: holdout.prompts },
      rubric: { name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint },
      config: opts.cfg,
    },
    files,
  }, { force: w.force });
  return { runPath: path, experiment };
}

/**
 * Ships a run's trained checkpoint as `data/policy/<name>/` (`checkpoint.json`, its weights and
 * `curve.jsonl`, what `deno task rl --check` re-makes), and re-pins data/SHA256SUMS.
 *
 * @throws InputError for a name that is not one folder name of letters, digits, `_`, `-`, `.`
 */
export async function shipRlRun(name: string, experiment: RlExperiment): Promise<string> {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith(".")) {
    throw new InputError(null, null, `--ship: '${name}' is not a folder name under data/policy/`);
  }
  const dir = dataPath(`policy/${name}`);
  await Deno.mkdir(dir, { recursive: true });
  const ck = experiment.files;
  await Deno.writeFile(`${dir}/${ck.header.weights.file}`, ck.weights);
  await Deno.writeTextFile(`${dir}/checkpoint.json`, ck.json);
  await Deno.writeTextFile(`${dir}/curve.jsonl`, curveText(experiment.result));
  await Deno.writeTextFile(dataPath(SUMS_FILE), await computeSums(dataPath("")));
  return `data/policy/${name}`;
}
