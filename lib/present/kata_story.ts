/**
 * What `deno task kata` prints: the cases to label (completions made visible), and the check of
 * a student's labels against the teacher's key.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "../core/testing.ts";
 * import { loadKata } from "../redteam/kata.ts";
 * import { kataListing } from "./kata_story.ts";
 * assertStringIncludes(kataListing("m0", loadKata("m0").cases).join("\n"), "Label each one");
 * ```
 * @module
 */
import { KATA_LABELS, type KataCase, type KataCheck } from "../redteam/kata.ts";
import { visible } from "../core/visible.ts";

/**
 * The cases of a kata set to label: id, prompt, expected answer, the completion with visible
 * whitespace, and what the scorer said; then the command that checks the labels.
 */
export function kataListing(set: string, cases: readonly KataCase[]): string[] {
  const lines = [
    `The ${set} kata: ${cases.length} scored cases. Label each one ${KATA_LABELS.join(" | ")}.`,
    "Completions are shown with visible whitespace: ␣ is a space, \\n a line feed.\n",
  ];
  for (const c of cases) {
    lines.push(
      `${c.id}  ${c.prompt}`,
      `     expected ${c.expected_answer}; completion ${visible(c.completion)}`,
      `     scored by ${c.scorer}: reward ${c.reward} (${c.code}) ${c.message}\n`,
    );
  }
  lines.push(`Then: deno task kata --set ${set} --labels my_labels.json`);
  return lines;
}

/** The check of a labels file against the key: the explanations and the verdict. */
export function kataCheckLines(set: string, labelsPath: string, check: KataCheck): string[] {
  return [
    `Checking ${labelsPath} against the ${set} kata's key.`,
    check.why,
    check.ok
      ? "All labels agree with the key."
      : "Some labels disagree: read the explanations above.",
  ];
}
