/**
 * `deno task rl:lessons` as a library and end to end: policies named on the command line,
 * recipes grouped from the checkpoints' headers (and refused when a run was not trained from
 * the base), a small measurement written as a run twice byte for byte, the shipped counts'
 * lessons printed without sampling, and bad input as exit 2.
 */
import assertStrict from "node:assert/strict";
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";
import {
  type NamedPolicy,
  recipeOf,
  recipes,
  reportedKs,
} from "../../lib/experiments/rl_lessons.ts";
import {
  measureLessons,
  parsePolicies,
  SHIPPED_POLICIES,
  writeLessonsRun,
} from "../../lib/experiments/rl_lessons_run.ts";
import { shipRlRun } from "../../lib/experiments/rl.ts";
import { runTask, scratch } from "../cli.ts";

const load = async (path: string) => await loadCheckpoint(dataPath(path));

Deno.test("parsePolicies() reads NAME=FILE items and refuses a bare file or a name given twice", () => {
  assertEquals(parsePolicies(["base=data/policy/base.json"]), [
    { name: "base", path: "data/policy/base.json" },
  ]);
  assertStrict.throws(() => parsePolicies(["data/policy/base.json"]), UsageError);
  assertStrict.throws(() => parsePolicies(["a=x", "a=y"]), /given twice/);
});

Deno.test("recipeOf() names a run by its rubric and the settings it changed, never by its seed", async () => {
  const [base, s1, hot] = [
    await load("policy/base.json"),
    await load("policy/rl_strict_seed1/checkpoint.json"),
    await load("policy/rl_lr5e-3_seed2/checkpoint.json"),
  ];
  assertEquals(
    [recipeOf(base.header.training), recipeOf(s1.header.training), recipeOf(hot.header.training)],
    [null, "strict", "strict, lr 0.005"],
  );
});

Deno.test("recipes() groups the shipped runs into the default recipe, the over-optimised one and substring", async () => {
  const named: NamedPolicy[] = [];
  for (const p of SHIPPED_POLICIES) {
    named.push({ name: p.name, policy: await load(p.path.replace(/^data\//, "")) });
  }
  assertEquals(recipes(named), {
    base: "base",
    recipes: [
      { recipe: "strict", policies: ["rl_strict", "rl_strict_seed1", "rl_strict_seed2"] },
      {
        recipe: "strict, lr 0.005",
        policies: ["rl_lr5e-3_seed0", "rl_lr5e-3_seed1", "rl_lr5e-3_seed2"],
      },
      { recipe: "substring", policies: ["rl_substring"] },
    ],
  });
  const other = { ...named[0].policy, sha256: "0".repeat(64), path: "other.json" };
  assertStrict.throws(() => recipes([{ name: "b", policy: other }, named[1]]), /not trained from/);
});

Deno.test("reportedKs() doubles from 1 and ends at n", () => {
  assertEquals([reportedKs(512).length, reportedKs(512).at(-1), reportedKs(12)], [10, 512, [
    1,
    2,
    4,
    8,
    12,
  ]]);
});

Deno.test("a small measurement writes counts, lessons and summary, byte for byte on a rerun", async () => {
  const dir = await scratch();
  const test = await Deno.readTextFile(dataPath("datasets/small_test.jsonl"));
  await Deno.writeTextFile(`${dir}/five.jsonl`, test.split("\n").slice(0, 5).join("\n") + "\n");
  try {
    const input = {
      policies: SHIPPED_POLICIES.slice(0, 3),
      dataset: `${dir}/five.jsonl`,
      settings: { n: 4, seed: 1, temperature: 1, maxTokens: 48 },
    };
    for (const out of ["a", "b"]) {
      const m = await measureLessons(input);
      await writeLessonsRun(m, { outdir: `${dir}/runs/${out}`, args: [] });
    }
    for (const f of ["counts.jsonl", "lessons.json", "summary.md"]) {
      assertEquals(
        await Deno.readTextFile(`${dir}/runs/b/${f}`),
        await Deno.readTextFile(`${dir}/runs/a/${f}`),
      );
    }
    const lessons = JSON.parse(await Deno.readTextFile(`${dir}/runs/a/lessons.json`));
    assertEquals([lessons.prompts, lessons.recipes[0].policies.length], [5, 2]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task rl:lessons --shipped prints both recipes' lessons from the shipped counts", async () => {
  const r = await runTask("rl:lessons", ["--shipped"]);
  assertEquals(r.code, 0, r.stderr);
  for (const s of ["recipe strict: rl_strict,", "recipe strict, lr 0.005:", "pass@1 in parts"]) {
    assertStringIncludes(r.stdout, s);
  }
});

Deno.test("deno task rl:lessons with a policy that is not NAME=FILE is exit 2, writing nothing", async () => {
  const dir = await scratch();
  try {
    const r = await runTask("rl:lessons", ["--policies", "data/policy/base.json"], { cwd: dir });
    assertEquals(r.code, 2);
    assertStringIncludes(r.stderr, "is not NAME=FILE");
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("shipRlRun() refuses a name that is not one folder under data/policy/", async () => {
  for (const bad of ["../x", "a/b", ".hidden", ""]) {
    await assertStrict.rejects(() => shipRlRun(bad, null as never), /not a folder name/);
  }
});
