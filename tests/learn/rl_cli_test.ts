/**
 * `deno task rl` end to end: a small run writes the promised files, twice byte for byte, prints
 * one line per evaluation, and its checkpoint loads; bad flags and a base checkpoint given to
 * `--check` are exit 2.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { usageRefusal } from "../refusal.ts";
import { RL } from "../../lib/cli/rl.ts";
import { runSample } from "../../lib/experiments/sample.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import { samplingOptions } from "../../lib/policy/sampler.ts";

const SMALL = [
  "--checkpoint",
  dataPath("policy/base.json"),
  "--dataset",
  dataPath("datasets/small_dev.jsonl"),
  "--holdout",
  "holdout4.jsonl", // the first four holdout prompts, written into the scratch folder
  "--steps",
  "2",
  "--prompts-per-step",
  "2",
  "--group-size",
  "4",
  "--eval-every",
  "1",
  "--eval-prompts",
  "4",
];

Deno.test("deno task rl writes checkpoint, curve, steps, summary and manifest, byte-identical on a rerun", async () => {
  const dir = await scratch();
  const holdout = await Deno.readTextFile(dataPath("datasets/small_holdout.jsonl"));
  await Deno.writeTextFile(
    `${dir}/holdout4.jsonl`,
    holdout.split("\n").slice(0, 4).join("\n") + "\n",
  );
  try {
    for (const out of ["a", "b"]) {
      const r = await runTask("rl", [...SMALL, "--outdir", `runs/${out}`], { cwd: dir });
      assertEquals(r.code, 0, r.stderr);
      assertEquals(r.stdout.split("\n").filter((l) => /^step \d{3} \| proxy /.test(l)).length, 3);
      assertStringIncludes(
        r.stdout.trim().split("\n").at(-1)!,
        `Next: deno task sample --checkpoint runs/${out}/checkpoint.json`,
      );
    }
    for (
      const f of [
        "checkpoint.json",
        "checkpoint.weights.f32",
        "curve.jsonl",
        "steps.jsonl",
        "summary.json",
        "summary.md",
      ]
    ) {
      assertEquals(
        await Deno.readFile(`${dir}/runs/b/${f}`),
        await Deno.readFile(`${dir}/runs/a/${f}`),
        f,
      );
    }
    const m = JSON.parse(await Deno.readTextFile(`${dir}/runs/a/manifest.json`));
    assertEquals([m.kind, m.rubric.name, m.config.steps], ["rl", "final-int-strict", 2]);
    // The checkpoint loads and names itself (what `deno task sample --checkpoint` records).
    await runSample({
      policy: await loadCheckpoint(`${dir}/runs/a/checkpoint.json`),
      dataset: dataPath("datasets/small_dev.jsonl"),
      settings: samplingOptions({ n: 1 }),
      outdir: `${dir}/runs/s`,
      force: false,
      args: [],
    });
    assertStringIncludes(
      await Deno.readTextFile(`${dir}/runs/s/samples.meta.json`),
      "+rl-strict-beta0-seed0",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rl refuses bad flags before any work (exit 2)", () => {
  for (
    const [flags, message] of [
      [["--rubric", "generous"], "--rubric must be one of strict, substring"],
      [["--group-size", "1"], "--group-size must be an integer >= 2"],
      [["--beta", "-1"], "--beta must be a number >= 0"],
    ] as const
  ) assertStringIncludes(usageRefusal(RL, flags), message);
});

Deno.test("deno task rl --check with a base checkpoint is exit 2 and writes nothing", async () => {
  const dir = await scratch();
  try {
    const r = await runTask("rl", ["--check", dataPath("policy/base.json"), "--outdir", "runs/x"], {
      cwd: dir,
    });
    assertEquals(r.code, 2, r.stderr);
    assertStringIncludes(r.stderr, "records no RL run to re-make");
    assert([...Deno.readDirSync(`${dir}/runs`)].length === 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
