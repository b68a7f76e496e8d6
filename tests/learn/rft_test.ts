/**
 * Rejection-sampling fine-tuning (lib/learn/rft.ts, lib/experiments/rft.ts): it keeps only what
 * the strict scorer pays, learns nothing from a prompt it never solved, lowers the loss on what
 * it kept, leaves the base untouched, and gives the same weights for the same seed.
 */
import { assert, assertEquals, assertNotEquals } from "../../lib/core/testing.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { fineTune, keptSamples } from "../../lib/learn/rft.ts";
import { rftExperiment } from "../../lib/experiments/rft.ts";
import { loadPolicyLab } from "../../lib/course/rl_lab.ts";

const lab = await loadPolicyLab();
const train = lab.train.slice(0, 24);

Deno.test("keptSamples() keeps each strict-correct text once per prompt, and nothing else", () => {
  const kept = keptSamples(lab.base, train, { n: 8, seed: 0 });
  assertEquals(kept.prompts, 24);
  for (const r of kept.rows) {
    const ex = train.find((e) => e.id === r.id)!;
    assertEquals(score(ex, r.completion).reward, 1, r.completion);
  }
  const keys = kept.rows.map((r) => `${r.id}\n${r.completion}`);
  assertEquals(new Set(keys).size, keys.length, "no pair twice");
  assertEquals(new Set(kept.rows.map((r) => r.id)).size, kept.solved);
  assert(kept.solved > 0 && kept.solved < 24, `solved ${kept.solved} of 24`);
});

Deno.test("fineTune() lowers the loss on the kept rows, copies the weights and is deterministic", () => {
  const kept = keptSamples(lab.base, train, { n: 8, seed: 0 });
  const before = Float64Array.from(lab.base.params.flat);
  const cfg = { steps: 20, batch: 8, lr: 1e-3, seed: 0 };
  const a = fineTune(lab.base.params, kept.rows, cfg);
  const b = fineTune(lab.base.params, kept.rows, cfg);
  assert(a.lastLoss < a.firstLoss, `loss ${a.firstLoss} → ${a.lastLoss}`);
  assertEquals(a.params.flat, b.params.flat);
  assertEquals(lab.base.params.flat, before, "the base's weights are not changed");
  let threw = false;
  try {
    fineTune(lab.base.params, [], cfg);
  } catch (e) {
    threw = e instanceof RangeError;
  }
  assert(threw, "no kept sample: nothing to learn from");
});

Deno.test("rftExperiment() names the fine-tuned policy and gives it its own checkpoint hash", () => {
  const run = rftExperiment(lab.base, train, { steps: 5, batch: 4 });
  assertEquals(run.trained.name, "tiny-gru-base+rft-n8-seed0");
  assertNotEquals(run.trained.sha256, lab.base.sha256);
  assertEquals(run.config.steps, 5);
});
