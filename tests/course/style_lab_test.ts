/**
 * M3's reward table cannot drift from a rubric: COMPLETION_STYLES (lib/learn/kl.ts) is what the
 * shipped base's 960 samples of small_dev give, measured again here (lib/course/style_lab.ts):
 * each style's share of the samples is its π_ref, the share of it the substring rubric pays its
 * reward; and the strict scorer pays no style but bare `Final: N`.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { COMPLETION_STYLES } from "../../lib/learn/kl.ts";
import { loadPolicyLab } from "../../lib/course/rl_lab.ts";
import { measureStyles, stylesAsActions } from "../../lib/course/style_lab.ts";

const lab = await loadPolicyLab();
const tally = measureStyles(lab.base, lab.train);

Deno.test("COMPLETION_STYLES is the shipped base's styles as measured with the substring rubric", () => {
  assertEquals(stylesAsActions(tally), COMPLETION_STYLES);
  assertEquals(tally.reduce((n, t) => n + t.samples, 0), 960);
});

Deno.test("the strict scorer pays only bare 'Final: N' lines; the grader pays the hedge most", () => {
  assertEquals(tally.filter((t) => t.strict > 0).map((t) => t.name), ["bare 'Final: N'"]);
  const best = stylesAsActions(tally).reduce((a, b) => (b.reward > a.reward ? b : a));
  assertEquals(best.name, "hedge: 3+ numbers");
  assert(tally.every((t) => t.samples > 0), "every style occurs in the base's samples");
});
