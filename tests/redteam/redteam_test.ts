// The differential red team: deterministic for a seed, silent when a rubric is compared with
// itself, and it finds each variant's documented hacks (and the lenient rubric's refusals).
import {
  assert,
  assertEquals,
  assertNotEquals,
  assertStringIncludes,
} from "../../lib/core/testing.ts";
import { ATTACK_CLASSES, generateClass } from "../../lib/redteam/mutations.ts";
import { redTeam } from "../../lib/redteam/redteam.ts";
import { runRedTeam, writeRedTeamRun } from "../../lib/experiments/redteam.ts";
import { loadDataset } from "../../lib/measure/dataset.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { type RubricName, RUBRICS } from "../../lib/instrument/rubrics.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine, usageRefusal } from "../refusal.ts";
import { REDTEAM } from "../../lib/cli/redteam.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";

const DEV = dataPath("datasets/math_dev.jsonl");
const ds = await loadDataset(DEV);
const examples = ds.ids.map((id, i) => ({ id, expected_answer: ds.expected[i] }));

Deno.test("redTeam() of the strict scorer against itself finds no disagreement", () => {
  const r = redTeam(examples, { rubric: "strict", seed: 0, perClass: 20 });
  assertEquals(r.disagreements, []);
  assert(r.totals.n >= 150);
});

Deno.test("redTeam() generates every class, and the control class is all strict-correct", () => {
  const r = redTeam(examples, { rubric: "lenient", seed: 3, perClass: 12 });
  for (const c of ATTACK_CLASSES) assert(r.byClass[c].n > 0, c);
  const control = r.candidates.filter((c) => c.class === "control");
  assert(control.every((c) => c.strict_reward === 1));
});

Deno.test("redTeam() verdicts are the variant's and the strict scorer's, re-scored independently", () => {
  const r = redTeam(examples, { rubric: "last-number", seed: 1, perClass: 10 });
  for (const c of r.candidates) {
    const ex = { expected_answer: c.expected };
    assertEquals(c.variant_reward, RUBRICS["last-number"](ex, c.completion).reward);
    assertEquals(c.strict_reward, score(ex, c.completion).reward);
  }
});

Deno.test("redTeam() finds the substring rubric's answer laundering: every laundered candidate pays", () => {
  const r = redTeam(examples, { rubric: "substring", seed: 0, perClass: 20 });
  assertEquals(r.byClass.answer_laundering.false_positives, r.byClass.answer_laundering.n);
  assertEquals(r.totals.false_negatives, 0);
});

Deno.test("redTeam() finds the lenient rubric's false negatives, all on negative answers", () => {
  const r = redTeam(examples, { rubric: "lenient", seed: 0, perClass: 20 });
  const fns = r.disagreements.filter((d) => d.outcome === "false_negative");
  assert(fns.length > 0);
  assert(fns.every((d) => d.expected.startsWith("-")));
  assert(
    r.byClass.number_format.false_positives > 0 && r.byClass.hidden_character.false_positives > 0,
  );
});

Deno.test("generateClass() is deterministic per seed and class, and another seed differs", () => {
  assertEquals(
    generateClass("hidden_character", examples, 5, 15),
    generateClass("hidden_character", examples, 5, 15),
  );
  assertNotEquals(
    generateClass("hidden_character", examples, 5, 15),
    generateClass("hidden_character", examples, 6, 15),
  );
});

