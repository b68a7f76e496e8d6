/** The tamper experiment's copy (lib/experiments/tamper.ts) and what the gate makes of it. */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { tamperedCopy } from "../../lib/experiments/tamper.ts";
import { InputError } from "../../lib/core/errors.ts";
import { dataPath, runsPath } from "../../lib/core/paths.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";

Deno.test("tamperedCopy() changes exactly one line of the sealed dataset", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const original = await Deno.readTextFile(dataPath("datasets/math_dev.jsonl"));
    const t = await tamperedCopy(dataPath("datasets/math_dev.jsonl"), "dev-0001", 1036, dir);
    const copy = await Deno.readTextFile(t.path);
    const a = original.split("\n"), b = copy.split("\n");
    assertEquals(a.length, b.length);
    assertEquals(a.filter((line, i) => line !== b[i]).length, 1);
    assertEquals([t.before, t.after], [1035, 1036]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tamperedCopy() refuses an unknown id and a change that changes nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (
      const [id, answer, why] of [["nope", 1, "has no example"], [
        "dev-0001",
        1035,
        "already expects",
      ]] as const
    ) {
      try {
        await tamperedCopy(dataPath("datasets/math_dev.jsonl"), id, answer, dir);
        assert(false, "accepted");
      } catch (e) {
        assert(e instanceof InputError);
        assertStringIncludes(e.message, why);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the gate REJECTs an eval on a tampered copy against one on the sealed dataset", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const completions = dataPath("rollouts/frozen_rollouts_dev.jsonl");
    const sealed = await runEval({
      dataset: dataPath("datasets/math_dev.jsonl"),
      completions,
      outdir: `${dir}/a`,
      force: false,
      args: [],
    });
    const t = await tamperedCopy(dataPath("datasets/math_dev.jsonl"), "dev-0001", 1036, dir);
    const tampered = await runEval({
      dataset: t.path,
      completions,
      outdir: `${dir}/b`,
      force: false,
      args: [],
    });
    const verdict = await gate(sealed.runPath, tampered.runPath, GATE_DEFAULTS);
    assertEquals(verdict.decision, "REJECT");
    assert(verdict.reasons.some((r) => r.knob === "environment" && r.severity === "violation"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tamperedCopy() writes under the project's runs/ by default", async () => {
  const t = await tamperedCopy(dataPath("datasets/math_dev.jsonl"), "dev-0002", -7);
  try {
    assertEquals(t.path, `${runsPath("tampered")}/tampered_math_dev.jsonl`);
    assertStringIncludes(await Deno.readTextFile(t.path), '"expected_answer":-7');
  } finally {
    await Deno.remove(t.path);
    await Deno.remove(runsPath("tampered")).catch(() => {}); // only when empty
  }
});

Deno.test("tamperedCopy() replaces a link at its target instead of writing through it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/precious.txt`, "keep");
    await Deno.symlink(`${dir}/precious.txt`, `${dir}/tampered_math_dev.jsonl`);
    await tamperedCopy(dataPath("datasets/math_dev.jsonl"), "dev-0001", 1, dir);
    assertEquals(await Deno.readTextFile(`${dir}/precious.txt`), "keep");
    assert(!(await Deno.lstat(`${dir}/tampered_math_dev.jsonl`)).isSymlink);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
