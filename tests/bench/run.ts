/**
 * `deno task bench`: runs the benchmarks and holds them to their targets (tests/bench/targets.ts).
 *
 * Plain `deno bench` reports times but never fails on slowness, and a busy machine moves its
 * figures by half. So this runner measures the same `Deno.bench` files itself: each file in its
 * own process (`run.ts --file F`), where `Deno.bench` is replaced by a recorder before the file
 * is imported; then every target's bench and its reference are run alternately, round after
 * round, so both see the same machine. A figure is the best CPU time of the process per
 * iteration (user + system, `process.cpuUsage()`: what the code costs on this machine's cores,
 * which other processes' load hardly moves), with the best wall time beside it. It prints one
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
import process from "node:process";
import { join, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";
import { type Target, TARGETS } from "./targets.ts";

/** One bench's best figures over its rounds, in milliseconds per iteration. */
export interface Figures {
  cpu: number;
  wall: number;
  /** Rounds measured. */
  rounds: number;
}

/** What one file's process reports. */
interface FileReport {
  file: string;
  /** Per target (by name) measured in this file: the bench's and the reference's figures. */
  targets: Record<string, { bench: Figures; reference?: Figures }>;
  /** The benches no target names. */
  others: Record<string, Figures>;
  failures: string[];
}

/** A `Deno.bench` registration, as recorded. */
interface Registered {
  name: string;
  fn: (b: Deno.BenchContext) => unknown;
  n?: number;
  warmup?: number;
}

const BENCH_DIR = join(PROJECT_ROOT, "tests/bench");
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-run",
  "--allow-env",
  "--allow-net=127.0.0.1",
];

// --- one file, in its own process ---------------------------------------------------------------

/** Imports `file` with `Deno.bench` replaced by a recorder; what it registered. */
async function recordBenches(file: string): Promise<Registered[]> {
  const out: Registered[] = [];
  type Fn = Deno.BenchDefinition["fn"];
  type Opts = Omit<Deno.BenchDefinition, "fn" | "name">;
  (Deno as { bench: unknown }).bench = (
    a: string | Deno.BenchDefinition | Fn,
    b?: Opts | Fn,
    c?: Fn,
  ) => {
    const def: Deno.BenchDefinition = typeof a === "object"
      ? a
      : typeof a === "function"
      ? { name: a.name, fn: a }
      : typeof b === "function"
      ? { name: a, fn: b }
      : { ...b, name: a, fn: c! };
    if (def.ignore) return;
    out.push({ name: def.name, fn: def.fn, n: def.n, warmup: def.warmup });
  };
  await import(new URL(`file://${file}`).href);
  return out;
}

/** One iteration's CPU and wall time in ms (the `b.start()`/`b.end()` span when the bench uses them). */
async function once(r: Registered, reps: number): Promise<{ cpu: number; wall: number }> {
  let c0 = process.cpuUsage(), t0 = performance.now();
  let span: { cpu: number; wall: number } | null = null;
  const ctx = {
    name: r.name,
    origin: "",
    start() {
      c0 = process.cpuUsage();
      t0 = performance.now();
    },
    end() {
      const c = process.cpuUsage(c0);
      span = { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
    },
  } as Deno.BenchContext;
  c0 = process.cpuUsage();
  t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const p = r.fn(ctx);
    if (p instanceof Promise) await p;
  }
  if (span !== null) return span;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000 / reps, wall: (performance.now() - t0) / reps };
}

/**
 * Measures `benches` round-robin: warm each (its `warmup` iterations, at least one), pick a
 * repetition count that makes one sample at least 5 ms, then take `rounds` samples of each in
 * turn (the bench's `n`, or about a second's worth, 5 to 50); the best of each.
 */
async function measure(benches: Registered[]): Promise<Figures[]> {
  const plans: { reps: number; rounds: number }[] = [];
  for (const r of benches) {
    let t = 0; // the last warm-up's time tells how long one iteration takes
    for (let i = 0; i < Math.max(1, r.warmup ?? 1); i++) t = (await once(r, 1)).wall;
    let reps = 1; // a fast bench: double the repetitions until a sample takes 5 ms
    while (t * reps < 5 && reps < 1e6) t = (await once(r, reps *= 2)).wall;
    // About a second of samples per bench unless the bench says how many (`n`), at least 5.
    plans.push({ reps, rounds: r.n ?? Math.min(50, Math.max(5, Math.round(1000 / (t * reps)))) });
  }
  const rounds = Math.max(...plans.map((p) => p.rounds));
  const best = benches.map(() => ({ cpu: Infinity, wall: Infinity, rounds: 0 }));
  for (let k = 0; k < rounds; k++) {
    for (const [i, r] of benches.entries()) {
      if (k >= plans[i].rounds) continue;
      const s = await once(r, plans[i].reps);
      best[i] = {
        cpu: Math.min(best[i].cpu, s.cpu),
        wall: Math.min(best[i].wall, s.wall),
        rounds: k + 1,
      };
    }
  }
  return best;
}

/** What a file's process measures together: a target's bench and its reference, by name. */
type Pair = { target: string; bench: string; reference?: string };

async function measureFile(file: string, pairs: readonly Pair[]): Promise<FileReport> {
  const registered = await recordBenches(file);
  const byName = new Map(registered.map((r) => [r.name, r]));
  const report: FileReport = {
    file: relative(PROJECT_ROOT, file),
    targets: {},
    others: {},
    failures: [],
  };
  const used = new Set<string>();
  for (const p of pairs) {
    const bench = byName.get(p.bench);
    if (bench === undefined) continue;
    const ref = p.reference === undefined ? undefined : byName.get(p.reference);
    if (p.reference !== undefined && ref === undefined) {
      report.failures.push(`${p.target}: no reference ${JSON.stringify(p.reference)} in ${file}`);
      continue;
    }
    try {
      const [b, r] = await measure(ref ? [bench, ref] : [bench]);
      report.targets[p.target] = { bench: b, ...(r ? { reference: r } : {}) };
    } catch (e) {
      report.failures.push(`${p.bench}: ${(e as Error).message}`);
    }
    used.add(p.bench).add(p.reference ?? p.bench);
  }
  for (const r of registered.filter((r) => !used.has(r.name))) {
    try {
      report.others[r.name] = (await measure([r]))[0];
    } catch (e) {
      report.failures.push(`${r.name}: ${(e as Error).message}`);
    }
  }
  return report;
}

// --- the targets --------------------------------------------------------------------------------

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
