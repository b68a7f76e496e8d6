/**
 * The KL estimate from log-probabilities carried by completion rows (eval) and pack samples
 * (select): the pair rule (both or neither; `sum_logprob` read as `logprob`; finite and ≤ 0),
 * the estimator against hand-computed values, the per-row fields, the summary, the story and
 * `summary.md`, and the CLIs' exit 2 naming `path:line` with nothing written.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { KL_ESTIMATOR, KlTally, logprobPair } from "../../lib/measure/kl_estimate.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { evalStory } from "../../lib/present/eval_story.ts";
import { scratch } from "../cli.ts";
import { exitTwoLine, refusalOf } from "../refusal.ts";
import { EVAL } from "../../lib/cli/eval.ts";
import { SELECT } from "../../lib/cli/select.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
const readJsonl = async (path: string) =>
  (await Deno.readTextFile(path)).trimEnd().split("\n").map((l) => JSON.parse(l));

/** A dataset of three examples (answers 1, 2, 3) in `dir`. */
async function threeExamples(dir: string): Promise<string> {
  const path = `${dir}/d.jsonl`;
  await Deno.writeTextFile(
    path,
    jsonl([1, 2, 3].map((k) => ({ id: `q${k}`, prompt: `Compute ${k}.`, expected_answer: k }))),
  );
  return path;
}

// --- the pair rule -----------------------------------------------------------------------------

Deno.test("logprobPair() is null for a row with neither log-probability", () => {
  assertEquals(logprobPair({ id: "a", completion: "x" }, "c.jsonl", 1), null);
});

Deno.test("logprobPair() reads logprob and ref_logprob, and sum_logprob as logprob", () => {
  assertEquals(logprobPair({ logprob: -2, ref_logprob: -3 }, "c.jsonl", 1), {
    logprob: -2,
    ref_logprob: -3,
  });
  assertEquals(logprobPair({ sum_logprob: -2, ref_logprob: -3 }, "c.jsonl", 1), {
    logprob: -2,
    ref_logprob: -3,
  });
  assertEquals(logprobPair({ logprob: -2, sum_logprob: -2, ref_logprob: 0 }, "c.jsonl", 1), {
    logprob: -2,
    ref_logprob: 0,
  });
});

Deno.test("logprobPair() refuses a row with only one of the two, naming path:line", () => {
  assertEquals(
    refusalOf(() => logprobPair({ sum_logprob: -1 }, "c.jsonl", 4)),
    "c.jsonl:4: the row has 'logprob' but no 'ref_logprob': the KL estimate needs both " +
      "(or neither)",
  );
  assertEquals(
    refusalOf(() => logprobPair({ ref_logprob: -1 }, "p.jsonl", 2, "samples[3]")),
    "p.jsonl:2: samples[3] has 'ref_logprob' but no 'logprob': the KL estimate needs both " +
      "(or neither)",
  );
});

Deno.test("logprobPair() refuses a value that is not a finite number, naming path:line", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ logprob: "-1", ref_logprob: -1 }, "field 'logprob' must be a finite number, got a string"],
    [{ logprob: -1, ref_logprob: null }, "field 'ref_logprob' must be a finite number, got null"],
    [
      { logprob: -1, ref_logprob: JSON.parse("-1e999") },
      "field 'ref_logprob' must be a finite number, got -Infinity",
    ],
    [
      { sum_logprob: [], ref_logprob: -1 },
      "field 'sum_logprob' must be a finite number, got an array",
    ],
  ];
  for (const [row, why] of cases) {
    assertEquals(refusalOf(() => logprobPair(row, "c.jsonl", 9)), `c.jsonl:9: ${why}`);
  }
});

Deno.test("logprobPair() refuses a log-probability above 0 and a logprob that disagrees with sum_logprob", () => {
  assertEquals(
    refusalOf(() => logprobPair({ logprob: 0.5, ref_logprob: -1 }, "c.jsonl", 1)),
    "c.jsonl:1: field 'logprob' must be a log-probability (≤ 0), got 0.5",
  );
  assertStringIncludes(
    refusalOf(() => logprobPair({ logprob: -1, sum_logprob: -2, ref_logprob: -1 }, "c.jsonl", 1)),
    "disagree",
  );
});

// --- the estimator -----------------------------------------------------------------------------

