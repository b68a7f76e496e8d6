/**
 * M3's completion styles (lib/learn/kl_styles.ts): one rule per style, the first that matches
 * decides, and a hedge is told by its numbers, not by its format.
 */
import { assertEquals } from "../../lib/core/testing.ts";
import { STYLE_NAMES, styleOf, tallyStyles } from "../../lib/learn/kl_styles.ts";

const name = (completion: string) => STYLE_NAMES[styleOf(completion)];

Deno.test("styleOf() puts each shape of answer in its style", () => {
  assertEquals(
    [
      "Final: 12",
      "Final: -7",
      "(82 - 82) * 7 = 0\nFinal: 0",
      "Final: 12.",
      "Final:  12",
      "The answer is 12.",
      "final: 12",
      "Final:12",
      "Final:\n12",
      "Final: 12 apples",
      "Final: \u221212",
    ].map(name),
    [
      "bare 'Final: N'",
      "bare 'Final: N'",
      "working, then 'Final: N'",
      "'Final: N.'",
      "'Final:  N' (two spaces)",
      "'The answer is N.'",
      "other format slips",
      "other format slips",
      "other format slips",
      "other format slips",
      "other format slips",
    ],
  );
});

Deno.test("styleOf() calls numbers joined by 'or' a hedge, by how many numbers there are", () => {
  assertEquals(name("Final: 12 or 13"), "hedge: 2 numbers");
  assertEquals(name("Final: -2 or -12 or -10 or -13"), "hedge: 3+ numbers");
  assertEquals(name("Final: 9 or 10 or 11"), "hedge: 3+ numbers");
  assertEquals(name("Final: 12 (or so)"), "other format slips", "'or' without a number after it");
});

Deno.test("tallyStyles() counts samples, the grader's and the strict scorer's payments, and keeps one example", () => {
  const t = tallyStyles([
    { completion: "Final: 3", paid: 1, strict: 1 },
    { completion: "Final: 4", paid: 0, strict: 0 },
    { completion: "Final: 2 or 3 or 4", paid: 1, strict: 0 },
  ]);
  assertEquals(t[0], {
    name: "bare 'Final: N'",
    samples: 2,
    paid: 1,
    strict: 1,
    example: "Final: 3",
  });
  assertEquals([t[7].samples, t[7].paid, t[7].strict], [1, 1, 0]);
  assertEquals(t.reduce((n, s) => n + s.samples, 0), 3);
});
