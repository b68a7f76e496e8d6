/**
 * `deno task sft`'s run (writes files): the trained checkpoint as `checkpoint.json` +
 * `checkpoint.weights.f32`, `manifest.json` (corpus fingerprint, architecture, every
 * hyper-parameter, seed, Deno version), `curve.jsonl` (step, loss, tokens), `summary.json` and
 * `summary.md`. Also writes a checkpoint under a chosen name ({@link shipBase}), which is
 * how `data/policy/base.json` is made.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { sftSummary } from "./sft.ts";
 * const s = sftSummary([{ step: 100, loss: 2, tokens: 10 }, { step: 200, loss: 1.5, tokens: 10 }], 5);
 * assertEquals([s.final_loss, s.params], [1.5, 5]);
 * ```
 * @module
 */
import { runFolder, type RunOptions, runWriting } from "../core/run_options.ts";
import { jsonFile, jsonlFile, writeRun } from "../core/write_run.ts";
import { checkpointFiles, type CheckpointHeader, writeCheckpoint } from "../policy/checkpoint.ts";
import { type GruParams, paramCount } from "../policy/gru.ts";
import type { SftPoint } from "../policy/sft.ts";
import type { Vocab } from "../policy/vocab.ts";
import { dataPath } from "../core/paths.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";
import type { PreparedBase } from "../datagen/base_policy.ts";
import type { SftStoryInput } from "../present/policy_story.ts";

/** A trained policy ready to be written. */
export interface SftOutcome {
  name: string;
  params: GruParams;
  vocab: Vocab;
  curve: SftPoint[];
  training: Record<string, unknown>;
}

/** summary.json of an SFT run. */
export function sftSummary(curve: readonly SftPoint[], params: number) {
  return {
    params,
    steps: curve[curve.length - 1]?.step ?? 0,
    first_loss: curve[0]?.loss ?? null,
    final_loss: curve[curve.length - 1]?.loss ?? null,
  };
}

function sftMarkdown(
  o: SftOutcome,
  s: ReturnType<typeof sftSummary>,
  header: CheckpointHeader,
): string {
  const every = Math.max(1, Math.ceil(o.curve.length / 10));
  return [
    `# SFT run: ${o.name}`,
    "",
    `- model: 1-layer GRU, hidden ${o.params.cfg.hidden}, vocabulary ${o.params.cfg.vocab}, ${s.params} parameters`,
    `- weights: \`${header.weights.file}\`, sha256 \`${header.weights.sha256}\``,
    `- steps: ${s.steps}; loss (mean token cross-entropy) ${s.first_loss?.toFixed(3)} → ${
      s.final_loss?.toFixed(3)
    }`,
    "",
    "| step | loss |",
    "|---:|---:|",
    ...o.curve.filter((_, i) => i % every === 0 || i === o.curve.length - 1)
      .map((p) => `| ${p.step} | ${p.loss.toFixed(3)} |`),
    "",
  ].join("\n");
}

/** Writes the run atomically; returns its path. */
export async function writeSftRun(
  o: SftOutcome,
  opts: RunOptions & { seed: number },
): Promise<string> {
  const w = runWriting(opts, "writeSftRun()");
  const ck = checkpointFiles("checkpoint.json", o);
  const summary = sftSummary(o.curve, paramCount(o.params.cfg));
  const { path } = await writeRun(await runFolder(opts, "sft"), {
    header: { kind: "sft", command: w.command, args: w.args, seed: opts.seed },
    settings: { name: o.name, architecture: ck.header.architecture, training: o.training },
    files: [
      { name: ck.header.weights.file, content: ck.weights },
      { name: "checkpoint.json", content: ck.json },
      jsonlFile("curve.jsonl", o.curve),
      jsonFile("summary.json", summary),
      { name: "summary.md", content: sftMarkdown(o, summary, ck.header) },
    ],
  }, { force: w.force });
  return path;
}

/**
 * Ships a trained policy as the course's base (writes data/): the checkpoint at
 * `data/policy/base.json` (and its weights beside it), then `data/SHA256SUMS` re-pinned over every
 * file under `data/`, so the seal covers the new checkpoint.
 */
export async function shipBase(o: SftOutcome): Promise<CheckpointHeader> {
  const header = await writeCheckpoint(dataPath("policy/base.json"), o);
  await Deno.writeTextFile(dataPath(SUMS_FILE), await computeSums(dataPath("")));
  return header;
}

/** What the SFT story says about a prepared base before training. */
export function sftIntroOf(p: PreparedBase): SftStoryInput {
  const V = p.vocab.texts.length;
  return {
    ...p.settings.sft,
    name: p.settings.name,
    vocab: V,
    params: paramCount({ vocab: V, hidden: p.settings.sft.hidden }),
    corpusRows: p.corpus.length,
    corpusFingerprint: p.corpusFingerprint,
    forms: p.forms,
  };
}
