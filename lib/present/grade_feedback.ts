/**
 * The feedback a student reads for one graded notebook (`feedback/<student>/<notebook>.md` of a
 * grade run): the points, what passed, what failed and why in the check's own words, what was
 * not attempted, each prediction's text, and every finding (forgery, a teacher cell changed, the
 * sandbox's refusal). Pure.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { feedbackMarkdown } from "./grade_feedback.ts";
 * const it = { item: "kl-optimal-policy", kind: "exercise" as const, verdict: "failed" as const, points: 0,
 *   max: 2, reason: "π does not sum to 1", prediction: null, findings: [], forged: false };
 * const md = feedbackMarkdown({ student: "bob", notebook: "M3", file: "bob/M3.ipynb", status: "graded",
 *   detail: "", seconds: 1, items: [it], findings: [] });
 * assertStringIncludes(md, "## Failed\n\n- **kl-optimal-policy** (exercise, 0 / 2): FAILED: π does not sum to 1");
 * ```
 * @module
 */
import type { GradedNotebook } from "./grade_story.ts";

const WORD: Record<string, string> = {
  passed: "passed",
  failed: "FAILED",
  attempted: "attempted",
  "not attempted": "NOT ATTEMPTED",
  "not run": "NOT RUN",
};

/** The feedback for one notebook (Markdown, see the module doc). */
export function feedbackMarkdown(nb: GradedNotebook): string {
  const points = nb.items.reduce((s, it) => s + it.points, 0),
    max = nb.items.reduce((s, it) => s + it.max, 0);
  const lines = [`# ${nb.notebook}: ${nb.student}`, ""];
  lines.push(
    `Graded by re-running the notebook handed in (\`${nb.file}\`) in a sandbox: ${points} / ${max} points.`,
    "",
  );
  if (nb.status !== "graded") lines.push(`**${nb.status}**: ${nb.detail}`, "");
  else if (nb.detail !== "") lines.push(`Note: ${nb.detail}`, "");
  for (
    const [title, pick] of [
      ["Passed", (v: string) => v === "passed"],
      ["Failed", (v: string) => v === "failed"],
      ["Attempted (read by the teacher)", (v: string) => v === "attempted"],
      ["Not attempted", (v: string) => v === "not attempted"],
      [
        "Not graded",
        (v: string) => !["passed", "failed", "attempted", "not attempted"].includes(v),
      ],
    ] as const
  ) {
    const items = nb.items.filter((it) => pick(it.verdict));
    if (items.length === 0) continue;
    lines.push(`## ${title}`, "");
    for (const it of items) {
      const word = WORD[it.verdict] ?? it.verdict.toUpperCase();
      const markdown = it.kind === "drawing" || it.kind === "written";
      const said = it.prediction === null || markdown
        ? (it.reason ? `: ${it.reason}` : "")
        : `, your prediction: "${it.prediction.replace(/\s+/g, " ").trim()}"`;
      lines.push(`- **${it.item}** (${it.kind}, ${it.points} / ${it.max}): ${word}${said}`);
      if (markdown && it.prediction !== null && it.prediction !== "") {
        lines.push("", "  ```text", ...it.prediction.split("\n").map((l) => `  ${l}`), "  ```", "");
      }
      if (it.forged) {
        lines.push(
          "  - **forged**: the notebook handed in claims more than its re-execution gives, or its " +
            "check cell was changed",
        );
      }
      for (const f of it.findings) lines.push(`  - ${f}`);
    }
    lines.push("");
  }
  if (nb.findings.length > 0) {
    lines.push("## Findings", "", ...nb.findings.map((f) => `- ${f}`), "");
  }
  return lines.join("\n");
}
