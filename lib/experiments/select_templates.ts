/**
 * A select run's pass rates per prompt template (reads the run's `results.jsonl` and the
 * dataset's prompts; writes nothing): for the small-number environment of the tiny policy, whose
 * prompts come from five templates, the unbiased pass@1 and the pass@N of each template, from the
 * same samples the run scored. `deno task select --by-template` prints it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { templateCounts } from "./select_templates.ts";
 * const rows = [{ id: "a", rewards: [1, 0] }, { id: "b", rewards: [0, 0] }];
 * const prompts = new Map([["a", "A jar holds 5 cookies. The children eat all 5 of them."], ["b", "?"]]);
 * assertEquals(templateCounts(rows, prompts), [{ template: "eaten", correct: 1 }, { template: "other", correct: 0 }]);
 * ```
 * @module
 */
import { readJsonl } from "../core/jsonl.ts";
import { templateOf } from "../datagen/small.ts";
import { type TemplateRow, templateRows } from "../datagen/small_report.ts";
import { readPromptRows } from "../measure/prompts.ts";

/** Each scored prompt's template and its number of passing samples. */
export function templateCounts(
  rows: readonly { id: string; rewards: readonly number[] }[],
  prompts: ReadonlyMap<string, string>,
): { template: string; correct: number }[] {
  return rows.map((r) => ({
    template: templateOf(prompts.get(r.id) ?? "") ?? "other",
    correct: r.rewards.reduce((a, b) => a + b, 0),
  }));
}

/** The per-template rows of a select run (all prompts first), from N samples per prompt. */
export async function selectRunTemplates(
  runPath: string,
  dataset: string,
): Promise<TemplateRow[]> {
  const prompts = new Map((await readPromptRows(dataset)).rows.map((r) => [r.id, r.prompt]));
  const rows = (await readJsonl(`${runPath}/results.jsonl`)).map((r) =>
    r.value as { id: string; rewards: number[] }
  );
  return templateRows(templateCounts(rows, prompts), rows[0]?.rewards.length ?? 1);
}
