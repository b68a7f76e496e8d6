/**
 * Loop B, the specification: the selection rule and its tie-break, pass@k against hand-computed
 * values and an exact-arithmetic oracle, the naive curve, the run's determinism, bad input
 * (named by file and line, nothing written) and the CLI's exit codes.
 */
import { runEval } from "../../lib/experiments/eval.ts";
import { InputError } from "../../lib/core/errors.ts";
import { naivePassAtK, passAtK, passAtKCurve } from "../../lib/select/passk.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { exitTwoLine, usageRefusal } from "../refusal.ts";
import { SELECT } from "../../lib/cli/select.ts";
import { parseCommand } from "../../lib/cli/_framework/command.ts";
import { prepareCommandRun } from "../../lib/cli/_framework/run_target.ts";
import { score } from "../../lib/instrument/scorer.ts";
import { packSamples, pickBest, selectPrompt, TIE_BREAK } from "../../lib/select/selection.ts";
import { runSelect, type SelectConfig } from "../../lib/experiments/select.ts";
import { instrumentFor } from "../../lib/instrument/instrument.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertStringIncludes,
} from "../../lib/core/testing.ts";
import assertStrict from "node:assert/strict";

const DEV = dataPath("datasets/math_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");
const EX = { id: "q", expected_answer: 7 };
const s = (...completions: string[]) =>
  completions.map((completion) => ({ completion, reward: score(EX, completion).reward }));

// --- pickBest --------------------------------------------------------------------------------

Deno.test("pickBest() breaks a tie by the first index among the highest reward", () => {
  assertEquals(pickBest(s("Final: 6", "Final: 7", "Final: 7")), { index: 1, reward: 1 });
});

Deno.test("pickBest() keeps sample 0 when it is already correct", () => {
  assertEquals(pickBest(s("Final: 7", "Final: 7")), { index: 0, reward: 1 });
});

Deno.test("pickBest() returns index 0 when every sample fails", () => {
  assertEquals(pickBest(s("Final: 1", "7", "Final:7")), { index: 0, reward: 0 });
});

Deno.test("pickBest() finds a lone correct sample at the end", () => {
  assertEquals(pickBest(s("a", "b", "c", "Final: 7")).index, 3);
});

Deno.test("selectPrompt() scores every sample exactly once and chooses among the first N", () => {
  let calls = 0;
  const counting = (e: unknown, c: unknown) => {
    calls++;
    return score(e, c);
  };
  const samples = ["Final: 6", "Final: 7", "Final: 7", "Final: 7"].map((completion) => ({
    completion,
  }));
  const got = selectPrompt(EX, samples, 2, counting);
  assertEquals([calls, got.rewards, got.chosen], [4, [0, 1, 1, 1], 1]);
});

Deno.test("selectPrompt() follows the rule it is given (a replaceable rule)", () => {
  const longest = (scored: readonly { completion: string; reward: number }[]) => {
    let index = 0;
    scored.forEach((x, i) => {
      if (x.completion.length > scored[index].completion.length) index = i;
    });
    return { index, reward: scored[index].reward };
  };
  const samples = ["ab", "abcd", "abcd"].map((completion) => ({ completion }));
  assertEquals(selectPrompt(EX, samples, 3, score, longest).chosen, 1);
});

Deno.test("selectPrompt() refuses a rule that chooses outside the first N", () => {
  const samples = ["a", "b", "c"].map((completion) => ({ completion }));
  assertStrict.throws(
    () => selectPrompt(EX, samples, 2, score, () => ({ index: 2, reward: 0 })),
    RangeError,
  );
});

// --- pack samples ----------------------------------------------------------------------------

Deno.test("packSamples() accepts strings and {completion, logprob?, ref_logprob?} objects", () => {
  const got = packSamples(
    { samples: ["x", { completion: "y", logprob: -1, ref_logprob: -2 }, { completion: "z" }] },
    "p.jsonl",
    3,
  );
  assertEquals(got, [
    { completion: "x" },
    { completion: "y", logprob: -1, ref_logprob: -2 },
    { completion: "z" },
  ]);
});

