/**
 * The teacher's answers put in place (`deno task notebooks --with-solutions`), so the executed
 * notebook and its HTML show them: an answer key. (Pure: takes the solutions file's text.)
 *
 * `notebooks/solutions/<notebook>.ts` holds one export per answer cell, named as the cell's
 * answer (lib/course/tools/answers.ts), written in the notebooks' own dialect (the library as
 * `rl`, imported once at the top), formatted by `deno fmt`:
 * - for an exercise or a prediction, the declaration the cell makes, with a doc comment; in the
 *   cell it appears as written, doc comment included, without the `export` keyword;
 * - for a drawing or a written answer, a `String.raw` template (no `${…}`) holding the Markdown;
 *   the cell gets the Markdown (the template's text, which is also the export's value).
 *
 * A declaration runs from its doc comment (or its `export` line) to the line before the next
 * top-level doc comment, `export` or `import`, or the end of the file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { solutionTexts } from "./solutions.ts";
 * const file = 'import * as rl from "../../lib/mod.ts";\n\n/** Guess. *\/\nexport const myGuess = "four";\n\n' +
 *   "export const myMap = String.raw`A --> B`;\n";
 * const texts = solutionTexts(file);
 * assertEquals(texts.get("myGuess"), { code: '/** Guess. *\/\nconst myGuess = "four";', markdown: null });
 * assertEquals(texts.get("myMap")?.markdown, "A --> B");
 * ```
 * @module
 */
import { answerCells, isMarkdownKind } from "./answers.ts";
import { cellSource, type Notebook } from "./ipynb.ts";

const EXPORT = /^export (?:async )?(?:const|let|function|class) ([A-Za-z_$][\w$]*)/;
const MARKDOWN = /^const [A-Za-z_$][\w$]*(?::[^=]*)? = String\s*\.raw`([\s\S]*)`;$/;

/** One export of a solutions file, as a cell can hold it. */
export interface SolutionText {
  /** The declaration without `export`, its doc comment above it: a code cell's source. */
  code: string;
  /** For a `String.raw` template: its text, a Markdown cell's source; otherwise null. */
  markdown: string | null;
}

/** Each export of a solutions file, by name (see {@link SolutionText}). */
export function solutionTexts(source: string): Map<string, SolutionText> {
  const lines = source.split("\n");
  // Each export line, with the first line of the doc comment right above it (if any).
  const blocks: { start: number; at: number }[] = [];
  lines.forEach((line, i) => {
    if (!EXPORT.test(line)) return;
    let start = i;
    if (i > 0 && lines[i - 1].trimEnd().endsWith("*/")) {
      let j = i - 1;
      while (j > 0 && !lines[j].startsWith("/**")) j--;
      if (lines[j].startsWith("/**")) start = j;
    }
    blocks.push({ start, at: i });
  });
  const out = new Map<string, SolutionText>();
  blocks.forEach(({ start, at }, k) => {
    let end = k + 1 < blocks.length ? blocks[k + 1].start : lines.length;
    const imp = lines.findIndex((l, i) => i > at && i < end && l.startsWith("import "));
    if (imp !== -1) end = imp;
    const name = EXPORT.exec(lines[at])![1];
    const doc = lines.slice(start, at).join("\n");
    const code = lines.slice(at, end).join("\n").trim().replace(/^export /, "");
    const raw = MARKDOWN.exec(code);
    out.set(name, { code: doc === "" ? code : `${doc}\n${code}`, markdown: raw ? raw[1] : null });
  });
  return out;
}

/**
 * The notebook with every answer cell's source replaced by its solution's text (code cells,
 * after the stub's leading `//` comment lines, which stay) or Markdown (drawings and written
 * answers). An answer cell without a solution is an Error naming
 * it; other cells, and the input, are unchanged.
 */
export function withSolutions(nb: Notebook, name: string, source: string): Notebook {
  const texts = solutionTexts(source);
  const answers = new Map(answerCells(nb).map((a) => [a.cell, a]));
  return {
    ...nb,
    cells: nb.cells.map((cell, i) => {
      const a = answers.get(i + 1);
      if (a === undefined) return cell;
      const found = texts.get(a.binding);
      const text = isMarkdownKind(a.kind) ? found?.markdown : found?.code;
      if (text === undefined || text === null) {
        throw new Error(
          `notebooks/solutions/${name}.ts has no ${
            isMarkdownKind(a.kind) ? "String.raw template" : "export"
          } ${a.binding} (cell ${i + 1})`,
        );
      }
      if (isMarkdownKind(a.kind)) return { ...cell, source: text };
      // a code answer keeps the stub's leading comment lines, as a student who replaced only
      // the code would leave them (the grader must read such a cell as attempted)
      const src = cellSource(cell).split("\n");
      const first = src.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("//"));
      const comments = src.slice(0, first < 0 ? src.length : first).filter((l) => l.trim() !== "");
      return { ...cell, source: [...comments, text].join("\n") };
    }),
  };
}
