/**
 * What `deno task inspect` prints beyond the groups (those are `inspectStory` in eval_story.ts):
 * one row in full (`--id`), the prompts a selection rescued with sample 0's text next to the
 * chosen text, and the one-line warning when the run was scored by another scorer than today's.
 * Pure functions: the CLI prints them.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rowStory } from "./inspect_story.ts";
 * const row = { id: "a", reward: 0, code: "wrong_answer", message: "Off by one.", completion: "Final: 3" };
 * assertEquals(rowStory(row, { path: "runs/x/results.jsonl", line: 1, kind: "eval" })[5], "  completion  Final:␣3  (8 characters)");
 * ```
 * @module
 */
import { visible } from "../core/visible.ts";
import type { InspectedRow, ScorerIdentity } from "../measure/inspect.ts";
import { codeMeaning } from "./eval_story.ts";

/** Fields that hold a completion: shown with visible whitespace and their length. */
const TEXT_FIELDS = new Set(["completion", "first_completion"]);

function fieldValue(key: string, v: unknown): string {
  if (typeof v === "string") {
    if (TEXT_FIELDS.has(key)) return `${visible(v)}  (${v.length} characters)`;
    const shown = /^[\x20-\x7e]*$/.test(v) ? v : visible(v);
    const meaning = key === "code" || key === "first_code" ? codeMeaning(v) : "";
    return meaning === "" ? shown : `${shown}  (${meaning})`;
  }
  return JSON.stringify(v) ?? String(v);
}

/**
 * One row of `results.jsonl` in full: every field in the order the run wrote it, completions
 * with visible whitespace and their length, each code with the rule it names, the scorer's
 * message as written.
 *
 * @param row the row as read
 * @param at where it is: the results file, its line, and the kind of run (null: unknown)
 */
export function rowStory(
  row: Record<string, unknown>,
  at: { path: string; line: number; kind: string | null },
): string[] {
  const keys = Object.keys(row);
  const width = Math.max(10, ...keys.map((k) => k.length));
  const kind = at.kind === null
    ? "a run without a manifest"
    : `${/^[aeiou]/.test(at.kind) ? "an" : "a"} ${at.kind} run`;
  const out = [
    `Row ${JSON.stringify(row.id)} of ${at.path}:${at.line} (${kind}), every field:`,
  ];
  for (const k of keys) out.push(`  ${k.padEnd(width)}  ${fieldValue(k, row[k])}`);
  if (keys.some((k) => TEXT_FIELDS.has(k) && typeof row[k] === "string")) {
    out.push(
      "Completions are shown with visible whitespace: ␣ is a space, \\n a line feed, " +
        "\\u{XXXX} a hidden or non-ASCII character.",
    );
  }
  return out;
}

/**
 * The prompts a selection rescued (sample 0 failed, the chosen sample passed), each with sample
 * 0's text and code next to the chosen text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rescuedLines } from "./inspect_story.ts";
 * const row = { id: "q", reward: 1, code: "ok", message: "", completion: "Final: 3", chosen: 2, first_completion: "3", first_code: "missing_prefix" };
 * assertEquals(rescuedLines({ count: 1, rows: [row] }, 2).slice(1), [
 *   "  - q",
 *   "      sample 0  (missing_prefix)  3",
 *   "      chosen 2  (ok)              Final:␣3",
 * ]);
 * ```
 */
export function rescuedLines(r: { count: number; rows: InspectedRow[] }, show: number): string[] {
  if (r.count === 0) return ["No prompt was rescued: selection changed no failure into a pass."];
  const rows = r.rows.slice(0, show);
  const out = [
    `Rescued by selection: ${r.count} prompt(s) whose sample 0 failed and whose chosen sample ` +
    `passed${rows.length < r.count ? ` (the first ${rows.length} shown; raise --show)` : ""}:`,
  ];
  for (const row of rows) {
    const first = row.first_completion === undefined
      ? "(not recorded: a run made before results.jsonl kept sample 0's text)"
      : visible(row.first_completion, { max: 160 });
    const firstCode = `(${row.first_code ?? "?"})`, chosenCode = `(${row.code})`;
    const w = Math.max(firstCode.length, chosenCode.length);
    out.push(
      `  - ${row.id}`,
      `      sample 0  ${firstCode.padEnd(w)}  ${first}`,
      `      chosen ${row.chosen ?? "?"}  ${chosenCode.padEnd(w)}  ${
        row.completion === null ? "(no completion)" : visible(row.completion, { max: 160 })
      }`,
    );
  }
  return out;
}

/**
 * The one-line warning when a run was scored by another scorer (version or code) than the
 * current one.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { scorerDriftLine } from "./inspect_story.ts";
 * const run = { name: "final-int-strict", version: "0.9.0", fingerprint: "a".repeat(64) };
 * const current = { name: "final-int-strict", version: "1.0.0", fingerprint: "b".repeat(64) };
 * assertStringIncludes(scorerDriftLine({ run, current }), "final-int-strict 0.9.0 (aaaaaaaaaaaa…)");
 * ```
 */
export function scorerDriftLine(d: { run: ScorerIdentity; current: ScorerIdentity }): string {
  const who = (s: ScorerIdentity) => `${s.name} ${s.version} (${s.fingerprint.slice(0, 12)}…)`;
  return `warning: this run was scored by ${who(d.run)}, not by the current scorer ` +
    `${who(d.current)}: its rewards, codes and messages may differ from what the scorer says today`;
}
