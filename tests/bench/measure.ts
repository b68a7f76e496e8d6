/**
 * The measuring half of `deno task bench` (tests/bench/run.ts), run in one process per bench file
 * (`run.ts --file F PAIRS`): `Deno.bench` is replaced by a recorder before the file is imported,
 * then each target's bench and its reference are run alternately, round after round, so both see
 * the same machine; the other benches alone. A figure is the best CPU time of the process per
 * iteration (user + system, `process.cpuUsage()`), with the best wall time beside it. A bench that
 * uses `b.start()`/`b.end()` is timed over that span (of its last repetition).
 */
import process from "node:process";
import { relative } from "node:path";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

/** One bench's best figures over its rounds, in milliseconds per iteration. */
export interface Figures {
  cpu: number;
  wall: number;
  /** Rounds measured. */
  rounds: number;
}

/** What one file's process reports. */
export interface FileReport {
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

/** What a file's process measures together: a target's bench and its reference, by name. */
export type Pair = { target: string; bench: string; reference?: string };

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

/** Measures the benches `file` registers: the `pairs` together, the others alone. */
export async function measureFile(file: string, pairs: readonly Pair[]): Promise<FileReport> {
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
