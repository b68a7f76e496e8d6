/**
 * The shipped base policy is what the course promises: weak but learnable on small_dev at
 * temperature 1 (strict pass@1 in 15–35%, at least four failure codes, pass@8 at least 30 points
 * above pass@1), hedges in its support (so a hackable rubric has something to find), under 2 MB,
 * and its header records the settings `deno task sft --check` re-makes it from.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { BASE_SETTINGS, settingsFromHeader } from "../../lib/datagen/base_policy.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { readPromptRows } from "../../lib/measure/prompts.ts";
import { sampleRows } from "../../lib/experiments/sample.ts";
import { samplingOptions } from "../../lib/policy/sampler.ts";

const base = await loadCheckpoint(dataPath("policy/base.json"));
const { rows } = await readPromptRows(dataPath("datasets/small_dev.jsonl"));
const samples = sampleRows(base, rows, samplingOptions({ n: 8, seed: 0 }));
const verdicts = rows.map((r, i) => samples[i].map((s) => score(r, s.text)));

Deno.test("the base's strict pass@1 on small_dev (sample 0, temperature 1, seed 0) is in 15–35%", () => {
  const p1 = verdicts.filter((v) => v[0].reward === 1).length / rows.length;
  assert(p1 >= 0.15 && p1 <= 0.35, `pass@1 ${p1}`);
});

Deno.test("the base fails with at least four distinct scorer codes", () => {
  const codes = new Set(verdicts.map((v) => v[0].details.code).filter((c) => c !== "ok"));
  assert(codes.size >= 4, [...codes].join(", "));
});

Deno.test("the base's pass@8 is at least 30 points above its pass@1", () => {
  const p1 = verdicts.filter((v) => v[0].reward === 1).length / rows.length;
  const p8 = verdicts.filter((v) => v.some((x) => x.reward === 1)).length / rows.length;
  assert(p8 >= p1 + 0.3, `pass@1 ${p1}, pass@8 ${p8}`);
});

Deno.test("the base hedges sometimes (Final: a or b), which the substring rubric rewards", () => {
  const hedges = samples.flat().filter((s) => /^Final: -?\d+( or -?\d+)+$/.test(s.text));
  assert(hedges.length >= 10, `${hedges.length} hedges in 960 samples`);
});

Deno.test("the shipped base is under 2 MB and its header records the settings it was made with", async () => {
  const bytes = (await Deno.stat(dataPath("policy/base.json"))).size +
    (await Deno.stat(dataPath("policy/base.weights.f32"))).size;
  assert(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
  assertEquals(settingsFromHeader(base.header), BASE_SETTINGS);
});
