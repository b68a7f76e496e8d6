/**
 * The tiny policy's environment: the sealed small splits are as promised (sizes, own ids,
 * templates, right answers, one cl100k token per number, dev, holdout and test disjoint, and
 * test sharing no fact with dev or holdout), and the SFT corpus never contains a prompt or an id
 * of any dataset shipped in data/datasets/, nor a fact of dev or holdout in any wording.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { BASE_SETTINGS } from "../../lib/datagen/base_policy.ts";
import { corpusPrompts, SMALL_TEMPLATES, templateOf } from "../../lib/datagen/small.ts";
import { parseSmall, WIDE_TEMPLATES } from "../../lib/datagen/small_wordings.ts";
import { tokenize } from "../../lib/policy/tokenizer.ts";

type Row = { id: string; prompt: string; expected_answer: number | string };
const rows = async (name: string) =>
  (await readJsonl(dataPath(`datasets/${name}`))).map((r) => r.value as Row);
const dev = await rows("small_dev.jsonl");
const holdout = await rows("small_holdout.jsonl");
const test = await rows("small_test.jsonl");
const factOf = (prompt: string) => parseSmall(prompt)!.fact;

Deno.test("small_dev has >= 120 prompts and small_holdout >= 60, with no prompt or id in common", () => {
  assert(dev.length >= 120 && holdout.length >= 60);
  const devPrompts = new Set(dev.map((r) => r.prompt)), devIds = new Set(dev.map((r) => r.id));
  assert(holdout.every((r) => !devPrompts.has(r.prompt) && !devIds.has(r.id)));
  assertEquals(
    new Set([...dev, ...holdout].map((r) => r.prompt)).size,
    dev.length + holdout.length,
  );
});

Deno.test("small_test holds >= 1,000 distinct prompts with ids small-test-0001 … of its own", () => {
  assert(test.length >= 1000, `${test.length} prompts`);
  assertEquals(new Set(test.map((r) => r.prompt)).size, test.length);
  assertEquals(
    test.map((r) => r.id),
    test.map((_, i) => `small-test-${String(i + 1).padStart(4, "0")}`),
  );
});

Deno.test("small_test shares no prompt, no id and no fact (template and numbers) with dev or holdout", () => {
  const prompts = new Set([...dev, ...holdout].map((r) => r.prompt));
  const ids = new Set([...dev, ...holdout].map((r) => r.id));
  const facts = new Set([...dev, ...holdout].map((r) => factOf(r.prompt)));
  assertEquals(test.filter((r) => prompts.has(r.prompt) || ids.has(r.id)), []);
  assertEquals(test.filter((r) => facts.has(factOf(r.prompt))).map((r) => r.id), []);
});

Deno.test("every small prompt comes from one of the five templates and its answer is right", () => {
  for (const r of [...dev, ...holdout, ...test]) {
    const t = templateOf(r.prompt);
    assert(t !== null && SMALL_TEMPLATES.some((x) => x.name === t), r.prompt);
    // The numbers in the order the prompt writes them (zero's answer is 0 in either order).
    const n = [...r.prompt.matchAll(t === "zero" ? /\d+/g : /-?\d+/g)].map((m) => Number(m[0]));
    const answer = t === "apples" || t === "temperature"
      ? n[0] - n[1]
      : t === "share"
      ? n[0] / n[1]
      : 0;
    assertEquals(r.expected_answer, answer, r.id);
  }
});

Deno.test("dev and holdout are in the generator's wording; test uses every wording of all five templates", () => {
  const classic =
    /^(A farmer has \d+ apples|At dawn the temperature|\d+ stickers are shared equally among \d+ children|Compute \(|A jar holds \d+ cookies\. The children)/;
  assertEquals([...dev, ...holdout].filter((r) => !classic.test(r.prompt)), []);
  const wordings = new Map<string, Set<string>>(); // template -> its texts with digits as N
  for (const r of test) {
    const t = templateOf(r.prompt)!;
    wordings.set(t, (wordings.get(t) ?? new Set()).add(r.prompt.replace(/-?\d+/g, "N")));
  }
  for (const t of WIDE_TEMPLATES) {
    const used = wordings.get(t.name)?.size ?? 0;
    assert(used >= Math.min(t.wordings, 12), `${t.name}: ${used} of ${t.wordings} wordings`);
  }
  const templates = new Set(test.map((r) => templateOf(r.prompt)));
  assertEquals([...templates].sort(), WIDE_TEMPLATES.map((t) => t.name).sort());
});

Deno.test("every number of every small prompt is one cl100k token", () => {
  for (const r of [...dev, ...holdout, ...test]) {
    const numbers = r.prompt.match(/\d+/g)!;
    const digitTokens = tokenize(r.prompt).filter((t) => /^\d+$/.test(t.shown));
    assertEquals(digitTokens.map((t) => t.shown), numbers, r.id);
  }
});

Deno.test("the SFT corpus shares no prompt and no id with any dataset in data/datasets/, no fact with dev or holdout", async () => {
  const prompts = new Set<string>(), ids = new Set<string>();
  for await (const e of Deno.readDir(dataPath("datasets"))) {
    if (!e.name.endsWith(".jsonl")) continue;
    for (const r of await rows(e.name)) {
      prompts.add(r.prompt);
      ids.add(r.id);
    }
  }
  assert(prompts.size >= 1300, `read ${prompts.size} prompts`);
  const facts = new Set([...dev, ...holdout].map((r) => factOf(r.prompt)));
  const corpus = corpusPrompts(BASE_SETTINGS.corpus.size, BASE_SETTINGS.corpus.seed);
  assertEquals(corpus.length, BASE_SETTINGS.corpus.size);
  assertEquals(corpus.filter((c) => prompts.has(c.prompt) || ids.has(c.id)), []);
  assertEquals(corpus.filter((c) => facts.has(factOf(c.prompt))), []);
});

Deno.test("parseSmall() reads the template, numbers, answer and unit of any wording; nothing else", () => {
  assertEquals(
    parseSmall(
      "4 marbles are shared equally among 2 friends. How many marbles does each friend get?",
    ),
    { template: "share", numbers: [4, 2], fact: "share 4 2", answer: 2, unit: "marbles" },
  );
  assertEquals(parseSmall("Compute (37-37)*4.")?.fact, parseSmall("Compute 4*(37-37).")?.fact);
  assertEquals(parseSmall("Compute 17*19."), null);
});
