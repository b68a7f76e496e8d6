/**
 * The bench runner (tests/bench/run.ts) holds figures to their targets: the ratio to a reference
 * decides where there is one (on the target's clock), the budget where there is none, and a miss,
 * a failed bench or a target whose bench did not run makes `deno task bench` exit 1.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { judge, runBench } from "./run.ts";
import type { Target } from "./targets.ts";

const figures = (cpu: number, wall = cpu) => ({ cpu, wall, rounds: 5 });
const target = (extra: Partial<Target> = {}): Target => ({
  name: "t",
  bench: "b",
  maxMs: 10,
  reference: { bench: "r", maxRatio: 2 },
  ...extra,
});

Deno.test("judge(): with a reference, the ratio decides, and the budget is only reported", () => {
  const ok = judge(target(), { bench: figures(30), reference: figures(20) });
  assertEquals(ok.ok, true);
  assertStringIncludes(ok.line, "over on this machine");
  assertStringIncludes(ok.line, "1.50× the reference (≤ 2×)");
  const miss = judge(target(), { bench: figures(5), reference: figures(2) });
  assertEquals(miss.ok, false);
  assert(miss.line.startsWith("MISS"), miss.line);
});

Deno.test("judge(): without a reference the budget decides; a rate when the target counts work", () => {
  const t = target({ reference: undefined, work: { items: 1000, unit: "rows" } });
  const ok = judge(t, { bench: figures(5) });
  assertEquals(ok.ok, true);
  assertStringIncludes(ok.line, "200.0 k rows/s cpu");
  assertStringIncludes(ok.line, "(≥ 100.0 k rows/s)");
  assertEquals(judge(t, { bench: figures(11) }).ok, false);
});

Deno.test("judge(): a wall-clock target compares wall times (a sleep costs no CPU)", () => {
  const t = target({ clock: "wall" });
  const m = { bench: figures(1, 300), reference: figures(1, 10) };
  assertEquals(judge(t, m).ok, false);
  assertStringIncludes(judge(t, m).line, "30.00× the reference in wall time");
});

Deno.test("runBench() runs a bench file in its own process: 0 when the targets are met, 1 on a failed or missing bench", async () => {
  // No outcome here depends on a measured time (judge() above holds the ratios): the bounds are
  // out of reach, and what fails is a bench that throws or a target without its bench.
  const dir = await Deno.makeTempDir({ prefix: "run_test_" });
  try {
    const file = `${dir}/toy_bench.ts`;
    await Deno.writeTextFile(
      file,
      `Deno.bench("sum", { n: 3 }, () => { let s = 0; for (let i = 0; i < 1e4; i++) s += i; });\n` +
        `Deno.bench("sum (reference)", { n: 3 }, () => { let s = 0; for (let i = 0; i < 1e4; i++) s += i; });\n` +
        `Deno.bench("broken", () => { throw new Error("boom"); });\n`,
    );
    const printed: string[] = [];
    const say = (l: string) => void printed.push(l);
    const met = target({ name: "sum", bench: "sum", maxMs: 1e9 });
    met.reference = { bench: "sum (reference)", maxRatio: 1e9 };
    assertEquals(await runBench([file], [met], true, say), 1, "the broken bench fails the run");
    assert(printed.some((l) => l.startsWith("ok    sum: ")), printed.join("\n"));
    assert(printed.some((l) => l.startsWith("FAILED  broken: boom")), printed.join("\n"));
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)).replace(/^.*broken.*$/m, ""));
    assertEquals(await runBench([file], [met], true, say), 0, printed.join("\n"));
    const gone = target({ name: "gone", bench: "no such bench" });
    assertEquals(await runBench([file], [met, gone], true, say), 1);
    assert(printed.includes('MISS  gone: no bench "no such bench" ran'), printed.join("\n"));
    assertEquals(await runBench([file], [met, gone], false, say), 0, "only some files were run");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
