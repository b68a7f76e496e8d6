/**
 * Does a shipped RL checkpoint re-make? (reads files) `data/policy/rl_strict/` holds the
 * checkpoint of the default `deno task rl` run; its header records the base it started from,
 * the datasets and every setting. {@link checkRlCheckpoint} re-runs that training from the
 * header alone and compares the new `checkpoint.json`, weights and (when shipped beside them)
 * `curve.jsonl` with the shipped ones, byte for byte.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { recordedRun } from "./rl_check.ts";
 * assertEquals(recordedRun({ kind: "sft" }), null);
 * ```
 * @module
 */
import { isAbsolute, join } from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";
import { InputError } from "../core/errors.ts";
import { loadCheckpoint } from "../policy/checkpoint.ts";
import { RL_DEFAULTS, type RlConfig } from "../learn/rl.ts";
import { curveText, type DataRef, loadRlExamples, rlExperiment } from "./rl.ts";

/** What an RL checkpoint's header records about how it was made, or null if it is not RL. */
export function recordedRun(training: Record<string, unknown>): {
  parent: { name: string; sha256: string };
  data: { dataset: DataRef; holdout: DataRef };
  cfg: RlConfig;
} | null {
  const t = training as {
    kind?: unknown;
    parent?: { name: string; sha256: string };
    data?: { dataset: DataRef; holdout: DataRef } | null;
    config?: Record<string, unknown>;
  };
  if (t.kind !== "rl" || !t.parent || !t.data || !t.config) return null;
  const cfg = { ...RL_DEFAULTS };
  for (const key of Object.keys(RL_DEFAULTS) as (keyof RlConfig)[]) {
    if (typeof t.config[key] !== typeof RL_DEFAULTS[key]) return null;
    (cfg as Record<string, unknown>)[key] = t.config[key];
  }
  return { parent: t.parent, data: t.data, cfg };
}

/**
 * Re-makes the RL checkpoint at `headerPath` from its header (paths in it are relative to the
 * project root) and compares bytes.
 *
 * @throws InputError when the header records no RL run, or the recorded base or data changed
 */
export async function checkRlCheckpoint(
  headerPath: string,
): Promise<{ identical: boolean; lines: string[] }> {
  const shipped = await loadCheckpoint(headerPath);
  const rec = recordedRun(shipped.header.training);
  if (rec === null) {
    throw new InputError(headerPath, null, "its header records no RL run to re-make");
  }
  const at = (p: string) => isAbsolute(p) ? p : join(PROJECT_ROOT, p);
  const base = await loadCheckpoint(at("data/policy/base.json"));
  if (base.sha256 !== rec.parent.sha256) {
    throw new InputError(
      headerPath,
      null,
      `was trained from base ${rec.parent.sha256}, not the shipped ${base.sha256}`,
    );
  }
  const train = await loadRlExamples(at(rec.data.dataset.path), base);
  const holdout = await loadRlExamples(at(rec.data.holdout.path), base);
  for (
    const [d, got] of [[rec.data.dataset, train.sha256], [
      rec.data.holdout,
      holdout.sha256,
    ]] as const
  ) {
    if (d.sha256 !== got) {
      throw new InputError(d.path, null, "changed since the checkpoint was trained");
    }
  }
  const run = rlExperiment(base, train.examples, holdout.examples, rec.cfg, {}, rec.data);
  const json = await Deno.readTextFile(headerPath);
  const weights = await Deno.readFile(join(headerPath, "..", shipped.header.weights.file));
  const same = json === run.files.json && weights.length === run.files.weights.length &&
    weights.every((b, i) => b === run.files.weights[i]);
  const lines = [
    same
      ? `byte-identical: ${headerPath} and its weights re-made byte for byte from the recorded run`
      : `NOT byte-identical: re-making ${headerPath} from its recorded run gave other bytes`,
  ];
  const curvePath = join(headerPath, "..", "curve.jsonl");
  const shippedCurve = await Deno.readTextFile(curvePath).catch(() => null);
  const curveSame = shippedCurve === null || shippedCurve === curveText(run.result);
  if (shippedCurve !== null) {
    lines.push(`${curveSame ? "byte-identical" : "NOT byte-identical"}: ${curvePath}`);
  }
  return { identical: same && curveSame, lines };
}
