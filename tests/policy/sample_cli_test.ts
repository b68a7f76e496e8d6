/**
 * `deno task sample` end to end on the shipped base: its files are the formats eval, select and
 * the gate already read; a rerun is byte-identical; `--n 4` is a prefix of `--n 8`; the gate
 * tells two temperatures apart; bad flags are exit 2 with nothing written.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";

const DEV = dataPath("datasets/small_dev.jsonl");
const BASE = dataPath("policy/base.json");
const sample = (dir: string, out: string, ...extra: string[]) =>
  runTask("sample", ["--checkpoint", BASE, "--dataset", DEV, "--outdir", `runs/${out}`, ...extra], {
    cwd: dir,
  });
const read = (dir: string, path: string) => Deno.readTextFile(`${dir}/runs/${path}`);

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
    const e = await runTask("eval", [
      "--dataset",
      DEV,
      "--completions",
      "runs/s8/completions.jsonl",
      "--outdir",
      "runs/e",
    ], { cwd: dir });
    assertEquals(e.code, 0, e.stderr);
    assertEquals(
      JSON.parse(await read(dir, "e/manifest.json")).sampling.checkpoint,
      meta.checkpoint,
    );
    const s = await runTask("select", [
      "--dataset",
      DEV,
      "--samples",
      "runs/s8/samples.jsonl",
      "--n",
      "8",
      "--outdir",
      "runs/p",
    ], { cwd: dir });
    assertEquals(s.code, 0, s.stderr);
    assert("8" in JSON.parse(await read(dir, "p/summary.json")).pass_at_k);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task sample is byte-identical on a rerun, and --n 4 is the first 4 of --n 8", async () => {
  const dir = await scratch();
  try {
    for (const [out, n] of [["a", "8"], ["b", "8"], ["c", "4"]]) {
      assertEquals((await sample(dir, out, "--n", n)).code, 0);
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
    await sample(dir, "t1", "--n", "1");
    await sample(dir, "t07", "--n", "1", "--temperature", "0.7");
    for (const t of ["t1", "t07"]) {
      await runTask("eval", [
        "--dataset",
        DEV,
        "--completions",
        `runs/${t}/completions.jsonl`,
        "--outdir",
        `runs/e${t}`,
      ], { cwd: dir });
    }
    const g = await runTask("gate", ["--baseline", "runs/et1", "--candidate", "runs/et07"], {
      cwd: dir,
    });
    assertEquals(g.code, 1, g.stdout);
    assertStringIncludes(g.stdout, "temperature 1 → 0.7");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

for (
  const [flags, message] of [
    [["--temperature", "-0.5"], "--temperature must be a number >= 0"],
    [["--top-p", "0"], "--top-p must be in (0, 1]"],
    [["--top-p", "1.5"], "--top-p must be a number <= 1"],
    [["--n", "0"], "--n must be an integer >= 1"],
  ] as const
) {
  Deno.test(`deno task sample ${flags.join(" ")} is exit 2 and writes nothing`, async () => {
    const dir = await scratch();
    try {
      const r = await sample(dir, "x", ...flags);
      assertEquals(r.code, 2, r.stderr);
      assertStringIncludes(r.stderr, message);
      assertEquals([...Deno.readDirSync(`${dir}/runs`)].length, 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