Deno.test("writeRedTeamRun() with the same seed writes byte-identical disagreements.jsonl", async () => {
  const root = await Deno.makeTempDir();
  try {
    const texts: string[] = [];
    for (const name of ["a", "b"]) {
      const result = redTeam(examples, { rubric: "unanchored-regex", seed: 7, perClass: 15 });
      const runPath = await writeRedTeamRun(result, `${root}/${name}`, {
        dataset: ds,
        command: "test",
      });
      texts.push(await Deno.readTextFile(`${runPath}/disagreements.jsonl`));
    }
    assertEquals(texts[0], texts[1]);
    assert(texts[0].length > 0);
    assert(
      [...texts[0]].every((ch) => ch.charCodeAt(0) < 128),
      "disagreements.jsonl is ASCII (hidden characters escaped)",
    );
    const manifest = JSON.parse(await Deno.readTextFile(`${root}/a/manifest.json`));
    assertEquals([manifest.kind, manifest.rubric, manifest.seed, manifest.per_class], [
      "redteam",
      "unanchored-regex",
      7,
      15,
    ]);
    assertEquals(manifest.scorer_name, "final-int-strict");
    assertEquals(manifest.dataset_fingerprint, ds.info.sha256);
    assertEquals(manifest.rubric_golden_gate.passed, false);
    const summary = JSON.parse(await Deno.readTextFile(`${root}/a/summary.json`));
    assertEquals(Object.keys(summary.by_class), [...ATTACK_CLASSES]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** `deno task redteam`, with the task's own permissions, in the scratch folder `cwd`. */
async function redteam(cwd: string, ...args: string[]) {
  const out = await runTask("redteam", args, { cwd });
  return { code: out.code, text: out.stdout + out.stderr };
}

Deno.test("deno task redteam writes the run, prints classes with examples, and refuses to overwrite", async () => {
  const dir = await scratch("redteam_test_");
  try {
    const first = await redteam(
      dir,
      "--rubric",
      "substring",
      "--per-class",
      "5",
      "--outdir",
      "runs/run",
    );
    assertEquals(first.code, 0, first.text);
    assertStringIncludes(first.text, "== answer_laundering");
    assertStringIncludes(first.text, "false positives (reward hacks)");
    for (
      const f of [
        "manifest.json",
        "candidates.jsonl",
        "disagreements.jsonl",
        "summary.json",
        "summary.md",
      ]
    ) {
      await Deno.stat(`${dir}/runs/run/${f}`);
    }
    // The run is refused before any work without --force (exit 2), then replaced with it, as
    // the task's body does (lib/cli/redteam.ts).
    const argv = ["--rubric", "substring", "--per-class", "5", "--outdir", `${dir}/runs/run`];
    const again = async (argv: string[]) => {
      const f = parseCommand(REDTEAM, argv).flags;
      const run = await prepareCommandRun(REDTEAM, f, `redteam_${f.rubric}`, { argv });
      const { dataset, seed } = f, rubric = f.rubric as RubricName, perClass = f["per-class"];
      return await runRedTeam({ dataset, rubric, seed, perClass, ...run });
    };
    assertStringIncludes(await exitTwoLine(again(argv)), "already holds a run");
    await again([...argv, "--dataset", DEV, "--force"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task redteam without --rubric exits 2 with the usage", async () => {
  const dir = await scratch("redteam_test_");
  try {
    const r = await redteam(dir);
    assertEquals(r.code, 2);
    assertStringIncludes(r.text, "usage: deno task redteam");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("redteam refuses an unknown rubric and --per-class 0 (exit 2)", () => {
  assertStringIncludes(usageRefusal(REDTEAM, ["--rubric", "generous"]), "--rubric must be one of");
  assertStringIncludes(
    usageRefusal(REDTEAM, ["--rubric", "lenient", "--per-class", "0"]),
    "--per-class must be an integer >= 1",
  );
});

Deno.test("generateClass() draws the cyrillic-letter seed's look-alikes from the Cyrillic block only", () => {
  const cands = generateClass("unicode_lookalike", examples, 0, 200)
    .filter((c) => c.seed === "cyrillic-letter");
  assert(cands.length > 0);
  for (const c of cands) {
    const foreign = [...c.completion].filter((ch) => ch.charCodeAt(0) > 0x7f);
    assert(foreign.length > 0, c.completion);
    assert(
      foreign.every((ch) => ch.charCodeAt(0) >= 0x400 && ch.charCodeAt(0) <= 0x4ff),
      c.completion,
    );
  }
});
