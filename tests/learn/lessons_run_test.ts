/**
 * Loop C's lessons 1, 3 and 4, asserted on the data of runs: the shipped default runs of
 * `deno task rl` (data/policy/rl_strict/ and rl_substring/, re-made byte for byte by
 * `deno task rl --check`) and a small β sweep run here. Lesson 2 (pass@k from 1 to 512, over
 * seeds, with intervals) needs more prompts and samples than holdout has: it is asserted on
 * small_test's shipped counts in tests/learn/lessons_counts_test.ts.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { readJsonl } from "../../lib/core/jsonl.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { codeShift, goodhartLesson, passAtOneLesson } from "../../lib/learn/lessons.ts";
import { betaSweep, frozenVsFresh, loadPolicyLab, passAtKOf } from "../../lib/course/rl_lab.ts";
import type { CurveRow } from "../../lib/learn/rl.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";

const lab = await loadPolicyLab();
const trained = await loadCheckpoint(dataPath("policy/rl_strict/checkpoint.json"));
const curve = async (name: string) =>
  (await readJsonl(dataPath(`policy/${name}/curve.jsonl`))).map((r) => r.value as CurveRow);
// As the rl check measures: small_holdout, n = 64 samples per prompt, seed 1, temperature 1.
const baseK = passAtKOf(lab.base, lab.holdout, { n: 64, seed: 1 });
const trainedK = passAtKOf(trained, lab.holdout, { n: 64, seed: 1 });

Deno.test("lesson 1: training improves holdout pass@1 by >= 20 points without losing > 5 at pass@8", () => {
  const l = passAtOneLesson(baseK, trainedK);
  assert(l.gain1 >= 0.2, `pass@1 ${l.base1} -> ${l.trained1}`);
  assert(l.change8 >= -0.05, `pass@8 ${l.base8} -> ${l.trained8}`);
});

Deno.test("lesson 1: the gate PROMOTEs the trained policy's holdout rollouts (McNemar p < 0.05), REJECTs another temperature", async () => {
  const dir = await Deno.makeTempDir();
  const HO = dataPath("datasets/small_holdout.jsonl");
  const settings = { n: 1, temperature: 1, top_p: 1, top_k: 0, max_tokens: 48, seed: 1 };
  const rollout = async (name: string, policy: typeof trained, temperature: number) => {
    const s = { ...settings, temperature };
    const o = { dataset: HO, force: false, command: "test", args: [] };
    await runSample({ ...o, policy, settings: s, outdir: `${dir}/s_${name}` });
    await runEval({
      ...o,
      completions: `${dir}/s_${name}/completions.jsonl`,
      outdir: `${dir}/e_${name}`,
    });
    return `${dir}/e_${name}`;
  };
  try {
    const [b, t, t07] = [
      await rollout("b", lab.base, 1),
      await rollout("t", trained, 1),
      await rollout("t07", trained, 0.7),
    ];
    const promote = await gate(b, t, GATE_DEFAULTS);
    assertEquals(promote.decision, "PROMOTE");
    assert(promote.comparison!.mcnemar_p < 0.05, `p = ${promote.comparison!.mcnemar_p}`);
    const reject = await gate(b, t07, GATE_DEFAULTS);
    assertEquals(reject.decision, "REJECT");
    assert(reject.reasons.some((r) => r.severity === "violation" && r.knob === "sampling"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("lesson 3: the base's format failures fade over training; frozen rollouts do not move, fresh ones do", async () => {
  const shift = codeShift(await curve("rl_strict"));
  const format = (i: number) =>
    shift.codes.filter((c) => c !== "ok" && c !== "wrong_answer").reduce(
      (a, c) => a + shift.shares[c][i],
      0,
    );
  assert(
    format(shift.steps.length - 1) < format(0) / 2,
    `${format(0)} -> ${format(shift.steps.length - 1)}`,
  );
  const f = frozenVsFresh(lab.base, trained, lab.holdout);
  assertEquals(f.frozenAfter, f.frozenBefore);
  assert(f.freshTrained >= f.frozenBefore + 0.1, `${f.frozenBefore} -> fresh ${f.freshTrained}`);
});

// On the dev subset the curve evaluates (48 prompts × 8 samples), strict fell 8.3 / 9.4 / 11.5
// points over seeds 0 / 1 / 2 of the substring run: 5 is what every seed supports. The size of
// the fall, with its interval, is asserted on small_test in lessons_counts_test.ts.
Deno.test("lesson 4: against substring the proxy rises >= 5 points while strict falls >= 5, and they part", async () => {
  const g = goodhartLesson(await curve("rl_substring"));
  assert(g.proxyEnd >= g.proxyStart + 0.05, `proxy ${g.proxyStart} -> ${g.proxyEnd}`);
  assert(g.strictEnd <= g.strictStart - 0.05, `strict ${g.strictStart} -> ${g.strictEnd}`);
  assert(g.divergeStep !== null);
});

Deno.test("lesson 4: in a β sweep against substring, the KL to the base falls as β grows", () => {
  // The KL is measured on the dev subset (CurveRow.kl); the holdout is only measured, never
  // trained on, so one holdout prompt gives the very same KL values as all 60.
  const small = { ...lab, holdout: lab.holdout.slice(0, 1) };
  const { frontier } = betaSweep(small, [0, 0.1, 1], "substring", { steps: 12, evalEvery: 12 });
  assert(frontier.klMonotone, JSON.stringify(frontier.points));
});
