/**
 * `deno task inspect` beyond the groups (those are in eval_test.ts): one row in full with
 * `--id`, a bare `results.jsonl` read like its run folder, a selection run's rescued prompts
 * with sample 0's text next to the chosen text, the warning when the run's scorer is not today's,
 * and a run of another kind refused in words (exit 2), not "no such file". The runs are real
 * (runEval, runSelect) in scratch folders; the CLI runs with its task's permissions.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { findRow, inspectRun, openResults, scorerDrift } from "../../lib/measure/inspect.ts";
import { SCORER_NAME, SCORER_VERSION } from "../../lib/instrument/spec.ts";
import { scorerFingerprint } from "../../lib/instrument/fingerprint.ts";
import { rescuedLines } from "../../lib/present/inspect_story.ts";
import { visible } from "../../lib/core/visible.ts";
import { runTask, scratch } from "../cli.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const CO = dataPath("rollouts/frozen_rollouts_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");

const inspect = (dir: string, ...args: string[]) => runTask("inspect", args, { cwd: dir });
const readJsonl = async (path: string) =>
  (await Deno.readTextFile(path)).trimEnd().split("\n").map((l) => JSON.parse(l));

async function inScratch(body: (dir: string) => Promise<void>) {
  const dir = await scratch("inspect_test_");
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const evalRun = (dir: string, completions = CO, name = "e") =>
  runEval({ dataset: DS, completions, outdir: `${dir}/runs/${name}`, force: false, args: [] });
const selectRun = (dir: string) =>
  runSelect({
    dataset: DS,
    samples: PACK,
    n: 4,
    outdir: `${dir}/runs/s`,
    force: false,
    plot: false,
    args: [],
  });

Deno.test("deno task inspect --id shows one row in full: every field, the completion made visible, the message", async () => {
  await inScratch(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/c.jsonl`,
      '{"id":"dev-0002","completion":"Final: 9\\u00a0\\nthanks","logprob":-4,"ref_logprob":-5}\n',
    );
    await evalRun(dir, `${dir}/c.jsonl`);
    const r = await inspect(dir, "--run", "runs/e", "--id", "dev-0002");
    assertEquals([r.code, r.stderr], [0, ""]);
    const lines = r.stdout.trimEnd().split("\n");
    assertEquals(lines[0], 'Row "dev-0002" of runs/e/results.jsonl:1 (an eval run), every field:');
    const fields = lines.slice(1, -1).map((l) => l.trim().split(/\s+/)[0]);
    assertEquals(fields, [
      "id",
      "reward",
      "code",
      "answer",
      "expected",
      "message",
      "completion",
      "logprob",
      "ref_logprob",
      "kl",
    ]);
    assertStringIncludes(r.stdout, "  completion   Final:␣9\\u{00A0}\\nthanks  (16 characters)");
    assertStringIncludes(r.stdout, "  code         not_single_line  (rule: ");
    assertStringIncludes(r.stdout, "  kl           1\n");
    const [row] = await readJsonl(`${dir}/runs/e/results.jsonl`);
    assertStringIncludes(r.stdout, `  message      ${row.message}\n`);
  });
});

Deno.test("deno task inspect --id with an id the run lacks is exit 2 naming the results file", async () => {
  await inScratch(async (dir) => {
    await evalRun(dir);
    const r = await inspect(dir, "--run", "runs/e", "--id", "nope");
    assertEquals(r.code, 2);
    assertEquals(r.stderr.trim(), 'error: runs/e/results.jsonl: has no row with id "nope"');
  });
});

Deno.test("deno task inspect reads a bare results.jsonl as it reads the run folder", async () => {
  await inScratch(async (dir) => {
    await evalRun(dir);
    const folder = await inspect(dir, "--run", "runs/e", "--only-fails");
    const file = await inspect(dir, "--run", "runs/e/results.jsonl", "--only-fails");
    assertEquals([folder.code, file.code], [0, 0]);
    const body = (s: string) => s.split("\n").slice(1).join("\n");
    assertEquals(body(file.stdout), body(folder.stdout));
    assert(file.stdout.startsWith("Inspecting runs/e/results.jsonl: 120 results"), file.stdout);
    await Deno.copyFile(`${dir}/runs/e/results.jsonl`, `${dir}/loose.jsonl`); // no manifest beside it
    const loose = await inspect(dir, "--run", "loose.jsonl", "--only-fails");
    assertEquals([loose.code, loose.stderr, body(loose.stdout)], [0, "", body(folder.stdout)]);
  });
});

Deno.test("runSelect() keeps sample 0's text and code exactly when another sample was chosen", async () => {
  await inScratch(async (dir) => {
    const { runPath, summary } = await selectRun(dir);
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    const pack = await readJsonl(PACK);
    for (const [k, row] of rows.entries()) {
      if (row.chosen === 0) {
        assert(!("first_completion" in row) && !("first_code" in row), row.id);
      } else {
        assertEquals(row.first_completion, pack[k].samples[0], row.id);
        assertEquals(row.first_code === "ok", row.reward_first === 1, row.id);
      }
    }
    assertEquals(rows.filter((r) => r.rescued).length, summary.rescued);
  });
});

Deno.test("deno task inspect on a select run shows rescued prompts with sample 0's text next to the chosen text", async () => {
  await inScratch(async (dir) => {
    const { summary } = await selectRun(dir);
    const r = await inspect(dir, "--run", "runs/s", "--show", "3");
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(
      r.stdout,
      `Rescued by selection: ${summary.rescued} prompt(s) whose sample 0 failed and whose ` +
        "chosen sample passed (the first 3 shown; raise --show):",
    );
    const result = await inspectRun(`${dir}/runs/s`, { keep: 3 });
    const first = result.rescued!.rows[0];
    assertEquals(result.rescued!.count, summary.rescued);
    assertStringIncludes(r.stdout, `  - ${first.id}\n      sample 0  (${first.first_code})`);
    assertStringIncludes(r.stdout, `      chosen ${first.chosen}  (ok)`);
    const evalInspect = await inspectRun(`${(await evalRun(dir)).runPath}`);
    assertEquals(evalInspect.rescued, null, "an eval run has no rescued prompts");
  });
});

Deno.test("deno task inspect warns in one line on stderr when the run's scorer is not the current one", async () => {
  await inScratch(async (dir) => {
    await evalRun(dir);
    assertEquals((await inspect(dir, "--run", "runs/e")).stderr, "", "today's scorer: no warning");
    const path = `${dir}/runs/e/manifest.json`;
    const m = JSON.parse(await Deno.readTextFile(path));
    await Deno.writeTextFile(path, JSON.stringify({ ...m, scorer_version: "0.9.0" }));
    for (const args of [["--run", "runs/e"], ["--run", "runs/e", "--id", "dev-0001"]]) {
      const r = await inspect(dir, ...args);
      assertEquals(r.code, 0, r.stderr);
      const lines = r.stderr.trimEnd().split("\n");
      assertEquals(lines.length, 1, r.stderr);
      assert(
        lines[0].startsWith(`warning: this run was scored by ${SCORER_NAME} 0.9.0 (`),
        lines[0],
      );
      assertStringIncludes(lines[0], `not by the current scorer ${SCORER_NAME} ${SCORER_VERSION}`);
    }
    await Deno.writeTextFile(
      path,
      JSON.stringify({ ...m, scorer_fingerprint: "0".repeat(64) }),
    );
    assertStringIncludes((await inspect(dir, "--run", "runs/e")).stderr, "(000000000000…)");
  });
});

Deno.test("scorerDrift() is null for the current scorer and for a run that records none", () => {
  const current = { name: SCORER_NAME, version: SCORER_VERSION, fingerprint: scorerFingerprint() };
  assertEquals([scorerDrift(current), scorerDrift(null)], [null, null]);
  assertEquals(scorerDrift({ ...current, version: "2.0.0" })?.current, current);
});

Deno.test("deno task inspect on a bandit run says it reads eval and select runs (exit 2)", async () => {
  await inScratch(async (dir) => {
    const b = await runTask("bandit", ["--steps", "3", "--outdir", "runs/b"], { cwd: dir });
    assertEquals(b.code, 0, b.stderr);
    const r = await inspect(dir, "--run", "runs/b");
    assertEquals(r.code, 2);
    assertEquals(
      r.stderr.trim(),
      "error: runs/b: is a bandit run: inspect reads eval and select runs (their results.jsonl)",
    );
  });
});

Deno.test("openResults() refuses every run kind but eval and select, naming the kind", async () => {
  await inScratch(async (dir) => {
    for (const kind of ["mdp", "kl", "rl", "sample", "rollouts", "redteam"]) {
      await Deno.mkdir(`${dir}/runs/${kind}`);
      await Deno.writeTextFile(`${dir}/runs/${kind}/manifest.json`, JSON.stringify({ kind }));
      let message = "";
      await openResults(`${dir}/runs/${kind}`).catch((e) => message = e.message);
      assertStringIncludes(message, `is a ${kind} run: inspect reads eval and select runs`);
    }
  });
});

Deno.test("deno task inspect on a folder with neither manifest nor results says what it reads (exit 2)", async () => {
  await inScratch(async (dir) => {
    await Deno.mkdir(`${dir}/runs/empty`);
    const r = await inspect(dir, "--run", "runs/empty");
    assertEquals(r.code, 2);
    assertEquals(
      r.stderr.trim(),
      "error: runs/empty: has no manifest.json and no results.jsonl: inspect reads eval and " +
        "select runs",
    );
  });
});

Deno.test("findRow() returns the row as written and its line", async () => {
  await inScratch(async (dir) => {
    const { runPath } = await evalRun(dir);
    const source = await openResults(runPath);
    const { row, line } = await findRow(source, "dev-0003");
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    assertEquals([row, line], [rows[2], 3]);
    assertEquals([source.kind, source.scorer?.version], ["eval", SCORER_VERSION]);
  });
});

Deno.test("deno task inspect --id on a rescued prompt shows sample 0's text and code beside the chosen one", async () => {
  await inScratch(async (dir) => {
    const { runPath } = await selectRun(dir);
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    const row = rows.find((r) => r.rescued)!;
    const r = await inspect(dir, "--run", "runs/s", "--id", row.id);
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(r.stdout, "(a select run), every field:");
    assertStringIncludes(
      r.stdout,
      `  first_completion  ${
        visible(row.first_completion)
      }  (${row.first_completion.length} characters)`,
    );
    assertStringIncludes(r.stdout, `  first_code        ${row.first_code}  (rule: `);
  });
});

Deno.test("rescuedLines() says when a run made before first_completion did not keep sample 0's text", () => {
  const row = { id: "q", reward: 1, code: "ok", message: "", completion: "Final: 3", chosen: 1 };
  assertEquals(rescuedLines({ count: 1, rows: [row] }, 5).slice(1), [
    "  - q",
    "      sample 0  (?)   (not recorded: a run made before results.jsonl kept sample 0's text)",
    "      chosen 1  (ok)  Final:␣3",
  ]);
  assertEquals(rescuedLines({ count: 0, rows: [] }, 5), [
    "No prompt was rescued: selection changed no failure into a pass.",
  ]);
});
