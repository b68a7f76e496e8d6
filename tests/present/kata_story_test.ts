// What `deno task kata` prints.
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { checkKataLabels, loadKata } from "../../lib/redteam/kata.ts";
import { kataCheckLines, kataListing } from "../../lib/present/kata_story.ts";

Deno.test("kataListing() shows every case with its completion made visible, then the next command", () => {
  const { cases } = loadKata("m0");
  const lines = kataListing("m0", cases);
  assertEquals(lines.filter((l) => l.includes("; completion ")).length, cases.length);
  assertEquals(lines.at(-1), "Then: deno task kata --set m0 --labels my_labels.json");
});

Deno.test("kataCheckLines() ends with the verdict", () => {
  const { key } = loadKata("m0");
  const check = checkKataLabels(new Map(), key);
  const lines = kataCheckLines("m0", "mine.json", check);
  assertEquals(lines[0], "Checking mine.json against the m0 kata's key.");
  assertStringIncludes(lines.at(-1) ?? "", "Some labels disagree");
});
