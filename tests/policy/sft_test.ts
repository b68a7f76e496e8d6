/**
 * Supervised training: the same corpus, settings and seed give the same weights bit for bit; the
 * loss falls; the learning-rate schedule warms up and decays as stated.
 */
import { assert, assertEquals, assertNotEquals } from "../../lib/core/testing.ts";
import { buildVocab } from "../../lib/policy/vocab.ts";
import { encodeCorpus, SFT_DEFAULTS, sftLearningRate, trainSft } from "../../lib/policy/sft.ts";
import { makeCorpus } from "../../lib/datagen/corpus.ts";

const rows = makeCorpus([
  {
    id: "sft-1",
    prompt: "A farmer has 9 apples and sells 4 of them.",
    expected_answer: 5,
    template: "apples",
  },
  {
    id: "sft-2",
    prompt: "A farmer has 7 apples and sells 2 of them.",
    expected_answer: 5,
    template: "apples",
  },
  { id: "sft-3", prompt: "Compute (12-12)*3.", expected_answer: 0, template: "zero" },
], 0);
const vocab = buildVocab(rows.flatMap((r) => [r.prompt, r.completion]));
const encoded = encodeCorpus(vocab, rows);
const CFG = { ...SFT_DEFAULTS, hidden: 6, steps: 60, batch: 3, warmup: 5, lr: 0.05, logEvery: 10 };

Deno.test("trainSft() is deterministic: the same seed gives the same weights, another seed others", () => {
  const a = trainSft(vocab, encoded, CFG), b = trainSft(vocab, encoded, CFG);
  assertEquals([...a.params.flat], [...b.params.flat]);
  assertEquals(a.curve, b.curve);
  assertNotEquals([...trainSft(vocab, encoded, { ...CFG, seed: 1 }).params.flat], [
    ...a.params.flat,
  ]);
});

Deno.test("trainSft() lowers the mean token cross-entropy", () => {
  const { curve } = trainSft(vocab, encoded, CFG);
  assert(curve.at(-1)!.loss < curve[0].loss / 2, JSON.stringify(curve));
});

Deno.test("sftLearningRate() warms up linearly, peaks at lr, and decays to lr · minLrFraction", () => {
  const cfg = { ...SFT_DEFAULTS, lr: 1, warmup: 10, steps: 110, minLrFraction: 0.1 };
  assertEquals([sftLearningRate(cfg, 5), sftLearningRate(cfg, 10)], [0.5, 1]);
  assert(Math.abs(sftLearningRate(cfg, 110) - 0.1) < 1e-12);
});
