/**
 * Loop A end to end: `runEval` and the `eval`/`inspect`/`demo` CLIs, run with the exact
 * permissions of their tasks (read from deno.json by `tests/cli.ts`) in a scratch folder (so
 * `--allow-write=runs` means the scratch folder's `runs/`).
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { MISSING_COMPLETION, runEval } from "../../lib/experiments/eval.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { SCORER_VERSION } from "../../lib/instrument/spec.ts";
import { scorerFingerprint } from "../../lib/instrument/scorer.ts";
import { sha256File } from "../../lib/core/hash.ts";
import { groupResults, inspectRun } from "../../lib/measure/inspect.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine } from "../refusal.ts";
import { EVAL } from "../../lib/cli/eval.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun, runPathFor } from "../../lib/cli/_framework/run_target.ts";

const DS = dataPath("datasets/math_dev.jsonl");
const CO = dataPath("rollouts/frozen_rollouts_dev.jsonl");

/** `deno task <name>`, with the task's own permissions, in the scratch folder `cwd`. */
const task = (name: string, args: string[], cwd: string) => runTask(name, args, { cwd });

/**
 * `deno task eval <argv>` in process, as its body runs it (lib/cli/eval.ts): the flags parsed
 * from the task's table (a refused flag throws before anything else), the run folder prepared,
 * then `runEval`. An error it throws is what the task prints, with its exit class.
 */
async function evalAsTheTask(argv: string[]) {
  const f = parseCommand(EVAL, argv).flags;
  const run = await prepareCommandRun(EVAL, f, "eval", { argv });
  return await runEval({ dataset: f.dataset, completions: f.completions, max: f.max, ...run });
}

async function lines(path: string): Promise<string[]> {
  return (await Deno.readTextFile(path)).trimEnd().split("\n");
}

async function write(path: string, rows: unknown[] | string) {
  await Deno.writeTextFile(
    path,
    typeof rows === "string" ? rows : rows.map((r) => JSON.stringify(r)).join("\n") + "\n",
  );
}

// --- runEval -----------------------------------------------------------------------------------