for (
  const [what, row, message] of [
    ["a missing field", {}, "p.jsonl:3: missing field 'samples'"],
    ["a non-array", { samples: "x" }, "p.jsonl:3: field 'samples' must be an array, got a string"],
    ["an empty list", { samples: [] }, "p.jsonl:3: field 'samples' is an empty array"],
    ["a number sample", { samples: ["x", 5] }, "p.jsonl:3: samples[1] must be a string or"],
    ["an object without completion", { samples: [{}] }, "p.jsonl:3: samples[0].completion"],
    [
      "a non-numeric logprob",
      { samples: [{ completion: "x", logprob: "-1" }] },
      "p.jsonl:3: samples[0].logprob must be a finite number",
    ],
  ] as const
) {
  Deno.test(`packSamples() rejects ${what}, naming file and line`, () => {
    assertStrict.throws(
      () => packSamples(row as Record<string, unknown>, "p.jsonl", 3),
      (e: unknown) => e instanceof InputError && e.message.startsWith(message),
    );
  });
}

// --- pass@k ----------------------------------------------------------------------------------

Deno.test("passAtK() matches hand-computed values of 1 − C(n−c,k)/C(n,k)", () => {
  assertAlmostEquals(passAtK(5, 2, 2), 1 - 3 / 10, 1e-15); // C(3,2)=3, C(5,2)=10
  assertAlmostEquals(passAtK(10, 3, 5), 1 - 21 / 252, 1e-15); // C(7,5)=21, C(10,5)=252
  assertAlmostEquals(passAtK(8, 2, 3), 1 - 20 / 56, 1e-15); // C(6,3)=20, C(8,3)=56
  assertEquals(passAtK(8, 1, 1), 0.125);
});

Deno.test("passAtK() is exactly 1 when n − c < k", () => {
  assertEquals(passAtK(4, 3, 2), 1);
  assertEquals(passAtK(8, 5, 4), 1);
  assertEquals(passAtK(8, 1, 8), 1);
});

Deno.test("passAtK() is 0 for a prompt never solved, at every k", () => {
  for (let k = 1; k <= 8; k++) assertEquals(passAtK(8, 0, k), 0);
});

Deno.test("passAtK() agrees with exact rational arithmetic for every n ≤ 16 (oracle)", () => {
  const comb = (n: number, k: number): bigint => {
    let r = 1n;
    for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
    return r;
  };
  for (let n = 1; n <= 16; n++) {
    for (let c = 0; c <= n; c++) {
      for (let k = 1; k <= n; k++) {
        const exact = n - c < k ? 1 : 1 - Number(comb(n - c, k)) / Number(comb(n, k));
        assertAlmostEquals(passAtK(n, c, k), exact, 1e-12, `n=${n} c=${c} k=${k}`);
      }
    }
  }
});

Deno.test("passAtK() rejects k outside 1..n and c outside 0..n", () => {
  for (const [n, c, k] of [[4, 1, 0], [4, 1, 5], [4, 5, 1], [4, -1, 1], [4, 1.5, 1]]) {
    assertStrict.throws(() => passAtK(n, c, k), RangeError);
  }
});

Deno.test("naivePassAtK() is 1 − (1 − p)^k", () => {
  assertAlmostEquals(naivePassAtK(0.25, 2), 0.4375, 1e-15);
  assertEquals(naivePassAtK(0, 5), 0);
  assertEquals(naivePassAtK(1, 3), 1);
});

Deno.test("passAtKCurve() averages the unbiased estimate over prompts, per k", () => {
  // prompts (n=4): c = 1, 2, 0 → pass@2 = mean(1 − 3/6, 1 − 1/6, 0) = (0.5 + 5/6) / 3
  const curve = passAtKCurve([4, 4, 4], [1, 2, 0]);
  assertEquals(curve.map((p) => p.k), [1, 2, 3, 4]);
  assertAlmostEquals(curve[0].unbiased, 0.25, 1e-15);
  assertAlmostEquals(curve[1].unbiased, (0.5 + 5 / 6) / 3, 1e-15);
  assertAlmostEquals(curve[3].unbiased, 2 / 3, 1e-15); // k = n: solved iff c ≥ 1
});

