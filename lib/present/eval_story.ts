/**
 * What `deno task eval`, `demo` and `inspect` print (Loop A): the pass rate with its interval, the
 * failures by code with the rule each code names, the largest failure groups with examples made
 * visible, and the loud warning when the scorer failed its golden gate. Pure functions: the CLIs
 * print them, the notebooks display them, the tests read them.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { evalStory } from "./eval_story.ts";
 * const text = evalStory(
 *   { kind: "eval", n: 4, passes: 1, pass_rate: 0.25, ci95: [0.05, 0.7], codes: { ok: 1, wrong_answer: 3 }, missing_completions: 0 },
 *   { dataset: "d.jsonl", completions: "c.jsonl", runPath: "runs/x" },
 * );
 * assertStringIncludes(text, "Pass rate: 1/4 = 25.0%");
 * ```
 * @module
 */
import type { EvalSummary } from "../measure/eval_result.ts";
import { MISSING_COMPLETION } from "../measure/rows.ts";
import { passRateLine } from "./eval_summary.ts";
import { SPEC_V1 } from "../instrument/spec.ts";
import { pct } from "./format.ts";
import type { ResultGroup } from "../measure/inspect.ts";
import { visible } from "../core/visible.ts";
import { klEstimateLines, sealedNote, sliceLine } from "./measure_notes.ts";

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
    /** The sealed course dataset this is, or null (a note says so); absent: not said. */
    sealed?: string | null;
  },
): string {
  const fails = s.n - s.passes;
  const lines = [
    "Loop A (measure): scoring the completions of a file; neither the policy nor the scorer " +
    "changes.",
    `  dataset      ${where.dataset}`,
    `  completions  ${where.completions}`,
  ];
  if (s.slice) lines.push(`  slice        ${sliceLine(s.slice)}`);
  if (where.scorer) {
    const g = where.scorer.goldenPassed ? "golden gate passed" : "GOLDEN GATE FAILED";
    lines.push(`  scorer       ${where.scorer.name} v${where.scorer.version} (${g})`);
  }
  const note = where.sealed === undefined ? null : sealedNote(where.sealed);
  if (note !== null) lines.push(note);
  lines.push(
    "",
    `Pass rate: ${passRateLine(s.passes, s.n)}`,
    "",
    fails === 0 ? "No failures." : `Failures by code (${fails}), largest first:`,
    ...failureTable(s.codes, s.n),
  );
  if (s.kl) lines.push("", ...klEstimateLines(s.kl));
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
    `run written to ${where.runPath} (manifest.json, results.jsonl, summary.json, summary.md)`,
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

/**
 * The opening of `deno task demo`: what the tour measures, with which scorer, and that the
 * completions are synthetic.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { tourOpening } from "./eval_story.ts";
 * assertStringIncludes(tourOpening(), "SYNTHETIC");
 * ```
 */
export function tourOpening(): string {
  return `RL Foundations for LLMs: a tour of Loop A with the ${SPEC_V1.name} scorer ` +
    `v${SPEC_V1.version}.\n` +
    "The completions are SYNTHETIC: a seeded simulated policy that fails like a weak model.\n";
}