Deno.test("KlTally is the mean over prompts of each prompt's mean, with its standard error", () => {
  const t = new KlTally();
  assertEquals(t.summary(), null);
  assertEquals(t.addPrompt([]), null); // no estimate: skipped
  assertEquals(t.addPrompt([1, 3]), 2);
  assertEquals(t.addPrompt([0]), 0);
  assertEquals(t.addPrompt([1]), 1);
  const s = t.summary()!;
  // prompt means 2, 0, 1: mean 1, sample variance ((1 + 1 + 0) / 2) = 1, s.e. sqrt(1 / 3)
  assertEquals([s.completions, s.prompts, s.mean, s.estimator], [4, 3, 1, KL_ESTIMATOR]);
  assert(Math.abs(s.std_error! - Math.sqrt(1 / 3)) < 1e-12);
  const one = new KlTally();
  one.addPrompt([0.25]);
  assertEquals(one.summary()!.std_error, null);
});

/** Runs an eval of `dir/c.jsonl` on the dataset `ds` into `dir/runs/e`. */
const evalOf = (dir: string, ds: string) =>
  runEval({
    dataset: ds,
    completions: `${dir}/c.jsonl`,
    outdir: `${dir}/runs/e`,
    force: false,
    args: [],
  });

// --- eval ---------------------------------------------------------------------------------------