Deno.test("passAtKCurve() naive curve uses p̂ = mean of cᵢ/nᵢ and equals the unbiased at k = 1", () => {
  const curve = passAtKCurve([4, 4, 4], [1, 2, 0]);
  for (const p of curve) assertAlmostEquals(p.naive, 1 - (1 - 0.25) ** p.k, 1e-15);
  assertAlmostEquals(curve[0].naive, curve[0].unbiased, 1e-15);
});

Deno.test("passAtKCurve() stops at the smallest sample count", () => {
  assertEquals(passAtKCurve([3, 5], [1, 1]).length, 3);
  assertEquals(passAtKCurve([], []), []);
});

// --- the run ---------------------------------------------------------------------------------

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "select_test_" });
}

function cfg(outdir: string, over: Partial<SelectConfig> = {}): SelectConfig {
  return {
    dataset: DEV,
    samples: PACK,
    n: 4,
    outdir,
    force: false,
    plot: false,
    args: [],
    ...over,
  };
}

Deno.test("runSelect() gives a byte-identical results.jsonl for the same inputs and N", async () => {
  const root = await tempDir();
  await runSelect(cfg(`${root}/a`));
  await runSelect(cfg(`${root}/b`));
  const [a, b] = await Promise.all(
    ["a", "b"].map((r) => Deno.readFile(`${root}/${r}/results.jsonl`)),
  );
  assertEquals(a, b);
  assert(a.length > 0);
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() pass@1 of the dev pack equals the eval pass rate of the frozen rollouts", async () => {
  const root = await tempDir();
  const { summary } = await runSelect(cfg(`${root}/r`, { n: 1 }));
  const evaluated = await runEval({
    dataset: DEV,
    completions: dataPath("rollouts/frozen_rollouts_dev.jsonl"),
    outdir: `${root}/eval`,
    force: false,
    args: [],
  });
  assertEquals(
    [summary.passes_at_1, summary.passes_at_n, summary.n_prompts],
    [evaluated.summary.passes, evaluated.summary.passes, evaluated.summary.n],
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() writes pass@1, pass@N, rescued and pass@k into summary.json", async () => {
  const root = await tempDir();
  const { summary, curve } = await runSelect(cfg(`${root}/r`, { plot: true }));
  const saved = JSON.parse(await Deno.readTextFile(`${root}/r/summary.json`));
  assertEquals(saved, summary);
  assertEquals(Object.keys(saved.pass_at_k), ["1", "2", "3", "4", "5", "6", "7", "8"]);
  assertEquals(saved.pass_at_k["4"], curve[3].unbiased);
  assertEquals(saved.rescued, saved.passes_at_n - saved.passes_at_1); // best-of-N never loses
  assertEquals(saved.tie_break, TIE_BREAK);
  assert(saved.pass_at_n > saved.pass_at_1);
  const manifest = JSON.parse(await Deno.readTextFile(`${root}/r/manifest.json`));
  assertEquals([manifest.kind, manifest.selection_n], ["select", 4]);
  assertEquals(manifest.sampling.policy, "sim-weak-v1");
  assertEquals(Object.keys(manifest.inputs), ["dataset", "samples"]);
  assert((await Deno.readTextFile(`${root}/r/pass_at_k.svg`)).startsWith("<svg"));
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() logs the chosen index and every sample's reward per prompt", async () => {
  const root = await tempDir();
  await runSelect(cfg(`${root}/r`));
  const rows = (await Deno.readTextFile(`${root}/r/results.jsonl`)).trimEnd().split("\n")
    .map((l) => JSON.parse(l));
  assertEquals(rows.length, 120);
  for (const row of rows) {
    const best = row.rewards.slice(0, 4).indexOf(Math.max(...row.rewards.slice(0, 4)));
    assertEquals(row.chosen, best, row.id);
    assertEquals(row.reward, row.rewards[row.chosen]);
    assertEquals(row.reward_first, row.rewards[0]);
  }
  await Deno.remove(root, { recursive: true });
});

/** Writes a dataset of `ids` (answer 1 each) and a pack; returns their paths. */
async function made(root: string, packLines: string[], ids = ["a", "b"]) {
  const dataset = `${root}/ds.jsonl`, pack = `${root}/pack.jsonl`;
  await Deno.mkdir(`${root}/runs`, { recursive: true });
  await Deno.writeTextFile(
    dataset,
    ids.map((id) => JSON.stringify({ id, prompt: "Compute 0+1.", expected_answer: 1 })).join("\n") +
      "\n",
  );
  await Deno.writeTextFile(pack, packLines.join("\n") + "\n");
  return { dataset, pack };
}

async function rejects(root: string, packLines: string[], n: number, message: string) {
  const { dataset, pack } = await made(root, packLines);
  const outdir = `${root}/runs/r`;
  await assertStrict.rejects(
    runSelect({ dataset, samples: pack, n, outdir, force: false, plot: false, args: [] }),
    (e: unknown) => e instanceof InputError && e.message.startsWith(message),
  );
  assertEquals([...Deno.readDirSync(`${root}/runs`)], [], "nothing is written");
}

Deno.test("runSelect() reports a sample list shorter than N by file:line, never pads", async () => {
  const root = await tempDir();
  await rejects(
    root,
    ['{"id":"a","samples":["Final: 1","x","y","z"]}', '{"id":"b","samples":["Final: 1","x"]}'],
    4,
    `${root}/pack.jsonl:2: id "b" has 2 sample(s), fewer than N = 4`,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() reports malformed JSON by file:line and writes nothing", async () => {
  const root = await tempDir();
  await rejects(
    root,
    ['{"id":"a","samples":["x"]}', "{oops"],
    1,
    `${root}/pack.jsonl:2: malformed`,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() rejects an id that is not in the dataset", async () => {
  const root = await tempDir();
  await rejects(root, ['{"id":"zz","samples":["x"]}'], 1, `${root}/pack.jsonl:1: id "zz" is not`);
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() rejects a duplicate id, naming the first line", async () => {
  const root = await tempDir();
  await rejects(
    root,
    ['{"id":"a","samples":["x"]}', '{"id":"a","samples":["y"]}'],
    1,
    `${root}/pack.jsonl:2: duplicate id "a" (first at line 1)`,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() rejects a pack that leaves a dataset example without samples", async () => {
  const root = await tempDir();
  await rejects(
    root,
    ['{"id":"a","samples":["x"]}'],
    1,
    `${root}/pack.jsonl: 1 dataset example(s) have no sample list, the first "b"`,
  );
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() on a made pack reproduces pass@k from known correct counts", async () => {
  const root = await tempDir();
  // a: 1 of 4 correct, b: 3 of 4 correct → pass@2 = mean(1 − 3/6, 1) = 0.75
  const { dataset, pack } = await made(root, [
    '{"id":"a","samples":["Final: 2","Final: 1","x","y"]}',
    '{"id":"b","samples":["Final: 1",{"completion":"Final: 1"},"z","Final: 1"]}',
  ]);
  const { summary } = await runSelect(
    { dataset, samples: pack, n: 2, outdir: `${root}/r`, force: false, plot: false, args: [] },
  );
  assertAlmostEquals(summary.pass_at_k["2"], 0.75, 1e-15);
  assertEquals(summary.pass_at_k["4"], 1);
  assertEquals([summary.passes_at_1, summary.passes_at_n, summary.rescued], [1, 2, 1]);
  assertEquals(summary.chosen_index_counts, { "0": 1, "1": 1 });
  await Deno.remove(root, { recursive: true });
});

// --- the CLI ---------------------------------------------------------------------------------

/** `deno task select`, with the task's own permissions, in the scratch folder `root`. */
const selectCli = (root: string, ...args: string[]) => runTask("select", args, { cwd: root });

Deno.test("deno task select exits 0 and prints pass@1, pass@N and the policy sentence", async () => {
  const root = await scratch("select_test_");
  const r = await selectCli(
    root,
    "--dataset",
    DEV,
    "--samples",
    PACK,
    "--n",
    "4",
    "--outdir",
    "runs/r",
  );
  assertEquals(r.code, 0, r.stderr);
  assert(/pass@1 = \d+\.\d% {2}pass@4 = \d+\.\d%/.test(r.stdout), r.stdout);
  assertStringIncludes(r.stdout, "from selection; the policy did not change)");
  assertStringIncludes(r.stdout, "k  unbiased   naive");
  await Deno.remove(root, { recursive: true });
});

Deno.test("deno task select exits 2 on a short pack, naming file:line, writing nothing", async () => {
  const root = await scratch("select_test_");
  const { dataset, pack } = await made(root, [
    '{"id":"a","samples":["x","y"]}',
    '{"id":"b","samples":["x"]}',
  ]);
  const r = await selectCli(
    root,
    "--dataset",
    dataset,
    "--samples",
    pack,
    "--n",
    "2",
    "--outdir",
    "runs/r",
  );
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, `${pack}:2: id "b" has 1 sample(s), fewer than N = 2`);
  assertEquals([...Deno.readDirSync(`${root}/runs`)], []);
  await Deno.remove(root, { recursive: true });
});

Deno.test("select refuses an unknown flag or a bad --n before any work (exit 2)", () => {
  assertStringIncludes(
    usageRefusal(SELECT, ["--dataset", DEV, "--samples", PACK, "--bogus"]),
    "bogus",
  );
  assertStringIncludes(
    usageRefusal(SELECT, ["--dataset", DEV, "--samples", PACK, "--n", "0"]),
    "--n must be an integer >= 1",
  );
});

Deno.test("select refuses to overwrite an existing run without --force (exit 2)", async () => {
  const root = await scratch("select_test_");
  const argv = ["--dataset", DEV, "--samples", PACK, "--n", "1", "--outdir", `${root}/runs/r`];
  // As the task's body does (lib/cli/select.ts): the run folder is prepared before any work.
  const selectAsTheTask = async (argv: string[]) => {
    const f = parseCommand(SELECT, argv).flags;
    const run = await prepareCommandRun(SELECT, f, "select", { argv });
    return await runSelect({ dataset: f.dataset, samples: f.samples, n: f.n, ...run });
  };
  await selectAsTheTask(argv);
  assertStringIncludes(await exitTwoLine(selectAsTheTask(argv)), "already holds a run");
  await selectAsTheTask([...argv, "--force"]);
  await Deno.remove(root, { recursive: true });
});

Deno.test("runSelect() scores with the instrument it is given and records it in the manifest", async () => {
  const root = await tempDir();
  const strict = await runSelect(cfg(`${root}/a`));
  const lenient = await runSelect({
    ...cfg(`${root}/b`),
    instrument: instrumentFor("lenient", RUBRICS["lenient"]),
  });
  assertEquals([lenient.manifest.scorer_name, lenient.manifest.scorer_version], [
    "lenient",
    "variant",
  ]);
  assertEquals(strict.manifest.scorer_name, "final-int-strict");
  assert(lenient.summary.passes_at_1 >= strict.summary.passes_at_1);
  await Deno.remove(root, { recursive: true });
});

Deno.test("deno task select --by-template prints each template's pass@1 and pass@N from the run's samples", async () => {
  const root = await scratch("select_test_");
  try {
    const dataset = dataPath("datasets/small_dev.jsonl");
    const rows = (await Deno.readTextFile(dataset)).trim().split("\n").map((l) => JSON.parse(l));
    // Sample 0 right, samples 1 and 2 wrong: pass@1 = 1/3 and pass@3 = 1 for every template.
    const pack = rows.map((r) =>
      JSON.stringify({
        id: r.id,
        samples: [`Final: ${r.expected_answer}`, "Final: 99999", "nope"],
      })
    ).join("\n") + "\n";
    await Deno.writeTextFile(`${root}/pack.jsonl`, pack);
    const r = await selectCli(
      root,
      "--dataset",
      dataset,
      "--samples",
      `${root}/pack.jsonl`,
      "--n",
      "3",
      "--by-template",
      "--outdir",
      "runs/t",
    );
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(
      r.stdout,
      "per template (unbiased pass@1 / pass@3 from 3 samples per prompt):",
    );
    for (const t of ["all", "apples", "eaten", "share", "temperature", "zero"]) {
      assert(
        new RegExp(`  ${t} +\\d+ prompts +33\\.3% / 100\\.0%`).test(r.stdout),
        `${t}:\n${r.stdout}`,
      );
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
