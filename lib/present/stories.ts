/**
 * The stories commands print: plain text built from summaries, with fixed precision, so a
 * first-time student learns what happened without reading the code. Pure functions: the CLIs
 * print them, the notebooks display them, the tests read them.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { evalStory } from "./stories.ts";
 * const text = evalStory(
 *   { kind: "eval", n: 4, passes: 1, pass_rate: 0.25, ci95: [0.05, 0.7], codes: { ok: 1, wrong_answer: 3 }, missing_completions: 0 },
 *   { dataset: "d.jsonl", completions: "c.jsonl", runPath: "runs/x" },
 * );
 * assertStringIncludes(text, "Pass rate: 1/4 = 25.0%");
 * ```
 * @module
 */
import { type EvalSummary, MISSING_COMPLETION } from "../measure/eval.ts";
import { passRateLine } from "./eval_summary.ts";
import { SPEC_V1 } from "../instrument/scorer.ts";
import { pct, points } from "./format.ts";
import type { ResultGroup } from "../measure/inspect.ts";
import { visible } from "../core/visible.ts";
import type { SelectSummary } from "../select/selection.ts";
import type { GateReason, GateVerdict } from "../compare/gate.ts";

/** What each code means, in one phrase (the rule it enforces). */
export function codeMeaning(code: string): string {
  if (code === "ok") return "rewarded";
  if (code === MISSING_COMPLETION) return "no completion was given for the example";
  const rule = SPEC_V1.rules.find((r) => r.code === code);
  return rule === undefined ? "" : `rule: ${rule.rule}`;
}

/** A table of failure codes with counts, largest first, one line each. */
export function failureTable(codes: Record<string, number>, n: number): string[] {
  const fails = Object.entries(codes).filter(([code]) => code !== "ok");
  const width = Math.max(0, ...fails.map(([c]) => c.length));
  return fails.map(([code, k]) =>
    `  ${code.padEnd(width)}  ${String(k).padStart(5)}  ${pct(k / n).padStart(6)}  ${
      codeMeaning(code)
    }`
  );
}

/** The story `deno task eval` prints. */
export function evalStory(
  s: EvalSummary,
  where: {
    dataset: string;
    completions: string;
    runPath: string;
    scorer?: { name: string; version: string; goldenPassed: boolean };
  },
): string {
  const fails = s.n - s.passes;
  const lines = [
    "Loop A (measure): scoring frozen completions; neither the policy nor the scorer changes.",
    `  dataset      ${where.dataset}`,
    `  completions  ${where.completions}`,
  ];
  if (where.scorer) {
    const g = where.scorer.goldenPassed ? "golden gate passed" : "GOLDEN GATE FAILED";
    lines.push(`  scorer       ${where.scorer.name} v${where.scorer.version} (${g})`);
  }
  lines.push(
    "",
    `Pass rate: ${passRateLine(s.passes, s.n)}`,
    "",
    fails === 0 ? "No failures." : `Failures by code (${fails}), largest first:`,
    ...failureTable(s.codes, s.n),
  );
  if (s.missing_completions > 0) {
    lines.push(
      "",
      `Warning: ${s.missing_completions} example(s) had no completion; each counts as a failure.`,
    );
  }
  if (s.n < 100) {
    lines.push(
      "",
      `Noise rule: with ${s.n} < 100 items, differences of 5 points or less are noise.`,
    );
  }
  lines.push(
    "",
    `Run written to ${where.runPath}/ (manifest.json, results.jsonl, summary.json, summary.md)`,
    `Next: deno task inspect --run ${where.runPath} --only-fails`,
  );
  return lines.join("\n");
}

/** The story `deno task inspect` prints: groups, largest first, with examples made visible. */
export function inspectStory(
  r: { groups: ResultGroup[]; total: number; passes: number },
  opts: { runPath: string; topK: number; show: number; onlyFails: boolean },
): string {
  const shown = r.groups.slice(0, opts.topK);
  const lines = [
    `Inspecting ${opts.runPath}: ${r.total} results, ${r.passes} rewarded, ${
      r.total - r.passes
    } not.`,
    opts.onlyFails
      ? "Failures grouped by code, largest group first."
      : "Results grouped by code, largest group first.",
    "Completions are shown with visible whitespace: ␣ is a space, \\n a line feed, \\u{XXXX} a hidden or non-ASCII character.",
  ];
  for (const g of shown) {
    lines.push("", `== ${g.code} (${g.count}) ${codeMeaning(g.code)}`);
    for (const row of g.rows.slice(0, opts.show)) {
      lines.push(
        `  - ${row.id}: ${
          row.completion === null ? "(no completion)" : visible(row.completion, { max: 160 })
        }`,
      );
      lines.push(`    expected ${row.expected ?? "?"}, parsed ${row.answer ?? "nothing"}`);
      lines.push(`    why: ${row.message}`);
    }
  }
  if (r.groups.length > shown.length) {
    const rest = r.groups.slice(shown.length);
    lines.push(
      "",
      `(${rest.length} more group(s) not shown: ${
        rest.map((g) => `${g.code} ${g.count}`).join(", ")
      }; raise --top-k)`,
    );
  }
  if (shown.length === 0) lines.push("", "Nothing to show.");
  return lines.join("\n");
}

