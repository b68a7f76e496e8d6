/**
 * Sampling speed of the shipped base policy: 120 small_dev prompts × 8 samples (960
 * completions) per iteration, prompts read once each. Divide 960 by the time per iteration for
 * completions per second. Run with `deno task bench`.
 */
import { dataPath } from "../../lib/core/paths.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { readPromptRows } from "../../lib/measure/prompts.ts";
import { sampleRows } from "../../lib/experiments/sample.ts";

const CK = Deno.env.get("BENCH_CHECKPOINT") ?? dataPath("policy/base.json");
const policy = await loadCheckpoint(CK);
const { rows } = await readPromptRows(dataPath("datasets/small_dev.jsonl"));
const settings = { n: 8, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 0 };

Deno.bench(
  "sampleRows(): 120 prompts × 8 completions of the base policy",
  { n: 30, warmup: 3 },
  () => {
    sampleRows(policy, rows, settings);
  },
);
