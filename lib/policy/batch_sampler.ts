/**
 * The fast sampling engine: every (prompt, sample) pair of a call is a lane, and up to 512 lanes
 * take each step together through the wasm kernels (logits of all lanes as one matrix product,
 * one draw per lane, one GRU step as another matrix product). When a sample ends, the next one
 * waiting takes its lane (continuous batching). Each prompt is read once; its state and first
 * logits are copied into every lane that samples it.
 *
 * Sample i of prompt `key` draws from the stream `seedFrom("sample", seed, key, i)`, one uniform
 * per token, exactly as lib/policy/sampler.ts's `sampleOne` does; so the two engines draw the
 * same tokens wherever float32 and float64 agree on which side of a boundary the draw falls.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab, encodeText } from "./vocab.ts";
 * import { samplingOptions } from "./decoding.ts";
 * import { sampleBatch } from "./batch_sampler.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const jobs = [{ ids: encodeText(vocab, "Final:"), key: "a" }];
 * const eight = sampleBatch(policy, jobs, samplingOptions({ n: 8, max_tokens: 5 }));
 * assertEquals(sampleBatch(policy, jobs, samplingOptions({ n: 4, max_tokens: 5 }))[0], eight[0].slice(0, 4));
 * ```
 * @module
 */
import { rngNext, rngState, seedFrom } from "../core/prng.ts";
import {
  filteredWeights,
  type PromptJob,
  type SampledCompletion,
  type SamplerPolicy,
  type SamplingOptions,
} from "./decoding.ts";
import {
  alloc,
  f32,
  f64,
  i32,
  K,
  logitRows,
  scoped,
  uploadModel,
  type WasmModel,
} from "./kernels.ts";
import { forwardLanes, Lanes } from "./lanes.ts";
import { decodeIds, END, type Vocab } from "./specials.ts";

/** Lanes stepped together at most (a 512-lane step's buffers stay in a core's L2 cache). */
export const LANES = 512;

/** `opts.n` completions of every prompt (see the module doc). */
export function sampleBatch(
  policy: SamplerPolicy,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
): SampledCompletion[][] {
  return scoped(() => sampleWith(uploadModel(policy.params), policy.vocab, jobs, opts));
}

/** {@link sampleBatch} with the weights already in the kernels' memory (RL keeps them there). */
export function sampleWith(
  m: WasmModel,
  vocab: Vocab,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
): SampledCompletion[][] {
  return completionsOf(vocab, jobs, opts, scoped(() => drawRaw(m, vocab, jobs, opts)));
}

/**
 * What the draws of a call are before they become {@link SampledCompletion}s: per sample (prompt
 * j, sample i at j·n + i) its length, its tokens and log-probabilities (T = max_tokens + 1 slots
 * each), whether a stop string cut it, and its text when stop strings were watched.
 */
export interface RawSamples {
  T: number;
  len: Int32Array;
  toks: Int32Array;
  lps: Float32Array;
  cut: Int8Array;
  texts: string[];
}