/**
 * The story `deno task select` prints: pass@1 against pass@N, the rescued prompts, and the
 * pass@k table (unbiased vs naive) with the reason they differ.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { selectStory } from "./stories.ts";
 * const text = selectStory({
 *   kind: "select", n: 2, n_prompts: 2, samples_per_prompt: 2, tie_break: "first index",
 *   passes_at_1: 1, passes_at_n: 2, pass_at_1: 0.5, pass_at_n: 1, ci95_at_1: [0.1, 0.9],
 *   ci95_at_n: [0.3, 1], rescued: 1, lost: 0, mean_sample_pass_rate: 0.5, never_solved: 0,
 *   always_solved: 0, rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 1 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 *   chosen_index_counts: { "0": 1, "1": 1 },
 * }, { dataset: "d.jsonl", samples: "p.jsonl", runPath: "runs/x", plot: false });
 * assertStringIncludes(text, "pass@1 = 50.0%  pass@2 = 100.0%  (+50.0 points from selection; the policy did not change)");
 * ```
 */
export function selectStory(
  s: SelectSummary,
  where: { dataset: string; samples: string; runPath: string; plot: boolean },
): string {
  const gain = 100 * (s.pass_at_n - s.pass_at_1);
  const K = s.samples_per_prompt;
  const lines = [
    `Loop B (select): best-of-${s.n} over the first ${s.n} samples of each prompt; the policy ` +
    "and the scorer do not change.",
    `  dataset   ${where.dataset}`,
    `  samples   ${where.samples}`,
    `  rule      pickBest: the highest reward; ties go to the ${s.tie_break}`,
    "",
    `pass@1 = ${pct(s.pass_at_1)}  pass@${s.n} = ${pct(s.pass_at_n)}  (${gain >= 0 ? "+" : "−"}${
      Math.abs(gain).toFixed(1)
    } points from selection; the policy did not change)`,
    `  pass@1 (sample 0):       ${passRateLine(s.passes_at_1, s.n_prompts)}`,
    `  pass@${s.n} (chosen sample): ${passRateLine(s.passes_at_n, s.n_prompts)}`,
    `  rescued: ${s.rescued} prompt(s) failed on sample 0 and passed on the chosen sample`,
    `  chosen index: ${
      Object.entries(s.chosen_index_counts).map(([i, k]) => `${i}:${k}`).join(" ")
    }`,
  ];
  if (s.lost > 0) {
    lines.push(`  Warning: ${s.lost} prompt(s) passed on sample 0 but not on the chosen sample.`);
  }
  lines.push(
    "",
    `pass@k over all ${K} samples per prompt (unbiased: mean over prompts of ` +
      "1 − C(n−c,k)/C(n,k); naive: 1 − (1 − p̂)^k with p̂ = " +
      `${pct(s.mean_sample_pass_rate)}, the mean per-sample pass rate):`,
    "    k  unbiased   naive",
    ...Object.keys(s.pass_at_k).map((k) =>
      `  ${k.padStart(3)}  ${pct(s.pass_at_k[k]).padStart(8)}  ${
        pct(s.pass_at_k_naive[k]).padStart(6)
      }`
    ),
    "",
    whyPassAtKDiffers(s),
    "",
    `Run written to ${where.runPath}/ (manifest.json, results.jsonl, summary.json, summary.md${
      where.plot ? ", pass_at_k.svg" : ""
    })`,
  );
  return lines.join("\n");
}

/**
 * The story `deno task gate` prints: every Locked Room check, the paired figures when the room
 * is locked, and the decision with every reason.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { gateStory } from "./stories.ts";
 * import { decide, GATE_DEFAULTS } from "../compare/gate.ts";
 * const none = { path: "runs/x", manifest: null, manifestProblem: "has no manifest.json", rewards: null, resultsProblem: null };
 * assertStringIncludes(gateStory(decide(none, none, GATE_DEFAULTS)), "REJECT");
 * ```
 */
