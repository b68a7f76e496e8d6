/**
 * `deno task sample` on the shipped base: its files are the formats eval, select and the gate
 * already read; a rerun is byte-identical; `--n 4` is a prefix of `--n 8`; the gate tells two
 * temperatures apart; bad flags are exit 2 with nothing written. The task runs end to end (its
 * permissions, its wiring) for a success and a refusal; the other rules run in process, the
 * run made as the task's body makes it (sample_in_process.ts).
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { usageRefusal } from "../refusal.ts";
import { sampleAsTheTask } from "./sample_in_process.ts";
import { SAMPLE } from "../../lib/cli/sample.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { gate, GATE_DEFAULTS } from "../../lib/compare/gate.ts";
import { gateStory } from "../../lib/present/gate_story.ts";

const DEV = dataPath("datasets/small_dev.jsonl");
const BASE = dataPath("policy/base.json");
const sample = (dir: string, out: string, ...extra: string[]) =>
  runTask("sample", ["--checkpoint", BASE, "--dataset", DEV, "--outdir", `runs/${out}`, ...extra], {
    cwd: dir,
  });
const read = (dir: string, path: string) => Deno.readTextFile(`${dir}/runs/${path}`);

/** `deno task sample` in process (sample_in_process.ts), into `<dir>/runs/<out>`. */
const sampleInProcess = (dir: string, out: string, ...extra: string[]) =>
  sampleAsTheTask([
    "--checkpoint",
    BASE,
    "--dataset",
    DEV,
    "--outdir",
    `${dir}/runs/${out}`,
    ...extra,
  ]);

/** runEval of a sample run's completions into `<dir>/runs/<out>`. */
const evalOf = (dir: string, run: string, out: string) =>
  runEval({
    dataset: DEV,
    completions: `${dir}/runs/${run}/completions.jsonl`,
    outdir: `${dir}/runs/${out}`,
    force: false,
    args: [],
  });

Deno.test("deno task sample writes the pack, the rollouts, their settings and tokens; eval and select read them", async () => {
  const dir = await scratch();
  try {
    const r = await sample(dir, "s8");
    assertEquals(r.code, 0, r.stderr);
    const meta = JSON.parse(await read(dir, "s8/samples.meta.json"));
    assertEquals(Object.keys(meta), [
      "policy",
      "checkpoint",
      "temperature",
      "top_p",
      "top_k",
      "max_tokens",
      "seed",
      "n",
    ]);
    assertEquals(meta.n, 8);
    assert(!("n" in JSON.parse(await read(dir, "s8/completions.meta.json"))));
    const tok = JSON.parse((await read(dir, "s8/tokens.jsonl")).split("\n")[0]);
    assertEquals(Object.keys(tok), [
      "id",
      "sample",
      "token_ids",
      "tokens",
      "logprobs",
      "logprob",
      "finish_reason",
    ]);
    assert(Math.abs(tok.logprob - tok.logprobs.reduce((a: number, b: number) => a + b, 0)) < 1e-9);
    await evalOf(dir, "s8", "e");
    assertEquals(
      JSON.parse(await read(dir, "e/manifest.json")).sampling.checkpoint,
      meta.checkpoint,
    );
    const samples = `${dir}/runs/s8/samples.jsonl`;
    await runSelect({
      dataset: DEV,
      samples,
      n: 8,
      outdir: `${dir}/runs/p`,
      force: false,
      args: [],
    });
    assert("8" in JSON.parse(await read(dir, "p/summary.json")).pass_at_k);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sample is byte-identical on a rerun, and --n 4 is the first 4 of --n 8", async () => {
  const dir = await scratch();
  try {
    for (const [out, n] of [["a", "8"], ["b", "8"], ["c", "4"]]) {
      await sampleInProcess(dir, out, "--n", n);
    }
    for (const f of ["samples.jsonl", "completions.jsonl", "tokens.jsonl", "summary.json"]) {
      assertEquals(await read(dir, `b/${f}`), await read(dir, `a/${f}`), f);
    }
    const rows = (t: string) => t.trim().split("\n").map((l) => JSON.parse(l));
    const eight = rows(await read(dir, "a/samples.jsonl")),
      four = rows(await read(dir, "c/samples.jsonl"));
    assertEquals(four, eight.map((r) => ({ id: r.id, samples: r.samples.slice(0, 4) })));
    assertEquals(await read(dir, "c/completions.jsonl"), await read(dir, "a/completions.jsonl"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the gate REJECTs eval runs of the base sampled at two temperatures, naming the setting", async () => {
  const dir = await scratch();
  try {
    await sampleInProcess(dir, "t1", "--n", "1");
    await sampleInProcess(dir, "t07", "--n", "1", "--temperature", "0.7");
    for (const t of ["t1", "t07"]) await evalOf(dir, t, `e${t}`);
    const v = await gate(`${dir}/runs/et1`, `${dir}/runs/et07`, GATE_DEFAULTS);
    assertEquals([v.decision, v.exit_code], ["REJECT", 1]);
    assertStringIncludes(gateStory(v), "temperature 1 → 0.7");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sample refuses bad sampling flags before any work (exit 2)", () => {
  const argv = ["--dataset", DEV];
  for (
    const [flags, message] of [
      [["--temperature", "-0.5"], "--temperature must be a number >= 0"],
      [["--top-p", "1.5"], "--top-p must be a number <= 1"],
      [["--n", "0"], "--n must be an integer >= 1"],
    ] as const
  ) assertStringIncludes(usageRefusal(SAMPLE, [...argv, ...flags]), message);
});

Deno.test("deno task sample --top-p 0 is exit 2 and writes nothing", async () => {
  const dir = await scratch();
  try {
    const r = await sample(dir, "x", "--top-p", "0");
    assertEquals(r.code, 2, r.stderr);
    assertStringIncludes(r.stderr, "--top-p must be in (0, 1]");
    assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
