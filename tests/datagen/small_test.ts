/**
 * The tiny policy's environment: the sealed small splits are as promised (sizes, templates, right
 * answers, dev and holdout disjoint), and the SFT corpus never contains a prompt or an id of any
 * dataset shipped in data/datasets/.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { BASE_SETTINGS } from "../../lib/datagen/base_policy.ts";
import { corpusPrompts, SMALL_TEMPLATES, templateOf } from "../../lib/datagen/small.ts";

type Row = { id: string; prompt: string; expected_answer: number | string };
const rows = async (name: string) =>
  (await readJsonl(dataPath(`datasets/${name}`))).map((r) => r.value as Row);

Deno.test("small_dev has >= 120 prompts and small_holdout >= 60, with no prompt or id in common", async () => {
  const dev = await rows("small_dev.jsonl"), holdout = await rows("small_holdout.jsonl");
  assert(dev.length >= 120 && holdout.length >= 60);
  const devPrompts = new Set(dev.map((r) => r.prompt)), devIds = new Set(dev.map((r) => r.id));
  assert(holdout.every((r) => !devPrompts.has(r.prompt) && !devIds.has(r.id)));
  assertEquals(
    new Set([...dev, ...holdout].map((r) => r.prompt)).size,
    dev.length + holdout.length,
  );
});

Deno.test("every small prompt comes from one of the five templates and its answer is right", async () => {
  for (const r of [...await rows("small_dev.jsonl"), ...await rows("small_holdout.jsonl")]) {
    const t = templateOf(r.prompt);
    assert(t !== null && SMALL_TEMPLATES.some((x) => x.name === t), r.prompt);
    const n = [...r.prompt.matchAll(t === "zero" ? /\d+/g : /-?\d+/g)].map((m) => Number(m[0]));
    const answer = t === "apples" || t === "temperature"
      ? n[0] - n[1]
      : t === "share"
      ? n[0] / n[1]
      : 0;
    assertEquals(r.expected_answer, answer, r.id);
  }
});

Deno.test("the SFT corpus shares no prompt and no id with any dataset in data/datasets/", async () => {
  const prompts = new Set<string>(), ids = new Set<string>();
  for await (const e of Deno.readDir(dataPath("datasets"))) {
    if (!e.name.endsWith(".jsonl")) continue;
    for (const r of await rows(e.name)) {
      prompts.add(r.prompt);
      ids.add(r.id);
    }
  }
  assert(prompts.size >= 300, `read ${prompts.size} prompts`);
  const corpus = corpusPrompts(BASE_SETTINGS.corpus.size, BASE_SETTINGS.corpus.seed);
  assertEquals(corpus.length, BASE_SETTINGS.corpus.size);
  assertEquals(corpus.filter((c) => prompts.has(c.prompt) || ids.has(c.id)), []);
});