export function gateStory(v: GateVerdict): string {
  const tag = (r: GateReason) =>
    ({ ok: "ok", violation: "VIOLATION", warning: "warning", note: "note" })[r.severity];
  const width = Math.max(...v.checks.map((r) => r.check.length));
  const lines = [
    `Gate: baseline ${v.baseline} vs candidate ${v.candidate}`,
    "Locked Room: only the policy (completions/samples) may change between the two runs.",
    ...v.checks.map((r) => `  ${tag(r).padEnd(9)}  ${r.check.padEnd(width)}  ${r.message}`),
    `  Sampling rule: ${v.sampling_rule}.`,
    "",
  ];
  const c = v.comparison;
  if (c === null) {
    lines.push("No comparison: the room is not locked, so the numbers would not mean anything.");
  } else {
    lines.push(
      `Paired comparison on the same ${c.n} examples:`,
      `  pass rate   ${pct(c.baseline_pass_rate)} → ${pct(c.candidate_pass_rate)}  delta ${
        points(c.delta)
      } points`,
      `  paired      baseline pass → candidate fail: ${c.baseline_pass_candidate_fail}   ` +
        `baseline fail → candidate pass: ${c.baseline_fail_candidate_pass}`,
      `  McNemar     exact two-sided p = ${c.mcnemar_p.toPrecision(3)} (binomial on the ${
        c.baseline_pass_candidate_fail + c.baseline_fail_candidate_pass
      } discordant pairs)`,
      `  bootstrap   95% CI of the delta ${points(c.ci95[0])} to ${points(c.ci95[1])} points ` +
        `(${c.bootstrap.resamples} paired resamples, seed ${c.bootstrap.seed})`,
    );
  }
  lines.push(
    "",
    `${v.decision} (min-delta ${(100 * v.min_delta).toFixed(1)} points)`,
    ...v.reasons.map((r) => `  - [${tag(r)}] ${r.check}: ${r.message}`),
  );
  return lines.join("\n");
}

/**
 * One paragraph on why the unbiased and naive pass@k curves differ, from the run's own figures:
 * the naive curve assumes one shared rate p̂ for every prompt, so it sits above the unbiased one
 * when prompts differ more than that allows (some never solved) and below it when successes are
 * spread more evenly than independent draws would spread them.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { whyPassAtKDiffers } from "./stories.ts";
 * const text = whyPassAtKDiffers({
 *   n_prompts: 2, samples_per_prompt: 2, never_solved: 1, always_solved: 1,
 *   rate_variance: 0.25, rate_variance_if_one_p: 0.125,
 *   pass_at_k: { "1": 0.5, "2": 0.5 }, pass_at_k_naive: { "1": 0.5, "2": 0.75 },
 * });
 * assertStringIncludes(text, "the naive curve lies above");
 * ```
 */
export function whyPassAtKDiffers(
  s: Pick<
    SelectSummary,
    | "n_prompts"
    | "samples_per_prompt"
    | "never_solved"
    | "always_solved"
    | "rate_variance"
    | "rate_variance_if_one_p"
    | "pass_at_k"
    | "pass_at_k_naive"
  >,
): string {
  const K = String(s.samples_per_prompt);
  const gap = (s.pass_at_k_naive[K] ?? 0) - (s.pass_at_k[K] ?? 0);
  const spread = `the per-prompt pass rate varies with variance ${
    s.rate_variance.toFixed(4)
  }, against ${s.rate_variance_if_one_p.toFixed(4)} if every prompt had the same p̂`;
  const base = "Why they differ: the naive curve treats every prompt as solved independently " +
    "with one shared probability p̂; the unbiased estimate averages each prompt's own curve. ";
  if (gap > 1e-9) {
    return base +
      `Here the naive curve lies above (by ${(100 * gap).toFixed(1)} points at k = ${K}): ` +
      `${spread}, and ${s.never_solved} of ${s.n_prompts} prompts have no correct sample at ` +
      "all. More samples cannot rescue a prompt the policy never solves, and 1 − (1 − p)^k is " +
      "concave, so the average of the per-prompt curves lies below the curve at the average p̂.";
  }
  if (gap < -1e-9) {
    return base +
      `Here the unbiased curve lies above (by ${(100 * -gap).toFixed(1)} points at k = ${K}): ` +
      `${spread}, so successes are spread more evenly over prompts than independent draws ` +
      `would spread them (only ${s.never_solved} of ${s.n_prompts} never solved) and extra ` +
      "samples find a correct one more often than the naive guess. With prompts of differing " +
      "difficulty the gap turns the other way: prompts never solved stay unsolved.";
  }
  return base + `Here the two agree: ${spread}.`;
}

/**
 * The loud warning an eval or select prints when the scorer it used fails the golden sets
 * (rule 5), or null when the gate passed.
 */
export function goldenWarning(
  gate: { passed: boolean; false_negatives: number; false_positives: number },
): string | null {
  if (gate.passed) return null;
  const bar = "!".repeat(78);
  return [
    bar,
    `WARNING: the scorer FAILED the golden gate (${gate.false_negatives} false negative(s), ` +
    `${gate.false_positives} false positive(s)).`,
    "Do not trust this run's numbers. Run `deno task golden` to see each failure.",
    bar,
  ].join("\n");
}
