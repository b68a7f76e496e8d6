// An eval with another instrument: its manifest names that instrument, so the gate calls the
// comparison with a strict eval an instrument change.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { fnFingerprint, runRubricEval, VARIANT_VERSION } from "../../lib/measure/rubric_eval.ts";
import { runEval } from "../../lib/measure/eval.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { dataPath } from "../../lib/core/paths.ts";

const dataset = dataPath("datasets/math_dev.jsonl");
const completions = dataPath("rollouts/frozen_rollouts_dev.jsonl");

Deno.test("runRubricEval() with the strict scorer reproduces runEval's rewards", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const strict = await runEval({
      dataset,
      completions,
      outdir: `${dir}/a`,
      force: false,
      args: [],
    });
    const again = await runRubricEval({
      dataset,
      completions,
      scorer: { name: "strict", fn: score },
      outdir: `${dir}/b`,
      args: [],
    });
    assertEquals(again.summary, strict.summary);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runRubricEval() records the instrument it used, and the gate names the instrument", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = await runEval({
      dataset,
      completions,
      outdir: `${dir}/a`,
      force: false,
      args: [],
    });
    const lenient = await runRubricEval({
      dataset,
      completions,
      scorer: { name: "lenient", fn: RUBRICS["lenient"] },
      outdir: `${dir}/b`,
      args: [],
    });
    assertEquals(lenient.manifest.scorer_name, "lenient");
    assertEquals(lenient.manifest.scorer_version, VARIANT_VERSION);
    assertEquals(lenient.manifest.scorer_fingerprint, fnFingerprint(RUBRICS["lenient"]));
    assertEquals((lenient.manifest.golden_gate as { passed: boolean }).passed, false);
    assert(lenient.summary.passes > base.summary.passes);
    const v = await gate(base.runPath, lenient.runPath, GATE_DEFAULTS);
    assertEquals(v.decision, "REJECT");
    assert(v.reasons.some((r) => r.knob === "instrument" && r.severity === "violation"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runRubricEval() refuses to overwrite an existing run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = {
      dataset,
      completions,
      scorer: { name: "s", fn: score },
      outdir: `${dir}/a`,
      args: [],
    };
    await runRubricEval(cfg);
    let caught: unknown = null;
    try {
      await runRubricEval(cfg);
    } catch (e) {
      caught = e;
    }
    assert(caught instanceof Error && caught.message.includes("already holds a run"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
