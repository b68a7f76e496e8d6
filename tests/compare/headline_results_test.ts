/**
 * The README's headline results on the shipped data, pinned: if the code moves any of these
 * numbers, this test fails before the README can drift from the code. Each assertion quotes the
 * README's sentence it pins (README.md, "Results on the shipped data").
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { passRateLine } from "../../lib/present/eval_summary.ts";
import { pct, points } from "../../lib/present/format.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const FROZEN = dataPath("rollouts/frozen_rollouts_dev.jsonl");
const LATER = dataPath("rollouts/later_policy_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");

const root = await Deno.makeTempDir({ prefix: "headline_" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const evalOf = (completions: string, name: string) =>
  runEval({ dataset: DS, completions, outdir: `${root}/${name}`, force: false, args: [] });
const frozen = await evalOf(FROZEN, "frozen");
const later = await evalOf(LATER, "later");

Deno.test("README: the frozen rollouts pass 32/120 = 26.7% (95% CI 19.6%–35.2%)", () => {
  const s = frozen.summary;
  assertEquals(passRateLine(s.passes, s.n), "32/120 = 26.7% (95% CI 19.6%–35.2%)");
  assertEquals(
    [
      s.codes.wrong_answer,
      s.codes.not_single_line,
      s.codes.missing_prefix,
      s.codes.non_digit_characters,
    ],
    [32, 18, 15, 9],
  );
});

Deno.test("README: the later policy's rollouts pass 42/120 = 35.0%, with a unicode_whitespace failure", () => {
  assertEquals([later.summary.passes, pct(later.summary.pass_rate)], [42, "35.0%"]);
  assert(
    (later.summary.codes.unicode_whitespace ?? 0) > 0 &&
      !("unicode_whitespace" in frozen.summary.codes),
  );
});

Deno.test("README: best-of-4 gives pass@1 26.7%, pass@4 62.5%, 43 rescued; pass@8 80.0% vs naive 88.6%", async () => {
  const { summary: s } = await runSelect({
    dataset: DS,
    samples: PACK,
    n: 4,
    outdir: `${root}/select4`,
    force: false,
    plot: false,
    args: [],
  });
  assertEquals([pct(s.pass_at_1), pct(s.pass_at_n), s.rescued], ["26.7%", "62.5%", 43]);
  assertEquals([pct(s.pass_at_k["8"]), pct(s.pass_at_k_naive["8"]), s.never_solved], [
    "80.0%",
    "88.6%",
    24,
  ]);
});

Deno.test("README: frozen vs later is a PROMOTE at min-delta 0 of +8.3 points, McNemar p = 0.174, not significant", async () => {
  const v = await gate(frozen.runPath, later.runPath, GATE_DEFAULTS);
  const c = v.comparison!;
  assertEquals([v.decision, points(c.delta), c.mcnemar_p.toPrecision(3)], [
    "PROMOTE",
    "+8.3",
    "0.174",
  ]);
  assertEquals([points(c.ci95[0]), points(c.ci95[1]), c.significant], ["-2.5", "+19.2", false]);
});
