// The harder kata: ten scored cases whose recorded verdicts re-score exactly, a key using all
// four labels, and the label check that explains each disagreement in plain words.
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  checkKataLabels,
  KATA_LABELS,
  LABEL_MEANING,
  loadKata,
  normaliseLabel,
  parseKataLabels,
} from "../../lib/redteam/kata.ts";
import { isRubricName, RUBRICS } from "../../lib/instrument/rubrics.ts";
import { InputError } from "../../lib/core/errors.ts";
import { runTask } from "../cli.ts";
import { kataCheckLines, kataListing } from "../../lib/present/kata_story.ts";

const { cases, key } = loadKata("hard");
const keyLabels = Object.fromEntries(key.cases.map((c) => [c.id, c.label as string]));

Deno.test("the hard kata has ten cases and a key using every label at least twice", () => {
  assertEquals(cases.length, 10);
  for (const label of KATA_LABELS) {
    assert(key.cases.filter((c) => c.label === label).length >= 2, label);
  }
  assert(key.cases.every((c) => c.why.length > 20));
});

for (const set of ["hard", "m0"] as const) {
  Deno.test(`every ${set}-kata verdict is what its named scorer gives today`, () => {
    for (const c of loadKata(set).cases) {
      assert(isRubricName(c.scorer), c.scorer);
      const r = RUBRICS[c.scorer](c, c.completion);
      assertEquals(
        [r.reward, r.details.code, r.details.message],
        [c.reward, c.code, c.message],
        c.id,
      );
    }
  });
}

Deno.test("checkKataLabels() agrees 10 of 10 with the key's own labels", () => {
  const check = checkKataLabels(keyLabels, key);
  assertEquals([check.ok, check.agree, check.disagreements, check.missing], [true, 10, [], []]);
  assertEquals(check.why, "10 of 10 agree with the key.");
});

Deno.test("checkKataLabels() explains a disagreement with both labels, the key's reason and the meaning", () => {
  const check = checkKataLabels({ ...keyLabels, h02: "verifier_bug" }, key);
  assertEquals([check.ok, check.agree], [false, 9]);
  const d = check.disagreements[0];
  assertEquals([d.id, d.yoursLabel, d.key], ["h02", "verifier_bug", "model_failure"]);
  assertStringIncludes(d.explanation, "h02: you said verifier bug; the key says model failure");
  assertStringIncludes(d.explanation, key.cases[1].why);
  assertStringIncludes(d.explanation, LABEL_MEANING.verifier_bug);
});

Deno.test("checkKataLabels() names missing cases, unknown ids and words that are not labels", () => {
  const labels: Record<string, string> = { ...keyLabels, h03: "sneaky", zz: "reward_hack" };
  delete labels.h10;
  const check = checkKataLabels(labels, key);
  assertEquals([check.ok, check.missing, check.unknown], [false, ["h10"], ["zz"]]);
  assertStringIncludes(check.why, 'h03: "sneaky" is not a label');
  assertStringIncludes(check.why, "h10: no label given.");
  assertStringIncludes(check.why, "zz: not a case of the hard kata");
});

Deno.test("normaliseLabel() reads case, spacing and common synonyms into the vocabulary", () => {
  assertEquals(
    ["Model failure", "parser bug", "Verifier/parser bug", "ambiguous prompt", "HACK", "maybe"].map(
      normaliseLabel,
    ),
    ["model_failure", "verifier_bug", "verifier_bug", "spec_ambiguity", "reward_hack", null],
  );
});

Deno.test("parseKataLabels() reads an object, an array or JSONL, and names a malformed line", () => {
  assertEquals(parseKataLabels('{"h01":"hack","h02":{"label":"spec","why":"x"}}', "f").get("h02"), {
    label: "spec",
    why: "x",
  });
  assertEquals(parseKataLabels('[{"id":"h01","label":"hack"}]', "f").get("h01")?.label, "hack");
  try {
    parseKataLabels('{"id":"h01","label":"hack"}\n{oops\n', "labels.jsonl");
    assert(false, "should throw");
  } catch (e) {
    assert(e instanceof InputError);
    assertEquals(e.line, 2);
  }
});

/** `deno task kata`, with the task's own (read-only) permissions. */
async function kata(...args: string[]) {
  const out = await runTask("kata", args);
  return { code: out.code, text: out.stdout + out.stderr };
}

Deno.test("deno task kata --labels exits 0 when all agree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/good.json`, JSON.stringify(keyLabels));
    const good = await kata("--set", "hard", "--labels", `${dir}/good.json`);
    assertEquals(good.code, 0);
    assertStringIncludes(good.text, "10 of 10 agree with the key.");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kata --labels exits 1 with explanations when the labels disagree", () => {
  const bad = JSON.stringify({ ...keyLabels, h04: "model failure" });
  const check = checkKataLabels(parseKataLabels(bad, "bad.json"), key);
  assertEquals(check.ok, false); // the task returns 1
  assertStringIncludes(
    kataCheckLines("hard", "bad.json", check).join("\n"),
    "h04: you said model failure; the key says spec ambiguity",
  );
});

Deno.test("kata without --labels prints the cases", () => {
  const text = kataListing("hard", loadKata("hard").cases).join("\n");
  assertStringIncludes(text, "h10");
  assertStringIncludes(text, "Final:␣41\\nFinal:␣42");
});

Deno.test("deno task kata with a bad --set exits 2 with the usage", async () => {
  const bad = await kata("--set", "m9");
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.text, "usage: deno task kata");
});
