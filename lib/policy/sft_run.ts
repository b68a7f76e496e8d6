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
 * import { sftSummary } from "./sft_run.ts";
 * const s = sftSummary([{ step: 100, loss: 2, tokens: 10 }, { step: 200, loss: 1.5, tokens: 10 }], 5);
 * assertEquals([s.final_loss, s.params], [1.5, 5]);
 * ```
 * @module
 */
import { join } from "node:path";
import { sha256Text } from "../core/hash.ts";
import { openRun, runManifest } from "../core/run_dir.ts";
import { checkpointFiles, type CheckpointHeader, writeCheckpoint } from "./checkpoint.ts";
import { type GruParams, paramCount } from "./gru.ts";
import type { SftPoint } from "./sft.ts";
import type { Vocab } from "./vocab.ts";
import { dataPath } from "../core/paths.ts";
import { computeSums, SUMS_FILE } from "../core/seal.ts";

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
export async function writeSftRun(o: SftOutcome, opts: {
  outdir: string;
  force: boolean;
  command: string;
  args: string[];
  seed: number;
}): Promise<string> {
  const run = await openRun(opts.outdir, { force: opts.force });
  try {
    const ck = checkpointFiles(join(run.tmp, "checkpoint.json"), o);
    await Deno.writeFile(join(run.tmp, ck.header.weights.file), ck.weights);
    const summary = sftSummary(o.curve, paramCount(o.params.cfg));
    const files = new Map<string, string>([
      ["checkpoint.json", ck.json],
      ["curve.jsonl", o.curve.map((p) => JSON.stringify(p)).join("\n") + "\n"],
      ["summary.json", JSON.stringify(summary, null, 2) + "\n"],
      ["summary.md", sftMarkdown(o, summary, ck.header)],
    ]);
    for (const [name, text] of files) await run.writeText(name, text);
    const artifacts = Object.fromEntries([...files].map(([n, t]) => [n, sha256Text(t)]));
    artifacts[ck.header.weights.file] = ck.header.weights.sha256;
    await run.writeJson(
      "manifest.json",
      await runManifest({ kind: "sft", command: opts.command, args: opts.args, seed: opts.seed }, {
        name: o.name,
        architecture: ck.header.architecture,
        training: o.training,
        artifacts,
      }),
    );
    return await run.commit();
  } catch (e) {
    await run.abort();
    throw e;
  }
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