/** The draws of every sample of every prompt (the lockstep loop of the module doc). */
export function drawRaw(
  m: WasmModel,
  vocab: Vocab,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
): RawSamples {
  const H = m.H, Vp = m.Vp, V = m.V;
  const total = jobs.length * opts.n, cap = Math.min(LANES, Math.max(1, total));
  const T = opts.max_tokens + 1, stops = (opts.stop ?? []).filter((x) => x !== "");
  const filtered = opts.temperature !== 0 && (opts.top_k > 0 || opts.top_p < 1);
  const s = opts.temperature === 0 ? 0 : 1 / opts.temperature;
  // every prompt read once: its final state and its first logits
  const pr = forwardLanes(m, jobs.map((j) => [...j.ids, END]), 0, false, new Lanes());
  const PH = alloc(Math.max(1, jobs.length) * H * 4), PL = alloc(Math.max(1, jobs.length) * Vp * 4);
  const buf = [alloc(cap * H * 4), alloc(cap * H * 4)], L = alloc(cap * Vp * 4);
  const G = alloc(cap * 3 * H * 4), U = alloc(cap * 8), tok = alloc(cap * 4), lp = alloc(cap * 4);
  const work = alloc(Vp * 4);
  const ph = f32(PH, jobs.length * H), S = f32(pr.S, pr.R * H);
  jobs.forEach((j, k) => {
    const row = pr.row(k, j.ids.length + 1);
    ph.set(S.subarray(row * H, row * H + H), k * H);
  });
  logitRows(m, jobs.length, PH, PL);
  // per sample: its tokens and log-probabilities, its stream, its text when stops are watched
  const toks = new Int32Array(total * T), lps = new Float32Array(total * T);
  const len = new Int32Array(total), streams = new Int32Array(total * 4);
  const texts: string[] = stops.length > 0 ? new Array(total).fill("") : [];
  const cut = new Int8Array(total);
  const lane = new Int32Array(cap), row = new Float64Array(V), w = new Float64Array(V);
  let M = 0, next = 0, h = 0;
  const admit = () => {
    const hs = f32(buf[h], cap * H), ls = f32(L, cap * Vp), pl = f32(PL, jobs.length * Vp);
    while (M < cap && next < total) {
      const j = Math.floor(next / opts.n), i = next % opts.n;
      hs.set(ph.subarray(j * H, j * H + H), M * H);
      ls.set(pl.subarray(j * Vp, j * Vp + Vp), M * Vp);
      rngState(seedFrom("sample", opts.seed, jobs[j].key, i), streams, next * 4);
      lane[M++] = next++;
    }
  };
  admit();
  const u = f64(U, cap), tk = i32(tok, cap), lpv = f32(lp, cap), ls = f32(L, cap * Vp);
  while (M > 0) {
    if (s !== 0) { for (let l = 0; l < M; l++) u[l] = rngNext(streams, lane[l] * 4); }
    if (!filtered) K.pickRows(M, V, L, Vp, s, U, tok, lp, work);
    else { // the filters, in JavaScript: one sort per position
      for (let l = 0; l < M; l++) {
        for (let v = 0; v < V; v++) row[v] = ls[l * Vp + v];
        tk[l] = drawFrom(w, u[l] * filteredWeights(row, opts, w));
      }
      K.logpRows(M, V, L, Vp, 1, tok, lp, work);
    }
    const hs = f32(buf[h], M * H);
    let kept = 0;
    for (let l = 0; l < M; l++) {
      const id = lane[l], y = tk[l], n = len[id];
      if (y !== END && n === opts.max_tokens) continue; // the length cap: y is not taken
      toks[id * T + n] = y;
      lps[id * T + n] = lpv[l];
      len[id] = n + 1;
      if (y === END) continue;
      if (stops.length > 0 && stopped(texts, id, decodeIds(vocab, [y]), stops)) {
        cut[id] = 1;
        continue;
      }
      if (kept !== l) {
        lane[kept] = id;
        tk[kept] = y;
        hs.copyWithin(kept * H, l * H, l * H + H);
      }
      kept++;
    }
    M = kept;
    if (M > 0) {
      K.fillRows(M, 3 * H, m.bh, G, 3 * H);
      K.gemm(M, 3 * H, H, buf[h], H, 1, m.whT, 3 * H, G, 3 * H, 1);
      K.gruForward(M, H, G, m.wi, tok, buf[h], H, buf[1 - h], H, 0, 0, 0, 0);
      h = 1 - h;
      logitRows(m, M, buf[h], L);
    }
    admit();
  }
  return { T, len, toks, lps, cut, texts };
}

/** The samples of {@link drawRaw}'s draws, prompt by prompt. */
export function completionsOf(
  vocab: Vocab,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
  raw: RawSamples,
): SampledCompletion[][] {
  const { T, len, toks, lps, cut, texts } = raw;
  const stops = (opts.stop ?? []).filter((x) => x !== "");
  return jobs.map((_, j) =>
    Array.from({ length: opts.n }, (_, i) => {
      const id = j * opts.n + i, n = len[id];
      const tokens = Array.from(toks.subarray(id * T, id * T + n));
      const logprobs = Array.from(lps.subarray(id * T, id * T + n));
      let logprob = 0;
      for (const x of logprobs) logprob += x;
      const ended = n > 0 && (tokens[n - 1] === END || cut[id] === 1);
      return {
        text: stops.length > 0 ? texts[id] : decodeIds(vocab, tokens),
        tokens,
        token_ids: tokens.map((t) => vocab.cl100k[t]),
        logprobs,
        logprob,
        finish_reason: ended ? "stop" as const : "length" as const,
      };
    })
  );
}

/** The first token whose cumulative weight exceeds `target` (else the last with weight). */
function drawFrom(w: Float64Array, target: number): number {
  let acc = 0;
  for (let v = 0; v < w.length; v++) if (target < (acc += w[v])) return v;
  let v = w.length - 1;
  while (v > 0 && w[v] === 0) v--;
  return v;
}

/** Appends a token's text; true (text cut before it) when the earliest stop string appears. */
function stopped(texts: string[], id: number, piece: string, stops: readonly string[]): boolean {
  const text = texts[id] + piece;
  let at = -1;
  for (const x of stops) {
    const i = text.indexOf(x);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  texts[id] = at < 0 ? text : text.slice(0, at);
  return at >= 0;
}
