/**
 * The teacher's answers put in place (lib/course/tools/solutions.ts): each export of a solutions
 * file becomes the text of the answer cell of the same name, so `deno task notebooks
 * --with-solutions` shows the answers themselves, not an import of them.
 */
import { assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { solutionTexts, withSolutions } from "../../lib/course/tools/solutions.ts";
import type { Cell } from "../../lib/course/tools/ipynb.ts";

const FILE = `/**
 * Module doc.
 * @module
 */
import * as rl from "../../lib/mod.ts";

/** Predict first: a guess. */
export const myGuess =
  "about " + "a third";

/**
 * An exercise,
 * two lines of doc.
 */
export function myDouble(x: number): number {
  const seen: number[] = [];
  return 2 * x + seen.length;
}

export const myLabels: rl.KataAnswer = { m01: { label: "model_failure", why: "54" } };

/** A drawing. */
export const myLoop = String.raw\`\`\`\`mermaid
flowchart LR
  policy --> scorer
\`\`\`\`;
`;

Deno.test("solutionTexts() cuts each export with its doc comment and drops the export keyword", () => {
  const texts = solutionTexts(FILE);
  assertEquals([...texts.keys()], ["myGuess", "myDouble", "myLabels", "myLoop"]);
  assertEquals(texts.get("myGuess"), {
    code: '/** Predict first: a guess. */\nconst myGuess =\n  "about " + "a third";',
    markdown: null,
  });
  assertEquals(
    texts.get("myDouble")?.code,
    "/**\n * An exercise,\n * two lines of doc.\n */\nfunction myDouble(x: number): number {\n" +
      "  const seen: number[] = [];\n  return 2 * x + seen.length;\n}",
  );
  assertEquals(
    texts.get("myLabels")?.code,
    'const myLabels: rl.KataAnswer = { m01: { label: "model_failure", why: "54" } };',
  );
  assertEquals(texts.get("myLoop")?.markdown, "```mermaid\nflowchart LR\n  policy --> scorer\n```");
});

Deno.test("withSolutions() puts the code in code answer cells and the Markdown in Markdown ones", () => {
  const cell = (cell_type: string, source: string, answer: string, check: string): Cell => ({
    cell_type,
    source,
    metadata: { rl_course: { answer, check } },
    ...(cell_type === "code" ? { execution_count: null, outputs: [] } : {}),
  });
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      cell("code", 'const myGuess = "";', "myGuess", "predict-guess"),
      { cell_type: "markdown", source: "# Title", metadata: {} },
      cell("markdown", "✎ Draw the loop.", "myLoop", "draw-loop"),
    ],
  };
  const done = withSolutions(nb, "M9", FILE);
  assertEquals(done.cells.map((c) => c.source), [
    '/** Predict first: a guess. */\nconst myGuess =\n  "about " + "a third";',
    "# Title",
    "```mermaid\nflowchart LR\n  policy --> scorer\n```",
  ]);
  assertEquals(nb.cells[0].source, 'const myGuess = "";', "the input is unchanged");
  const missing = { ...nb, cells: [cell("code", "const myOther = [];", "myOther", "other")] };
  let said = "";
  try {
    withSolutions(missing, "M9", FILE);
  } catch (e) {
    said = (e as Error).message;
  }
  assertStringIncludes(said, "has no export myOther");
});
