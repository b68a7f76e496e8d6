/**
 * A second thread of the fast sampler (lib/policy/parallel_sampler.ts starts it): receives a
 * model's weights, its vocabulary, prompts and options, draws their samples with the same
 * kernels and streams as the main thread would (`drawRaw`), and posts the raw draws back.
 * @module
 */
import { drawRaw } from "./batch_sampler.ts";
import type { PromptJob, SamplingOptions } from "./decoding.ts";
import { type GruConfig, paramsView } from "./gru.ts";
import { scoped, uploadModel } from "./kernels.ts";
import type { Vocab } from "./specials.ts";

/** What the main thread sends. */
export interface SampleTask {
  cfg: GruConfig;
  flat: Float64Array;
  vocab: Vocab;
  jobs: PromptJob[];
  opts: SamplingOptions;
}

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<SampleTask>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (e) => {
  const { cfg, flat, vocab, jobs, opts } = e.data;
  const raw = scoped(() => drawRaw(uploadModel(paramsView(cfg, flat)), vocab, jobs, opts));
  const buffers = [raw.len, raw.toks, raw.lps, raw.cut].map((a) => a.buffer as ArrayBuffer);
  scope.postMessage(raw, buffers);
};
