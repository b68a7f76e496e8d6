/**
 * `deno task bench`: runs the benchmarks and holds them to their targets (tests/bench/targets.ts).
 *
 * Plain `deno bench` reports times but never fails on slowness, and a busy machine moves its
 * figures by half. So this runner measures the same `Deno.bench` files itself: each file in its
 * own process (`run.ts --file F PAIRS`, tests/bench/measure.ts), where every target's bench and
 * its reference are run alternately, round after round, so both see the same machine. A figure
 * is the best CPU time of the process per iteration (user + system: what the code costs on this
 * machine's cores, which other processes' load hardly moves), with the best wall time beside
 * it. It prints one
 * line per target — name, figure, budget, the ratio to the reference where there is one, ok or
 * MISS — then the benches no target names, and exits 1 on a miss, a failed bench, or (running
 * every file) a target whose bench did not run.
 *
 *   deno task bench                                 every file, every target
 *   deno task bench tests/bench/scorer_bench.ts     one file: only the targets its benches meet
 *
 * The files stay plain `deno bench` files: `deno bench tests/bench/scorer_bench.ts` prints the
 * usual table.
 */
import { join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { type Target, TARGETS } from "./targets.ts";
import { type Figures, type FileReport, measureFile, type Pair } from "./measure.ts";

const BENCH_DIR = join(PROJECT_ROOT, "tests/bench");
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-run",
  "--allow-env",
  "--allow-net=127.0.0.1",
];

const fmtMs = (ms: number) =>
  ms >= 1000
    ? `${(ms / 1000).toFixed(2)} s`
    : ms >= 100
    ? `${ms.toFixed(0)} ms`
    : ms >= 10
    ? `${ms.toFixed(1)} ms`
    : ms >= 0.1
    ? `${ms.toFixed(2)} ms`
    : `${(ms * 1000).toFixed(1)} µs`;

function fmtRate(perSecond: number, unit: string): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M ${unit}/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k ${unit}/s`;
  return `${perSecond.toFixed(0)} ${unit}/s`;
}

/** A figure in the target's terms: time per iteration, or a rate when the target counts work. */
function shown(t: Target, ms: number): string {
  return t.work ? fmtRate(t.work.items / (ms / 1000), t.work.unit) : fmtMs(ms);
}

/**
 * The verdict line of one target: with a reference, the ratio of the two times on the target's
 * clock (CPU unless it says wall) decides and the budget is reported; without one, the budget
 * (on that clock) decides.
 */
export function judge(t: Target, m: { bench: Figures; reference?: Figures }): {
  ok: boolean;
  line: string;
} {
  const clock = t.clock ?? "cpu";
  const time = m.bench[clock];
  const within = time <= t.maxMs;
  const budget = `${t.work ? "≥" : "≤"} ${shown(t, t.maxMs)}`;
  const figure = `${shown(t, m.bench.cpu)} cpu, ${shown(t, m.bench.wall)} wall`;
  if (!t.reference || !m.reference) {
    return { ok: within, line: `${within ? "ok  " : "MISS"}  ${t.name}: ${figure} (${budget})` };
  }
  const ratio = time / m.reference[clock];
  const ok = ratio <= t.reference.maxRatio;
  return {
    ok,
    line: `${ok ? "ok  " : "MISS"}  ${t.name}: ${figure} (budget ${budget}: ` +
      `${within ? "within" : "over on this machine"}); ${ratio.toFixed(2)}× the reference ` +
      `${clock === "wall" ? "in wall time " : ""}(≤ ${t.reference.maxRatio}×)`,
  };
}

async function runFile(
  file: string,
  pairs: readonly Pair[],
  say: (line: string) => void,
): Promise<FileReport> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--config=${join(PROJECT_ROOT, "deno.json")}`,
      `--lock=${join(PROJECT_ROOT, "deno.lock")}`,
      "--frozen",
      "--quiet",
      ...PERMISSIONS,
      join(BENCH_DIR, "run.ts"),
      "--file",
      file,
      JSON.stringify(pairs),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const lines = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  const last = lines.pop() ?? "";
  for (const l of lines) say(`  ${relative(PROJECT_ROOT, file)}: ${l}`);
  try {
    if (out.code !== 0) throw new Error(`exit ${out.code}`);
    return JSON.parse(last) as FileReport;
  } catch (e) {
    const why = `${relative(PROJECT_ROOT, file)} did not report (${(e as Error).message}): ${last}`;
    return { file, targets: {}, others: {}, failures: [why] };
  }
}

/**
 * Runs the bench `files` (each in its own process) and holds them to `targets`: prints one line
 * per target, then the benches no target names; 1 on a miss, a failed bench, or (when `strict`)
 * a target whose bench did not run; else 0.
 */
export async function runBench(
  files: readonly string[],
  targets: readonly Target[],
  strict: boolean,
  say: (line: string) => void = console.log,
): Promise<number> {
  const pairs = targets.map((t) => ({
    target: t.name,
    bench: t.bench,
    ...(t.reference ? { reference: t.reference.bench } : {}),
  }));
  const reports: FileReport[] = [];
  for (const f of files) reports.push(await runFile(f, pairs, say));
  const measured = new Map(reports.flatMap((r) => Object.entries(r.targets)));
  const lines: { ok: boolean; line: string }[] = [];
  for (const t of targets) {
    const m = measured.get(t.name);
    if (m !== undefined) lines.push(judge(t, m));
    else if (strict) {
      lines.push({ ok: false, line: `MISS  ${t.name}: no bench ${JSON.stringify(t.bench)} ran` });
    }
  }
  say(`\n${lines.length} speed targets (best of rounds; the ratio of CPU times decides):`);
  for (const l of lines) say(l.line);
  const others = reports.flatMap((r) =>
    Object.entries(r.others).map(([n, f]) => [r.file, n, f] as const)
  );
  if (others.length > 0) say(`\n${others.length} benches without a target:`);
  for (const [file, name, f] of others) {
    say(`      ${name}: ${fmtMs(f.cpu)} cpu, ${fmtMs(f.wall)} wall (${file})`);
  }
  const failures = reports.flatMap((r) => r.failures);
  for (const f of failures) say(`FAILED  ${f}`);
  const misses = lines.filter((l) => !l.ok).length;
  if (misses > 0 || failures.length > 0) {
    say(`\n${misses} target(s) missed, ${failures.length} failure(s)`);
    return 1;
  }
  say("\nevery target met");
  return 0;
}

async function main(args: string[]): Promise<number> {
  if (args[0] === "--file") {
    console.log(JSON.stringify(await measureFile(args[1], JSON.parse(args[2]) as Pair[])));
    return 0;
  }
  const files = args.length > 0 ? args.map((f) => resolve(f)) : [
    ...Deno.readDirSync(BENCH_DIR),
  ].filter((e) => e.isFile && e.name.endsWith("_bench.ts")).map((e) => join(BENCH_DIR, e.name))
    .sort();
  return await runBench(files, TARGETS, args.length === 0);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