Deno.test("runEval() writes manifest, results, summary.json and summary.md with the pass rate", async () => {
  const dir = await scratch();
  const { runPath, summary } = await runEval({
    dataset: DS,
    completions: CO,
    outdir: `${dir}/runs/a`,
    force: false,
    args: [],
  });
  assertEquals([
    summary.n,
    summary.passes +
    Object.entries(summary.codes).filter(([c]) => c !== "ok").reduce((s, [, k]) => s + k, 0),
  ], [120, 120]);
  assert(summary.pass_rate < 0.5, "the frozen policy is weak");
  assert(summary.ci95[0] < summary.pass_rate && summary.pass_rate < summary.ci95[1]);
  const manifest = JSON.parse(await Deno.readTextFile(`${runPath}/manifest.json`));
  assertEquals(manifest.dataset_fingerprint, (await sha256File(DS)).sha256);
  assertEquals([manifest.scorer_version, manifest.scorer_fingerprint], [
    SCORER_VERSION,
    scorerFingerprint(),
  ]);
  assertEquals(manifest.sampling.policy, "sim-weak-v1");
  assertEquals(manifest.inputs.completions.rows, 120);
  assert(/^[0-9a-f]{64}$/.test(manifest.prompts_fingerprint));
  assertEquals((await lines(`${runPath}/results.jsonl`)).length, 120);
  assertStringIncludes(await Deno.readTextFile(`${runPath}/summary.md`), `${summary.passes}/120`);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEval() result lines are compact and explainable: id, reward, code, message, answer, expected, completion", async () => {
  const dir = await scratch();
  const { runPath } = await runEval({
    dataset: DS,
    completions: CO,
    outdir: `${dir}/runs/a`,
    force: false,
    args: [],
  });
  for (const line of await lines(`${runPath}/results.jsonl`)) {
    const row = JSON.parse(line);
    for (const k of ["id", "reward", "code", "message", "answer", "expected", "completion"]) {
      assert(k in row, k);
    }
    assert(!("rules" in row) && line.length < 600);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEval() is deterministic: the same inputs give byte-identical results.jsonl", async () => {
  const dir = await scratch();
  await runEval({ dataset: DS, completions: CO, outdir: `${dir}/runs/a`, force: false, args: [] });
  await runEval({ dataset: DS, completions: CO, outdir: `${dir}/runs/b`, force: false, args: [] });
  assertEquals(
    await Deno.readTextFile(`${dir}/runs/a/results.jsonl`),
    await Deno.readTextFile(`${dir}/runs/b/results.jsonl`),
  );
  const sa = JSON.parse(await Deno.readTextFile(`${dir}/runs/a/summary.json`));
  const sb = JSON.parse(await Deno.readTextFile(`${dir}/runs/b/summary.json`));
  assertEquals(sa, sb);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEval() counts an example without a completion as missing_completion", async () => {
  const dir = await scratch();
  const co = (await lines(CO)).slice(1).join("\n") + "\n";
  await write(`${dir}/co.jsonl`, co);
  const { runPath, summary } = await runEval({
    dataset: DS,
    completions: `${dir}/co.jsonl`,
    outdir: `${dir}/runs/a`,
    force: false,
    args: [],
  });
  assertEquals([summary.missing_completions, summary.codes[MISSING_COMPLETION]], [1, 1]);
  const last = JSON.parse((await lines(`${runPath}/results.jsonl`)).at(-1)!);
  assertEquals([last.id, last.code, last.reward], ["dev-0001", MISSING_COMPLETION, 0]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEval() reads inputs from anywhere, e.g. a dataset copied to a temporary folder", async () => {
  const dir = await scratch();
  await Deno.copyFile(DS, `${dir}/copy.jsonl`);
  const { summary } = await runEval({
    dataset: `${dir}/copy.jsonl`,
    completions: CO,
    outdir: `${dir}/runs/a`,
    force: false,
    args: [],
  });
  assertEquals(summary.n, 120);
  await Deno.remove(dir, { recursive: true });
});

// --- The eval CLI ------------------------------------------------------------------------------

Deno.test("deno task eval prints the pass rate, the failures by code and the run's path", async () => {
  const dir = await scratch();
  const r = await task(
    "eval",
    ["--dataset", DS, "--completions", CO, "--outdir", "runs/good"],
    dir,
  );
  assertEquals(r.code, 0, r.stderr);
  assert(/Pass rate: \d+\/120 = \d+\.\d% \(95% CI \d+\.\d%–\d+\.\d%\)/.test(r.stdout), r.stdout);
  assertStringIncludes(r.stdout, "wrong_answer");
  assertStringIncludes(r.stdout, "run written to runs/good (");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("eval without --outdir makes a fresh runs/eval_<timestamp>, writing nothing to pick it", async () => {
  const dir = await scratch();
  const f = parseCommand(EVAL, ["--dataset", DS, "--completions", CO]).flags;
  const path = await runPathFor(f.outdir, "eval");
  assert(/^runs\/eval_\d{8}T\d{6}Z$/.test(path), path);
  assertEquals([...Deno.readDirSync(`${dir}/runs`)], []);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("eval refuses an existing non-empty --outdir (exit 2) unless --force", async () => {
  const dir = await scratch();
  const argv = ["--dataset", DS, "--completions", CO, "--outdir", `${dir}/runs/x`];
  await evalAsTheTask(argv);
  const before = await Deno.readTextFile(`${dir}/runs/x/manifest.json`);
  assertStringIncludes(await exitTwoLine(evalAsTheTask(argv)), "runs/x");
  assertEquals(await Deno.readTextFile(`${dir}/runs/x/manifest.json`), before);
  await evalAsTheTask([...argv, "--force"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task eval refuses an --outdir outside runs/ with exit 2", async () => {
  const dir = await scratch();
  const r = await task("eval", [
    "--dataset",
    DS,
    "--completions",
    CO,
    "--outdir",
    `${dir}/elsewhere`,
  ], dir);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, "runs/");
  await Deno.remove(dir, { recursive: true });
});

/** A bad-input case: the files to write, the flags, the text the error must contain. */
type BadCase = {
  name: string;
  files: Record<string, unknown[] | string>;
  args: (d: string) => string[];
  want: string;
};

const dsLines = (await Deno.readTextFile(DS)).trimEnd().split("\n").map((l) => JSON.parse(l));
const coLines = (await Deno.readTextFile(CO)).trimEnd().split("\n").map((l) => JSON.parse(l));
const withRow = (rows: unknown[], i: number, row: unknown) =>
  rows.map((r, j) => (j === i ? row : r));

const BAD: BadCase[] = [
  {
    name: "malformed JSON in the dataset",
    files: {
      "d.jsonl": dsLines.slice(0, 3).map((r) => JSON.stringify(r)).join("\n") +
        '\n{"id": "x", "prompt": \n',
    },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: "d.jsonl:4: malformed JSON",
  },
  {
    name: "a missing expected_answer",
    files: { "d.jsonl": withRow(dsLines, 2, { id: "dev-0003", prompt: "p" }) },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: "d.jsonl:3: missing field 'expected_answer'",
  },
  {
    name: "a float expected_answer",
    files: { "d.jsonl": withRow(dsLines, 2, { ...dsLines[2], expected_answer: 3.7 }) },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: "d.jsonl:3: expected_answer 3.7 is not an integer",
  },
  {
    name: "a non-canonical expected_answer string",
    files: { "d.jsonl": withRow(dsLines, 1, { ...dsLines[1], expected_answer: "0323" }) },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: "d.jsonl:2:",
  },
  {
    name: "a prompt of the wrong type",
    files: { "d.jsonl": withRow(dsLines, 0, { ...dsLines[0], prompt: 5 }) },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: "d.jsonl:1: field 'prompt' must be a string",
  },
  {
    name: "a duplicate id in the dataset",
    files: { "d.jsonl": [...dsLines, dsLines[1]] },
    args: (d) => ["--dataset", `${d}/d.jsonl`, "--completions", CO],
    want: `d.jsonl:121: duplicate id "dev-0002" (first at line 2)`,
  },
  {
    name: "malformed JSON in the completions",
    files: {
      "c.jsonl": [
        ...coLines.slice(0, 4).map((r) => JSON.stringify(r)),
        "not json",
        ...coLines.slice(4).map((r) => JSON.stringify(r)),
      ].join("\n") + "\n",
    },
    args: (d) => ["--dataset", DS, "--completions", `${d}/c.jsonl`],
    want: "c.jsonl:5: malformed JSON",
  },
  {
    name: "a completion for an unknown id",
    files: { "c.jsonl": [...coLines, { id: "no-such-id-zz", completion: "Final: 1" }] },
    args: (d) => ["--dataset", DS, "--completions", `${d}/c.jsonl`],
    want: `c.jsonl:121: id "no-such-id-zz" is not in the dataset`,
  },
  {
    name: "a duplicate completion",
    files: { "c.jsonl": [...coLines, coLines[0]] },
    args: (d) => ["--dataset", DS, "--completions", `${d}/c.jsonl`],
    want: `c.jsonl:121: duplicate id "dev-0001" (first at line 1)`,
  },
  {
    name: "a completion that is not a string",
    files: { "c.jsonl": withRow(coLines, 0, { id: "dev-0001", completion: null }) },
    args: (d) => ["--dataset", DS, "--completions", `${d}/c.jsonl`],
    want: "c.jsonl:1: field 'completion' must be a string",
  },
  {
    name: "a missing file",
    files: {},
    args: (d) => ["--dataset", `${d}/nope.jsonl`, "--completions", CO],
    want: "nope.jsonl: no such file",
  },
  {
    name: "an empty file",
    files: { "empty.jsonl": "" },
    args: (d) => ["--dataset", `${d}/empty.jsonl`, "--completions", CO],
    want: "empty.jsonl: file is empty",
  },
  {
    name: "an unknown flag",
    files: {},
    args: () => ["--dataset", DS, "--completions", CO, "--bogus-flag", "1"],
    want: "bogus-flag",
  },
  {
    name: "a missing required flag",
    files: {},
    args: () => ["--dataset", DS],
    want: "--completions is required",
  },
];

for (const c of BAD) {
  Deno.test(`eval rejects ${c.name}: exit 2, names it, writes nothing`, async () => {
    const dir = await scratch();
    for (const [name, rows] of Object.entries(c.files)) await write(`${dir}/${name}`, rows);
    const argv = [...c.args(dir), "--outdir", `${dir}/runs/bad`];
    assertStringIncludes(await exitTwoLine(evalAsTheTask(argv)), c.want);
    assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0, "nothing may be left under runs/");
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("deno task eval rejects malformed JSON in the dataset: exit 2, one line, writes nothing", async () => {
  const dir = await scratch();
  const c = BAD[0];
  for (const [name, rows] of Object.entries(c.files)) await write(`${dir}/${name}`, rows);
  const r = await task("eval", [...c.args(dir), "--outdir", "runs/bad"], dir);
  assertEquals([r.code, r.stderr.trim().split("\n").length], [2, 1], r.stdout + r.stderr);
  assertStringIncludes(r.stderr, `error: ${dir}/${c.want}`);
  assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0, "nothing may be left under runs/");
  await Deno.remove(dir, { recursive: true });
});

// --- Inspect -------------------------------------------------------------------------------------

Deno.test("groupResults() orders groups largest first, ties by code name", () => {
  const row = (code: string) => ({
    id: code,
    reward: code === "ok" ? 1 : 0,
    code,
    message: "",
    completion: "",
  });
  const groups = groupResults(["b", "a", "c", "c", "ok"].map(row));
  assertEquals(groups.map((g) => g.code), ["c", "a", "b", "ok"]);
});

Deno.test("inspectRun() with onlyFails leaves rewarded lines out and keeps `keep` rows per group", async () => {
  const dir = await scratch();
  const { runPath, summary } = await runEval({
    dataset: DS,
    completions: CO,
    outdir: `${dir}/runs/a`,
    force: false,
    args: [],
  });
  const r = await inspectRun(runPath, { onlyFails: true, keep: 2 });
  assertEquals(r.groups.reduce((s, g) => s + g.count, 0), summary.n - summary.passes);
  assert(r.groups.every((g) => g.code !== "ok" && g.rows.length <= 2));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task inspect shows failures by code with visible whitespace and the scorer's message", async () => {
  const dir = await scratch();
  await write(`${dir}/c.jsonl`, [
    { id: "dev-0001", completion: "Final:  1035" },
    { id: "dev-0002", completion: "Final: 9\u00a0" },
    { id: "dev-0003", completion: "Final: 3" },
  ]);
  await evalAsTheTask([
    "--dataset",
    DS,
    "--completions",
    `${dir}/c.jsonl`,
    "--outdir",
    `${dir}/runs/i`,
  ]);
  const r = await task("inspect", [
    "--run",
    "runs/i",
    "--only-fails",
    "--top-k",
    "5",
    "--show",
    "2",
  ], dir);
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(r.stdout, "== missing_completion (117)");
  assertStringIncludes(r.stdout, "Final:␣␣1035");
  assertStringIncludes(r.stdout, "Final:␣9\\u{00A0}");
  assertStringIncludes(r.stdout, "why: Exactly one space must separate");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task inspect on a missing run exits 2 naming it", async () => {
  const dir = await scratch();
  const r = await task("inspect", ["--run", "runs/nope"], dir);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, "runs/nope");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("deno task demo tours Loop A: pass rate, failure groups, where the run is", async () => {
  const dir = await scratch();
  const r = await task("demo", [], dir);
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(r.stdout, "Pass rate: ");
  assertStringIncludes(r.stdout, "SYNTHETIC");
  assertStringIncludes(r.stdout, "run written to runs/demo_");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("resultLine() is byte for byte JSON.stringify of the row, on every kind of string", async () => {
  const { resultLine, resultRow } = await import("../../lib/experiments/eval.ts");
  const { score } = await import("../../lib/instrument/scorer.ts");
  const strings = [
    "Final: 7",
    "Final: \u2212 7",
    'q"uote\\',
    "\ud800 lone",
    "tab\there\n",
    "\u2028\u2029",
    "\u0000\u001f",
    "é日🙂",
    "",
  ];
  for (const [i, completion] of strings.entries()) {
    for (const expected of [7, "-12", 3.5]) {
      const row = resultRow(
        `id-${i}"\\`,
        completion,
        score({ expected_answer: expected }, completion),
      );
      assertEquals(resultLine(row), JSON.stringify(row), completion);
    }
  }
});