Deno.test("runEval() writes each row's logprob, ref_logprob and kl, and the mean KL in summary.json", async () => {
  const dir = await scratch();
  try {
    const ds = await threeExamples(dir);
    await Deno.writeTextFile(
      `${dir}/c.jsonl`,
      jsonl([
        { id: "q1", completion: "Final: 1", logprob: -1, ref_logprob: -1.5 },
        { id: "q2", completion: "Final: 5", sum_logprob: -2, ref_logprob: -1 },
        { id: "q3", completion: "Final: 3", logprob: -3, ref_logprob: -5 },
      ]),
    );
    const { runPath, summary } = await evalOf(dir, ds);
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    assertEquals(rows.map((r) => [r.logprob, r.ref_logprob, r.kl]), [
      [-1, -1.5, 0.5],
      [-2, -1, -1],
      [-3, -5, 2],
    ]);
    assertEquals(summary.passes, 2, "the log-probabilities change nothing else");
    const kl = summary.kl!;
    assertEquals([kl.completions, kl.prompts, kl.mean], [3, 3, 0.5]);
    assertEquals(JSON.parse(await Deno.readTextFile(`${runPath}/summary.json`)).kl, kl);
    const md = await Deno.readTextFile(`${runPath}/summary.md`);
    assertStringIncludes(md, "**KL estimate: +0.500 nats**");
    assertStringIncludes(md, "sampled-completion estimator of KL(π‖π_ref)");
    assertStringIncludes(md, "needs both log-probabilities");
    const story = evalStory(summary, { dataset: "d", completions: "c", runPath: "runs/e" });
    assertStringIncludes(
      story,
      "KL estimate: +0.500 nats (s.e. 0.866) = mean of log π(y|x) − log π_ref(y|x) over 3 completions",
    );
    assertStringIncludes(story, "the sampled-completion estimator of KL(π‖π_ref)");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runEval() reports no KL when no row carries log-probabilities, and the rows stay as they were", async () => {
  const dir = await scratch();
  try {
    const ds = await threeExamples(dir);
    const plain = [1, 2, 3].map((k) => ({ id: `q${k}`, completion: `Final: ${k}` }));
    await Deno.writeTextFile(`${dir}/c.jsonl`, jsonl(plain));
    const { runPath, summary } = await evalOf(dir, ds);
    assert(!("kl" in summary));
    for (const row of await readJsonl(`${runPath}/results.jsonl`)) {
      assertEquals(Object.keys(row), [
        "id",
        "reward",
        "code",
        "answer",
        "expected",
        "message",
        "completion",
      ]);
    }
    assert(!evalStory(summary, { dataset: "d", completions: "c", runPath: "r" }).includes("KL"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runEval() estimates KL over the rows that carry both, when only some do", async () => {
  const dir = await scratch();
  try {
    const ds = await threeExamples(dir);
    await Deno.writeTextFile(
      `${dir}/c.jsonl`,
      jsonl([
        { id: "q1", completion: "Final: 1", logprob: -1, ref_logprob: -2 },
        { id: "q2", completion: "Final: 2" },
      ]),
    );
    const { summary } = await evalOf(dir, ds);
    assertEquals([summary.kl!.completions, summary.kl!.mean, summary.missing_completions], [
      1,
      1,
      1,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Runs eval or select as their tasks do (parse, prepare the run folder, run) in a scratch folder
 * holding the three-example dataset and `file` (its lines `text`); returns the exit code and the
 * `error:` line the task prints, with `<file>` for the file's path, and checks nothing was written.
 */
async function refusedRun(
  task: "eval" | "select",
  file: string,
  text: string,
  args: (dataset: string, file: string) => string[],
): Promise<[number, string]> {
  const dir = await scratch();
  try {
    const ds = await threeExamples(dir);
    await Deno.writeTextFile(`${dir}/${file}`, text);
    const argv = [...args(ds, `${dir}/${file}`), "--outdir", `${dir}/runs/r`];
    const run = async () => {
      if (task === "eval") {
        const f = parseCommand(EVAL, argv).flags;
        const inputs = { dataset: f.dataset, completions: f.completions };
        return await runEval({ ...inputs, ...await prepareCommandRun(EVAL, f, "eval", { argv }) });
      }
      const f = parseCommand(SELECT, argv).flags;
      const inputs = { dataset: f.dataset, samples: f.samples, n: f.n };
      return await runSelect({
        ...inputs,
        ...await prepareCommandRun(SELECT, f, "select", { argv }),
      });
    };
    const line = await exitTwoLine(run());
    assertEquals([...Deno.readDirSync(`${dir}/runs`)], [], "nothing is written under runs/");
    return [2, `error: ${line.replace(`${dir}/${file}`, file)}`];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const evalArgs = (ds: string, file: string) => ["--dataset", ds, "--completions", file];

Deno.test("eval exits 2 on a row with only one log-probability, naming path:line, writing nothing", async () => {
  const rows = jsonl([
    { id: "q1", completion: "Final: 1", logprob: -1, ref_logprob: -2 },
    { id: "q2", completion: "Final: 2", logprob: -1 },
  ]);
  assertEquals(await refusedRun("eval", "c.jsonl", rows, evalArgs), [
    2,
    "error: c.jsonl:2: the row has 'logprob' but no 'ref_logprob': the KL estimate needs both (or neither)",
  ]);
});

Deno.test("eval exits 2 on a non-finite log-probability, naming path:line", async () => {
  const row = '{"id":"q1","completion":"Final: 1","logprob":-1,"ref_logprob":-1e999}\n';
  assertEquals(await refusedRun("eval", "c.jsonl", row, evalArgs), [
    2,
    "error: c.jsonl:1: field 'ref_logprob' must be a finite number, got -Infinity",
  ]);
});

// --- select -------------------------------------------------------------------------------------

Deno.test("runSelect() writes each prompt's KL (mean over its samples) and the mean over prompts", async () => {
  const dir = await scratch();
  try {
    const ds = await threeExamples(dir);
    const s = (completion: string, logprob: number, ref: number) => ({
      completion,
      sum_logprob: logprob,
      ref_logprob: ref,
    });
    await Deno.writeTextFile(
      `${dir}/p.jsonl`,
      jsonl([
        { id: "q1", samples: [s("Final: 0", -1, -2), s("Final: 1", -2, -2)] }, // ks 1, 0
        { id: "q2", samples: ["Final: 2", "Final: 2"] }, // no estimate
        { id: "q3", samples: [s("Final: 3", -1, -4), s("Final: 3", -1, -2)] }, // ks 3, 1
      ]),
    );
    const { runPath, summary } = await runSelect({
      dataset: ds,
      samples: `${dir}/p.jsonl`,
      n: 2,
      outdir: `${dir}/runs/s`,
      force: false,
      plot: false,
      args: [],
    });
    const rows = await readJsonl(`${runPath}/results.jsonl`);
    assertEquals(rows.map((r) => [r.kl, r.kl_samples]), [[0.5, 2], [undefined, undefined], [2, 2]]);
    const kl = summary.kl!;
    assertEquals([kl.completions, kl.prompts, kl.mean], [4, 2, 1.25]);
    assertStringIncludes(
      await Deno.readTextFile(`${runPath}/summary.md`),
      "**KL estimate: +1.250 nats**",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("select exits 2 on a sample with only one log-probability, naming path:line", async () => {
  const rows = jsonl([
    { id: "q1", samples: ["Final: 1"] },
    { id: "q2", samples: [{ completion: "Final: 2", ref_logprob: -1 }] },
    { id: "q3", samples: ["Final: 3"] },
  ]);
  const args = (ds: string, file: string) => ["--dataset", ds, "--samples", file, "--n", "1"];
  assertEquals(await refusedRun("select", "p.jsonl", rows, args), [
    2,
    "error: p.jsonl:2: samples[0] has 'ref_logprob' but no 'logprob': the KL estimate needs " +
    "both (or neither)",
  ]);
});
