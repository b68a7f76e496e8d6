/**
 * The fast sampler on two threads, for calls large enough to pay for a second one (at least
 * {@link PARALLEL_MIN} samples): the prompts are cut in two halves, a worker
 * (lib/policy/sample_worker.ts) draws the second while this thread draws the first, and the two
 * halves are joined in prompt order. Every sample comes from its own stream and every lane's
 * arithmetic is independent of the others, so the result is the same bits as on one thread.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { makeRng } from "../core/prng.ts";
 * import { initParams } from "./gru.ts";
 * import { buildVocab, encodeText } from "./vocab.ts";
 * import { samplingOptions } from "./decoding.ts";
 * import { sampleBatch } from "./batch_sampler.ts";
 * import { sampleParallel } from "./parallel_sampler.ts";
 * const vocab = buildVocab(["Final: 1 2 3"]);
 * const policy = { vocab, params: initParams({ vocab: vocab.texts.length, hidden: 8 }, makeRng(0)) };
 * const jobs = ["a", "b", "c"].map((key) => ({ ids: encodeText(vocab, "Final:"), key }));
 * const opts = samplingOptions({ n: 4, max_tokens: 5 });
 * assertEquals(await sampleParallel(policy, jobs, opts, 1), sampleBatch(policy, jobs, opts));
 * ```
 * @module
 */
import { completionsOf, drawRaw, type RawSamples, sampleBatch } from "./batch_sampler.ts";
import type { PromptJob, SampledCompletion, SamplerPolicy, SamplingOptions } from "./decoding.ts";
import { scoped, uploadModel } from "./kernels.ts";
import type { SampleTask } from "./sample_worker.ts";

/** Samples in a call from which a second thread is used. */
export const PARALLEL_MIN = 4096;

/**
 * `opts.n` completions of every prompt, as lib/policy/batch_sampler.ts's `sampleBatch` gives
 * them, on two threads when the call is large enough and `minSamples` allows (pass
 * `Infinity` for one thread).
 */
export async function sampleParallel(
  policy: SamplerPolicy,
  jobs: readonly PromptJob[],
  opts: SamplingOptions,
  minSamples = PARALLEL_MIN,
): Promise<SampledCompletion[][]> {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  if (jobs.length < 2 || jobs.length * opts.n < minSamples || cores < 2) {
    return sampleBatch(policy, jobs, opts);
  }
  const half = Math.ceil(jobs.length / 2), first = jobs.slice(0, half), second = jobs.slice(half);
  const worker = new Worker(new URL("./sample_worker.ts", import.meta.url).href, {
    type: "module",
  });
  try {
    const theirs = new Promise<RawSamples>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<RawSamples>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`the sampling worker failed: ${e.message}`));
      };
    });
    const task: SampleTask = {
      cfg: policy.params.cfg,
      flat: policy.params.flat,
      vocab: policy.vocab,
      jobs: second,
      opts,
    };
    worker.postMessage(task);
    const vocab = policy.vocab;
    const mine = scoped(() => drawRaw(uploadModel(policy.params), vocab, first, opts));
    return [
      ...completionsOf(vocab, first, opts, mine),
      ...completionsOf(vocab, second, opts, await theirs),
    ];
  } finally {
    worker.terminate();
  }
}
