/**
 * What `deno task redteam` prints and writes: the disagreements between a rubric variant and the
 * strict scorer, grouped by exploit class with examples made visible; `summary.json`,
 * `summary.md`; and `writeRedTeamRun` (writes the run).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { redTeam } from "../redteam/redteam.ts";
 * import { redTeamStory } from "./redteam_story.ts";
 * const r = redTeam([{ id: "q1", expected_answer: 323 }], { rubric: "substring", seed: 0, perClass: 5 });
 * assertStringIncludes(redTeamStory(r), "answer_laundering");
 * ```
 * @module
 */
import { type Candidate, type RedTeamResult } from "../redteam/redteam.ts";
import { ATTACK_CLASSES } from "../redteam/mutations.ts";
import { RUBRIC_NOTES } from "../instrument/rubrics.ts";
import { visible } from "../core/visible.ts";

function exampleLine(c: Candidate): string {
  return `${c.id} (expected ${c.expected}, seed ${c.seed}): ${
    visible(c.completion, { max: 120 })
  }  ` +
    `variant ${c.variant_reward}/${c.variant_code}, strict ${c.strict_reward}/${c.strict_code}`;
}

/**
 * The story `deno task redteam` prints: the counts per class, then, grouped by class, up to
 * `show` examples of each kind of disagreement (completions made visible).
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { redTeam } from "../redteam/redteam.ts";
 * import { redTeamStory } from "./redteam_story.ts";
 * const r = redTeam([{ id: "q1", expected_answer: 323 }], { rubric: "lenient", seed: 0, perClass: 5 });
 * assertStringIncludes(redTeamStory(r), "false positives (reward hacks)");
 * ```
 */
export function redTeamStory(r: RedTeamResult, show = 3): string {
  const { rubric, seed, perClass } = r.config;
  const lines = [
    `Red team: rubric ${rubric} vs the strict scorer, seed ${seed}, up to ${perClass} candidates per class.`,
    `  ${rubric} checks: ${RUBRIC_NOTES[rubric].checks}`,
    "Completions are shown with visible whitespace: ␣ is a space, \\n a line feed, " +
    "\\u{XXXX} a hidden or non-ASCII character.",
    "",
    `  ${"class".padEnd(18)} ${"n".padStart(4)} ${"false +".padStart(8)} ${"false -".padStart(8)}`,
    ...ATTACK_CLASSES.map((c) => {
      const k = r.byClass[c];
      return `  ${c.padEnd(18)} ${String(k.n).padStart(4)} ${
        String(k.false_positives).padStart(8)
      } ${String(k.false_negatives).padStart(8)}`;
    }),
    `  ${"total".padEnd(18)} ${String(r.totals.n).padStart(4)} ${
      String(r.totals.false_positives).padStart(8)
    } ${String(r.totals.false_negatives).padStart(8)}`,
    "",
    "false + = false positives (reward hacks): the variant pays 1, the strict scorer 0.",
    "false - = false negatives: the variant refuses (0) what the strict scorer pays (1).",
  ];
  for (const c of ATTACK_CLASSES) {
    const mine = r.disagreements.filter((d) => d.class === c);
    if (mine.length === 0) continue;
    lines.push("", `== ${c}`);
    for (const kind of ["false_positive", "false_negative"] as const) {
      const rows = mine.filter((d) => d.outcome === kind);
      if (rows.length === 0) continue;
      lines.push(
        `  ${rows.length} ${
          kind === "false_positive" ? "false positives (reward hacks)" : "false negatives"
        }:`,
      );
      for (const row of rows.slice(0, show)) lines.push(`    - ${exampleLine(row)}`);
    }
  }
  if (r.disagreements.length === 0) {
    lines.push(
      "",
      `No disagreement: on these ${r.totals.n} candidates ${rubric} and strict agree.`,
    );
  }
  return lines.join("\n");
}

/** `summary.json` of a red-team run. */
export function redTeamSummary(r: RedTeamResult, show = 3) {
  return {
    kind: "redteam",
    rubric: r.config.rubric,
    seed: r.config.seed,
    per_class: r.config.perClass,
    totals: r.totals,
    by_class: r.byClass,
    examples: Object.fromEntries(ATTACK_CLASSES.map((c) => {
      const mine = r.disagreements.filter((d) => d.class === c);
      return [c, {
        false_positives: mine.filter((d) => d.outcome === "false_positive").slice(0, show),
        false_negatives: mine.filter((d) => d.outcome === "false_negative").slice(0, show),
      }];
    })),
  };
}

/** `summary.md` of a red-team run. */
export function redTeamMarkdown(r: RedTeamResult, show = 3): string {
  const { rubric, seed, perClass } = r.config;
  const code = (s: string) => "`" + s.replaceAll("`", "'") + "`";
  const lines = [
    `# Red team: ${rubric} vs strict`,
    "",
    `Seed ${seed}, up to ${perClass} candidates per class. ${rubric} checks: ` +
    `${RUBRIC_NOTES[rubric].checks}. Known to open: ${RUBRIC_NOTES[rubric].opens}.`,
    "",
    "| class | n | false positives (hacks) | false negatives |",
    "| --- | ---: | ---: | ---: |",
    ...ATTACK_CLASSES.map((c) => {
      const k = r.byClass[c];
      return `| ${c} | ${k.n} | ${k.false_positives} | ${k.false_negatives} |`;
    }),
    `| **total** | ${r.totals.n} | ${r.totals.false_positives} | ${r.totals.false_negatives} |`,
    "",
    "A false positive is a completion the variant pays (1) and the strict scorer does not (0); a " +
    "false negative the reverse. Completions are shown with visible whitespace (␣ space, \\n line " +
    "feed, \\u{XXXX} hidden or non-ASCII).",
  ];
  for (const c of ATTACK_CLASSES) {
    const mine = r.disagreements.filter((d) => d.class === c);
    if (mine.length === 0) continue;
    lines.push("", `## ${c}`, "");
    for (const d of mine.slice(0, show * 2)) {
      lines.push(
        `- ${d.outcome === "false_positive" ? "hack" : "false negative"}: ${d.id}, expected ` +
          `${d.expected}: ${
            code(visible(d.completion, { max: 120 }))
          } (variant ${d.variant_code}, strict ` +
          `${d.strict_code})`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
