// An eval with another instrument (runEval with `instrument`): its manifest names that
// instrument, so the gate calls the comparison with a strict eval an instrument change.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { fnFingerprint, instrumentFor, VARIANT_VERSION } from "../../lib/instrument/instrument.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { dataPath } from "../../lib/core/paths.ts";

const dataset = dataPath("datasets/math_dev.jsonl");
const completions = dataPath("rollouts/frozen_rollouts_dev.jsonl");

Deno.test("runEval() with the strict scorer as an explicit instrument reproduces the default's rewards", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const strict = await runEval({
      dataset,
      completions,
      outdir: `${dir}/a`,
      force: false,
      args: [],
    });
    const again = await runEval({
      dataset,
      completions,
      instrument: instrumentFor("strict", score),
      outdir: `${dir}/b`,
      force: false,
      args: [],
    });
    assertEquals(again.summary, strict.summary);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runEval() with a variant instrument records it, and the gate names the instrument", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const base = await runEval({
      dataset,
      completions,
      outdir: `${dir}/a`,
      force: false,
      args: [],
    });
    const lenient = await runEval({
      dataset,
      completions,
      instrument: instrumentFor("lenient", RUBRICS["lenient"]),
      outdir: `${dir}/b`,
      force: false,
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

Deno.test("runEval() with an instrument refuses to overwrite an existing run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = {
      dataset,
      completions,
      instrument: instrumentFor("s", score),
      outdir: `${dir}/a`,
      force: false,
      args: [],
    };
    await runEval(cfg);
    let caught: unknown = null;
    try {
      await runEval(cfg);
    } catch (e) {
      caught = e;
    }
    assert(caught instanceof Error && caught.message.includes("already holds a run"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
