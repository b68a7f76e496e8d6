/**
 * `deno task inspect` beyond the groups (those are in eval_test.ts): one row in full with
 * `--id`, a bare `results.jsonl` read like its run folder, a selection run's rescued prompts
 * with sample 0's text next to the chosen text, the warning when the run's scorer is not today's,
 * and a run of another kind refused in words (exit 2), not "no such file". The runs are real
 * (runEval, runSelect) in scratch folders. Most rules run in process, through the functions the
 * task's body calls (lib/cli/inspect.ts); the task itself runs, with its permissions, where its
 * printing is what is tested.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { findRow, inspectRun, openResults, scorerDrift } from "../../lib/measure/inspect.ts";
import { SCORER_NAME, SCORER_VERSION } from "../../lib/instrument/spec.ts";
import { scorerFingerprint } from "../../lib/instrument/fingerprint.ts";
import { rescuedLines, rowStory, scorerDriftLine } from "../../lib/present/inspect_story.ts";
import { inspectStory } from "../../lib/present/eval_story.ts";
import { runBandit } from "../../lib/experiments/bandit.ts";
import { exitTwoLine } from "../refusal.ts";
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

Deno.test("inspect --id with an id the run lacks is exit 2 naming the results file", async () => {
  await inScratch(async (dir) => {
    await evalRun(dir);
    const line = await exitTwoLine(findRow(await openResults(`${dir}/runs/e`), "nope"));
    assertEquals(line, `${dir}/runs/e/results.jsonl: has no row with id "nope"`);
  });
});

Deno.test("inspect reads a bare results.jsonl as it reads the run folder", async () => {
  await inScratch(async (dir) => {
    await evalRun(dir);
    const story = async (run: string) => {
      const result = await inspectRun(run, { onlyFails: true, keep: 2 });
      return inspectStory(result, { runPath: run, topK: 5, show: 2, onlyFails: true });
    };
    const body = (s: string) => s.split("\n").slice(1).join("\n");
    const folder = await story(`${dir}/runs/e`);
    const file = await story(`${dir}/runs/e/results.jsonl`);
    assertEquals(body(file), body(folder));
    assert(file.startsWith(`Inspecting ${dir}/runs/e/results.jsonl: 120 results`), file);
    await Deno.copyFile(`${dir}/runs/e/results.jsonl`, `${dir}/loose.jsonl`); // no manifest beside it
    const loose = await openResults(`${dir}/loose.jsonl`);
    assertEquals([loose.kind, scorerDrift(loose.scorer)], [null, null], "no warning, no kind");
    assertEquals(body(await story(`${dir}/loose.jsonl`)), body(folder));
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
    assertEquals((await openResults(`${dir}/runs/e`)).scorer?.version, SCORER_VERSION);
    const path = `${dir}/runs/e/manifest.json`;
    const m = JSON.parse(await Deno.readTextFile(path));
    await Deno.writeTextFile(path, JSON.stringify({ ...m, scorer_version: "0.9.0" }));
    const r = await inspect(dir, "--run", "runs/e", "--id", "dev-0001");
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stderr.trimEnd().split("\n");
    assertEquals(lines.length, 1, r.stderr);
    assert(lines[0].startsWith(`warning: this run was scored by ${SCORER_NAME} 0.9.0 (`), lines[0]);
    assertStringIncludes(lines[0], `not by the current scorer ${SCORER_NAME} ${SCORER_VERSION}`);
    const drift = async () => scorerDrift((await openResults(`${dir}/runs/e`)).scorer);
    assertEquals(scorerDriftLine((await drift())!), lines[0], "the same line without --id");
    await Deno.writeTextFile(
      path,
      JSON.stringify({ ...m, scorer_fingerprint: "0".repeat(64) }),
    );
    assertStringIncludes(scorerDriftLine((await drift())!), "(000000000000…)");
  });
});

Deno.test("scorerDrift() is null for the current scorer and for a run that records none", () => {
  const current = { name: SCORER_NAME, version: SCORER_VERSION, fingerprint: scorerFingerprint() };
  assertEquals([scorerDrift(current), scorerDrift(null)], [null, null]);
  assertEquals(scorerDrift({ ...current, version: "2.0.0" })?.current, current);
});

Deno.test("inspect on a bandit run says it reads eval and select runs (exit 2)", async () => {
  await inScratch(async (dir) => {
    const bandit = { steps: 3, seed: 0, lr: 0.5, baseline: false, ablationSeeds: 0 };
    await runBandit({ ...bandit, outdir: `${dir}/runs/b`, force: false, args: [] });
    assertEquals(
      await exitTwoLine(openResults(`${dir}/runs/b`)),
      `${dir}/runs/b: is a bandit run: inspect reads eval and select runs (their results.jsonl)`,
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

Deno.test("inspect on a folder with neither manifest nor results says what it reads (exit 2)", async () => {
  await inScratch(async (dir) => {
    await Deno.mkdir(`${dir}/runs/empty`);
    assertEquals(
      await exitTwoLine(openResults(`${dir}/runs/empty`)),
      `${dir}/runs/empty: has no manifest.json and no results.jsonl: inspect reads eval and ` +
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

Deno.test("inspect --id on a rescued prompt shows sample 0's text and code beside the chosen one", async () => {
  await inScratch(async (dir) => {
    const { runPath } = await selectRun(dir);
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    const source = await openResults(runPath);
    const { row, line } = await findRow(source, rows.find((r) => r.rescued)!.id);
    const story = rowStory(row, { path: source.resultsPath, line, kind: source.kind }).join("\n");
    assertStringIncludes(story, "(a select run), every field:");
    const first = row.first_completion as string;
    assertStringIncludes(
      story,
      `  first_completion  ${visible(first)}  (${first.length} characters)`,
    );
    assertStringIncludes(story, `  first_code        ${row.first_code}  (rule: `);
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
