/**
 * The speed targets `deno task bench` checks (tests/bench/run.ts runs the `*_bench.ts` files with
 * `deno bench --json` and holds each figure to its target here; one line per target, exit 1 on a
 * miss). Speed lives here, never in `deno task test`.
 *
 * A target names a `Deno.bench` by its name. Its figure is that bench's best time per iteration
 * (CPU time unless the target says wall), or, with `work`, the items per second that time gives.
 * Where the machine's speed would otherwise decide, the target also names a `reference` bench in
 * the same file, measured alternately with it in the same process: the ratio time(bench) /
 * time(reference) then decides ok or MISS, and the absolute figure is reported beside its budget
 * (a slow or busy machine slows both). Without a reference, the absolute budget decides. Each
 * bound on a ratio says what it stands for and what this machine measured.
 *
 * To add one: a `Deno.bench` in a `tests/bench/*_bench.ts` file (and its reference beside it),
 * and a line below.
 */
import { TEN_MB_SHAPE_NAMES } from "../instrument/ten_mb_shapes.ts";
import { TOKENIZER_RUNS } from "./tokenizer_runs.ts";

/** One speed target. */
export interface Target {
  /** What is measured, as printed. */
  name: string;
  /** The `Deno.bench` name measured. */
  bench: string;
  /** The absolute budget: at most this many milliseconds per iteration. */
  maxMs: number;
  /** Items per iteration, to report (and budget) the figure as a rate: `work / time`. */
  work?: { items: number; unit: string };
  /** The reference bench (same file) and the bound on time(bench) / time(reference). */
  reference?: { bench: string; maxRatio: number };
  /**
   * The clock that decides: the process's CPU time (default; what the code costs, which other
   * processes' load hardly moves), or wall time where waiting is what is measured (a retry's
   * sleep costs no CPU).
   */
  clock?: "cpu" | "wall";
}

/** Every target, in the order they are printed. */
export const TARGETS: readonly Target[] = [
  // The scorer (tests/bench/scorer_bench.ts). README: ≥ 10 M scores/s. The reference is the
  // acceptance check's naive one-regex checker (no totality, no explanations), which holds the
  // scorer to ≥ 0.45× its speed on the check's rows; on this mix (more format failures, each
  // explained) the scorer took 2.11–2.36× its time. Bound: 3×.
  {
    name: "scorer: 200,000 mixed completions",
    bench: "score() × 200,000 mixed realistic completions",
    maxMs: 20,
    work: { items: 200_000, unit: "scores" },
    reference: { bench: "naive one-regex checker × 200,000 (reference)", maxRatio: 3 },
  },
  // Each 10 MB shape: under 50 ms (once a test assertion), and within 3 passes of a JavaScript
  // loop over 10 MB (measured 0.06–0.9×: the scans are native; a quadratic step or a copy per
  // line would be far over).
  ...TEN_MB_SHAPE_NAMES.map((shape): Target => ({
    name: `scorer: 10 MB, ${shape}`,
    bench: `score() × one 10 MB completion: ${shape}`,
    maxMs: 50,
    reference: { bench: "one charCodeAt pass over 10 MB (reference)", maxRatio: 3 },
  })),
  // The tokenizer (tests/bench/tokenizer_bench.ts): 20,000 identical characters in well under a
  // second, and ×4 input at most ×10 time (linear up to a log factor, measured 3.8–4.8×;
  // js-tiktoken: ×16 and worse). Once a test assertion; the test now counts the merge work.
  ...TOKENIZER_RUNS.map(([label]): Target => ({
    name: `tokenizer: 20,000 × ${label}, vs 5,000`,
    bench: `encodeIds() 20,000 × ${label}`,
    maxMs: 1000,
    reference: { bench: `encodeIds() 5,000 × ${label}`, maxRatio: 10 },
  })),
  // The gate (tests/bench/gate_bench.ts). README: well under 1 s for two 20,000-item runs; once
  // a test assertion (< 1.5 s). Against reading, parsing and scoring the rows (which any gate
  // must do), it also checks the manifests, hashes every artifact and compares: 4.1–4.9×.
  {
    name: "gate: two 20,000-item runs, re-scoring every row",
    bench: "gate() on two 20,000-item runs",
    maxMs: 1000,
    reference: { bench: "read, parse and score the 40,000 rows (reference)", maxRatio: 8 },
  },
  // Provenance (issue 21 §1): the gate re-samples the 120 prompts a run claims from the course's
  // own policy, and re-scores its tokens. Absolute: the sampler's speed is the fast kernels'.
  {
    name: "gate: re-sampling 120 prompts a run claims",
    bench: "re-sampling the 120 prompts a run claims, tokens re-scored",
    maxMs: 500,
  },
  // The golden gate (tests/bench/golden_bench.ts): once a test assertion (< 500 ms). Against
  // scoring the cases alone: 1.2–1.4×.
  {
    name: "golden gate: 74 cases, a fresh scorer",
    bench: "goldenGate() of a fresh scorer (74 cases)",
    maxMs: 500,
    reference: { bench: "score() on the 74 golden cases (reference)", maxRatio: 5 },
  },
  // Eval (tests/bench/eval_bench.ts). README: 200,000 rows in under 1 s; the acceptance check
  // holds the whole process to 2× the wall time of one that reads, parses and writes a line per
  // row. In process, on CPU time (which counts the GC's and the I/O threads' work): 1.7–2.2×.
  {
    name: "eval: 200,000 rows",
    bench: "runEval() on 200,000 rows (read, score, write the run)",
    maxMs: 1000,
    work: { items: 200_000, unit: "rows" },
    reference: { bench: "read, parse and write 200,000 rows (reference)", maxRatio: 3 },
  },
  // Selection (tests/bench/selection_bench.ts). README: best-of-N over 20,000 prompts × 8 in
  // under 1 s. Against reading, parsing and writing the packs without scoring: 4.5–5.1× when
  // first measured (at load 8–12, which slows the floor more), 7.1–9.9× on the quiet machine on
  // 2026-12-06 (`deno bench -A tests/bench/selection_bench.ts`, four runs; runSelect 280 ms, as
  // before this round): besides scoring 160,000 samples, the run preserves big integers while
  // parsing, hashes and syncs its files and writes its manifest, which the floor does not.
  {
    name: "select: 20,000 prompts × 8 samples, N = 4",
    bench: "runSelect() 20,000 prompts x 8 samples, N = 4",
    maxMs: 1000,
    reference: { bench: "read, parse and write 20,000 packs (reference)", maxRatio: 12 },
  },
  // Rollouts against a wrong model (tests/bench/rollouts_bench.ts): refused at once (once a test
  // assertion, < 8 s end to end; the test now counts the requests: one). In wall time, against
  // the same one-request run that succeeds and writes its run: 0.10–0.21×; a retry would wait
  // 250 ms or more first (20× and more).
  {
    name: "rollouts: a wrong model is refused",
    bench: "runRollouts() against a wrong model, refused",
    maxMs: 8000,
    clock: "wall",
    reference: {
      bench: "the same run with the right model, one request (reference)",
      maxRatio: 1,
    },
  },
];
