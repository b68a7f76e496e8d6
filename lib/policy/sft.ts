/**
 * Supervised warm start ("SFT"): trains the GRU from seeded random weights to imitate a corpus
 * of (prompt, completion) pairs. The loss of a batch is the mean token cross-entropy over its
 * completions' tokens (END included; prompt tokens are read, not predicted):
 *
 *     L = (1 / #tokens) Σ_sequences Σ_k −log π(y_k | x, y_<k)
 *
 * Adam with the gradient's global norm clipped to `clip`, a linear warm-up over `warmup` steps
 * to `lr`, then a cosine decay to `lr · minLrFraction`. Batches draw corpus rows with
 * replacement from the stream `seedFrom("sft-order", seed)`; weights start from
 * `seedFrom("sft-init", seed)`. Two engines run it: `"fast"` (the default, float32 through the
 * wasm kernels, lib/policy/sft_fast.ts: how the shipped base is made) and `"reference"` (float64,
 * one sequence at a time, lib/policy/sequence.ts). Each is deterministic: the same corpus,
 * settings, seed and engine give the same weights bit for bit.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { buildVocab } from "./vocab.ts";
 * import { encodeCorpus, SFT_DEFAULTS, trainSft } from "./sft.ts";
 * const rows = [{ prompt: "Compute 1+1.", completion: "Final: 2" }];
 * const vocab = buildVocab(rows.flatMap((r) => [r.prompt, r.completion]));
 * const cfg = { ...SFT_DEFAULTS, hidden: 8, steps: 30, batch: 2, warmup: 1, lr: 0.02, logEvery: 10 };
 * const { curve } = trainSft(vocab, encodeCorpus(vocab, rows), cfg);
 * assert(curve[curve.length - 1].loss < curve[0].loss);
 * ```
 * @module
 */
import { sha256Text } from "../core/hash.ts";
import { makeRng, seedFrom } from "../core/prng.ts";
import { adamState, adamStep } from "./adam.ts";
import { assertFiniteStep } from "./finite.ts";
import { type GruParams, initParams, paramsView } from "./gru.ts";
import { sequenceNll } from "./sequence.ts";
import { type Engine, fastShape } from "./kernels.ts";
import { trainFast } from "./sft_fast.ts";
import { encodeText, END, type Vocab } from "./vocab.ts";

/** Every knob of a supervised run. */
export interface SftConfig {
  hidden: number;
  steps: number;
  /** Sequences per step. */
  batch: number;
  /** Peak learning rate. */
  lr: number;
  warmup: number;
  /** The learning rate decays to lr · minLrFraction by the last step. */
  minLrFraction: number;
  /** Clip the gradient's global L2 norm to this. */
  clip: number;
  /** Initial bias of the update gate z: positive keeps the state (memory) at the start. */
  updateGateBias: number;
  seed: number;
  /** Record the mean loss every this many steps. */
  logEvery: number;
}

/** Defaults of `deno task sft` (the base checkpoint's own settings are recorded in its header). */
export const SFT_DEFAULTS: SftConfig = {
  hidden: 64,
  steps: 6000,
  batch: 32,
  lr: 5e-3,
  warmup: 100,
  minLrFraction: 0.1,
  clip: 1,
  updateGateBias: 1,
  seed: 0,
  logEvery: 100,
};

/** A corpus row as token ids. */
export interface EncodedRow {
  prompt: number[];
  completion: number[];
}

/** Encodes every row (each distinct text is tokenised once: a corpus repeats its questions). */
export function encodeCorpus(
  vocab: Vocab,
  rows: readonly { prompt: string; completion: string }[],
): EncodedRow[] {
  const cache = new Map<string, number[]>();
  const enc = (text: string) => {
    let ids = cache.get(text);
    if (!ids) cache.set(text, ids = encodeText(vocab, text));
    return ids;
  };
  return rows.map((r) => ({ prompt: enc(r.prompt), completion: enc(r.completion) }));
}

/** SHA-256 of a corpus: its rows as JSON lines `{id, prompt, completion}`, in order. */
export function corpusFingerprint(
  rows: readonly { id: string; prompt: string; completion: string }[],
): string {
  return sha256Text(
    rows.map((r) => JSON.stringify({ id: r.id, prompt: r.prompt, completion: r.completion }))
      .join("\n") + "\n",
  );
}

/** The learning rate at step t (1-based): linear warm-up, then cosine decay. */
export function sftLearningRate(cfg: SftConfig, t: number): number {
  if (t <= cfg.warmup) return cfg.lr * t / cfg.warmup;
  const frac = (t - cfg.warmup) / Math.max(1, cfg.steps - cfg.warmup);
  const cos = 0.5 * (1 + Math.cos(Math.PI * frac));
  return cfg.lr * (cfg.minLrFraction + (1 - cfg.minLrFraction) * cos);
}

/** One point of the loss curve: mean token cross-entropy over the steps since the last point. */
export interface SftPoint {
  step: number;
  loss: number;
  tokens: number;
}

/** Fresh weights for a vocabulary: seeded init, update-gate bias set. */
export function initialParams(vocab: Vocab, cfg: SftConfig): GruParams {
  const p = initParams(
    { vocab: vocab.texts.length, hidden: cfg.hidden },
    makeRng(seedFrom("sft-init", cfg.seed)),
  );
  p.bh.fill(cfg.updateGateBias, 0, cfg.hidden);
  return p;
}

/**
 * Trains from scratch on `rows`; calls `onLog` at every logged point (for progress lines).
 */
export function trainSft(
  vocab: Vocab,
  rows: readonly EncodedRow[],
  cfg: SftConfig,
  onLog?: (point: SftPoint) => void,
  engine: Engine = "fast",
): { params: GruParams; curve: SftPoint[] } {
  const p = initialParams(vocab, cfg);
  const curve: SftPoint[] = [];
  let lossSum = 0, tokenSum = 0;
  const log = (t: number, nll: number, tokens: number) => {
    lossSum += nll;
    tokenSum += tokens;
    if (t % cfg.logEvery === 0 || t === cfg.steps) {
      const point = { step: t, loss: lossSum / tokenSum, tokens: tokenSum };
      curve.push(point);
      onLog?.(point);
      lossSum = 0;
      tokenSum = 0;
    }
  };
  const learningRate = (t: number) => sftLearningRate(cfg, t);
  if (engine === "fast" && fastShape(p.cfg)) {
    return { params: trainFast(p, rows, { ...cfg, learningRate }, log), curve };
  }
  const grads = paramsView(p.cfg, new Float64Array(p.flat.length));
  const adam = adamState(p.flat.length);
  const rng = makeRng(seedFrom("sft-order", cfg.seed));
  for (let t = 1; t <= cfg.steps; t++) {
    const batch = Array.from({ length: cfg.batch }, () => rows[rng.int(rows.length)]);
    const tokens = batch.reduce((s, r) => s + r.completion.length + 1, 0);
    grads.flat.fill(0);
    let nll = 0;
    for (const r of batch) nll += sequenceNll(p, r.prompt, r.completion, END, grads, 1 / tokens);
    adamStep(p.flat, grads.flat, adam, { lr: learningRate(t), clip: cfg.clip });
    assertFiniteStep("sft", t, nll, p.flat); // exit 2, before any checkpoint is written
    log(t, nll, tokens);
  }
  return { params: p, curve };
}
