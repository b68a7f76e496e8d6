/**
 * The committed notebooks (`notebooks/*.ipynb`) and their solutions: committed without outputs;
 * cells show output only through `show()`; the library is imported from `../lib/mod.ts` only, and
 * every name a notebook takes from it exists (a renamed export breaks this test, not just CI's
 * notebook step); every exercise is really open (its answer cell is a stub) and has a solution;
 * the checks the review expects are the ones the cells report; Markdown has no stray italics.
 */
import { assert, assertEquals } from "../../lib/core/testing.ts";
import * as library from "../../lib/mod.ts";
import { cellSource, readNotebook } from "../../lib/course/tools/ipynb.ts";
import { listNotebooks, NO_OUTPUT_MARKER, notebookName } from "../../lib/course/tools/execute.ts";
import { committedProblems } from "../../lib/course/tools/committed.ts";
import {
  answerCells,
  isMarkdownKind,
  markdownAnswer,
  SOLUTIONS_DIR,
} from "../../lib/course/tools/answers.ts";
import { solutionTexts, withSolutions } from "../../lib/course/tools/solutions.ts";
import { isStub } from "../../lib/course/tools/cell_code.ts";
import { expectedItems } from "../../lib/course/tools/review_items.ts";
import { namedImports } from "../../lib/course/tools/notebook_module.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

const STRIP = "deno task notebooks:strip";
const paths = await listNotebooks();
const exported = new Set(Object.keys(library));
/** Type-only exports leave no runtime name: collect them from the sources of lib/. */
async function exportedTypes(dir: string): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const e of Deno.readDir(dir)) {
    if (e.isDirectory && e.name !== "cli") {
      for (const n of await exportedTypes(`${dir}/${e.name}`)) names.add(n);
    } else if (e.isFile && e.name.endsWith(".ts")) {
      const text = await Deno.readTextFile(`${dir}/${e.name}`);
      for (const m of text.matchAll(/^export (?:interface|type) ([A-Za-z_$][\w$]*)/gm)) {
        names.add(m[1]);
      }
    }
  }
  return names;
}
const types = await exportedTypes(`${PROJECT_ROOT}/lib`);

Deno.test("the milestone notebooks are committed", () => {
  assert(paths.length === 8, `found ${paths.length} notebooks/*.ipynb`);
});

for (const path of paths) {
  const name = notebookName(path);
  const nb = await readNotebook(path);
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const sources = code.map(cellSource).join("\n");

  Deno.test(`${name}: committed without outputs or execution counts`, () => {
    const problems = committedProblems(nb);
    assert(
      problems.length === 0,
      `${name} is committed with outputs:\n  ${problems.join("\n  ")}\nclear them with: ${STRIP}`,
    );
  });

  Deno.test(`${name}: names the Deno kernel, so VS Code and JupyterLab pick it`, () => {
    assertEquals((nb.metadata.kernelspec as { name?: string } | undefined)?.name, "deno");
  });

  Deno.test(`${name}: cells show output through show(), never console.log`, () => {
    const offending = code.filter((c) => /console\.(log|info|table)\(/.test(cellSource(c)));
    assertEquals(offending.map(cellSource), []);
  });

  Deno.test(`${name}: every code cell shows something, is an answer cell, or is marked ${NO_OUTPUT_MARKER}`, () => {
    const answers = new Set(answerCells(nb).map((a) => a.cell));
    const silent = nb.cells.filter((c, i) => {
      const src = cellSource(c);
      return c.cell_type === "code" && src.trim() !== "" && !answers.has(i + 1) &&
        !src.includes(NO_OUTPUT_MARKER) && !/\bshow\(/.test(src);
    });
    assertEquals(silent.map(cellSource), []);
  });

  Deno.test(`${name}: imports the library from ../lib/mod.ts in two lines`, () => {
    const imports = [...sources.matchAll(/^import .* from\s+["']([^"']+)["'];$/gm)];
    assertEquals(imports.map((m) => m[1]), ["../lib/mod.ts", "../lib/mod.ts"]);
  });

  Deno.test(`${name}: every name it takes from the library is exported by lib/mod.ts`, () => {
    const braced = namedImports(nb).flatMap((i) =>
      i.names.filter((n) => !n.type).map((n) => n.name)
    );
    const dotted = [...sources.matchAll(/\brl\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
    const used = [...new Set([...braced, ...dotted])];
    assertEquals(used.filter((n) => !exported.has(n) && !types.has(n)), []);
  });

  Deno.test(`${name}: every exercise is a stub and every prediction is empty, as committed`, () => {
    for (const a of answerCells(nb)) {
      const src = cellSource(nb.cells[a.cell - 1]);
      if (isMarkdownKind(a.kind)) {
        assert(
          !markdownAnswer(nb.cells[a.cell - 1]).attempted && src.trim() !== "",
          `${name} cell ${a.cell} (${a.check}) should hold only its ✎ instructions:\n${src}`,
        );
        continue;
      }
      const stub = a.kind === "exercise"
        ? /\breturn\s+rl\.TODO;/.test(src) || /=\s*(\[\]|\{\}|``|"");\s*$/m.test(src)
        : /=\s*"";\s*$/m.test(src);
      assert(stub, `${name} cell ${a.cell} (${a.binding}) is not a stub:\n${src}`);
      assert(
        !/\breturn\b(?!\s+rl\.TODO)/.test(src.replace(/\/\/.*$/gm, "")),
        `${name} cell ${a.cell} (${a.binding}) holds code besides its stub`,
      );
    }
  });

  Deno.test(`${name}: every answer has a solution in notebooks/solutions/${name}.ts`, async () => {
    const answers = answerCells(nb);
    if (answers.length === 0) return;
    const solutions = await import(`../../notebooks/solutions/${name}.ts`);
    assertEquals(
      answers.map((a) => a.binding).filter((b) => !(b in solutions)),
      [],
      "an answer without a solution",
    );
    for (const a of answers.filter((a) => a.kind !== "exercise")) {
      const said = solutions[a.binding];
      assert(typeof said === "string" && said.trim() !== "", `${a.binding} is empty`);
    }
  });

  Deno.test(`${name}: --with-solutions puts each solution's text in its answer cell`, async () => {
    const answers = answerCells(nb);
    if (answers.length === 0) return;
    const file = `${PROJECT_ROOT}/notebooks/${SOLUTIONS_DIR}/${name}.ts`;
    const texts = solutionTexts(await Deno.readTextFile(file));
    const solutions = await import(file);
    assertEquals(
      [...texts.keys()].filter((k) => !answers.some((a) => a.binding === k)),
      [],
      "a solution no answer cell names",
    );
    for (const a of answers) {
      const text = texts.get(a.binding)?.code ?? "";
      if (isMarkdownKind(a.kind)) {
        assertEquals(
          texts.get(a.binding)?.markdown,
          solutions[a.binding],
          `${a.binding}: the cell's Markdown is the export's value`,
        );
      } else {
        assert(
          new RegExp(`^(?:const|let|function) ${a.binding}\\b`, "m").test(text),
          `${a.binding}: the cell's text declares it:\n${text}`,
        );
      }
    }
  });

  Deno.test(`${name}: --with-solutions types each code solution over its stub, the stub's comment kept`, async () => {
    const file = `${PROJECT_ROOT}/notebooks/${SOLUTIONS_DIR}/${name}.ts`;
    if (answerCells(nb).length === 0) return;
    const solved = withSolutions(nb, name, await Deno.readTextFile(file));
    for (const a of answerCells(nb).filter((a) => !isMarkdownKind(a.kind))) {
      const stub = cellSource(nb.cells[a.cell - 1]), src = cellSource(solved.cells[a.cell - 1]);
      const comment = stub.split("\n").filter((l) => l.trim().startsWith("//"));
      assertEquals(src.split("\n").slice(0, comment.length), comment);
      assert(!isStub(src, stub), `${a.binding}: still the stub with the solution in place`);
    }
  });

  Deno.test(`${name}: lists the checks its cells report, answer checks included`, () => {
    const reported = nb.cells.flatMap((c, i) => {
      const a = answerCells(nb).find((x) => x.cell === i + 1);
      if (a !== undefined && isMarkdownKind(a.kind)) return [a.check];
      if (c.cell_type !== "code") return [];
      return [...cellSource(c).matchAll(/lab\.(check|grade|predict)\(\s*"([^"]+)"/g)]
        .map((m) => (m[1] === "predict" ? `predict-${m[2]}` : m[2]));
    });
    assertEquals(expectedItems(nb).map((e) => e.name), [...new Set(reported)]);
    for (const a of answerCells(nb)) {
      assert(reported.includes(a.check), `${a.check} never reported`);
    }
  });

  Deno.test(`${name}: its Markdown opens no italic run by accident (π* is escaped)`, () => {
    const markdown = nb.cells.filter((c) => c.cell_type === "markdown").map(cellSource);
    for (const text of markdown) {
      const outsideCode = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
      assert(!/[^\s\\*]\*\(/.test(outsideCode), `an unescaped '*(' in:\n${text.slice(0, 200)}`);
    }
  });
}

/** The sentence every notebook's first cell carries (issue: the student hands in the .ipynb alone). */
const HAND_IN = "You hand in this `.ipynb` alone: nothing under `runs/` is needed for grading.";

/** The plan's diagram triggers, each a Draw it cell of some notebook. */
const DRAWINGS = [
  "draw-rl-map",
  "draw-frozen-shift",
  "draw-token-text",
  "draw-gradient-connection",
  "draw-llm-as-policy",
  "draw-goodhart",
  "draw-three-loops",
];

Deno.test("every notebook has a graded exercise, M6 at least two, and its first cell says what is handed in", async () => {
  for (const path of paths) {
    const name = notebookName(path);
    const nb = await readNotebook(path);
    const exercises = answerCells(nb).filter((a) => a.kind === "exercise").length;
    assert(exercises >= (name.startsWith("M6") ? 2 : 1), `${name}: ${exercises} exercise(s)`);
    assert(
      cellSource(nb.cells[0]).includes(HAND_IN),
      `${name}'s first cell lacks the hand-in sentence`,
    );
  }
});

Deno.test("M6's memo leaves the decision to the student: a written answer, and no cell decides it", async () => {
  const m6 = await readNotebook(paths.find((p) => notebookName(p).startsWith("M6"))!);
  const written = answerCells(m6).filter((a) => a.kind === "written").map((a) => a.check);
  assertEquals(written, ["write-memo-decision"]);
  const code = m6.cells.filter((c) => c.cell_type === "code").map(cellSource).join("\n");
  assert(
    !/Decision: (PROMOTE|REJECT)|memoDecision\(/.test(code),
    "a code cell writes the decision",
  );
});

Deno.test("each of the plan's diagram triggers is a Draw it cell the review reports", async () => {
  const found: string[] = [];
  for (const path of paths) {
    const nb = await readNotebook(path);
    const drawings = answerCells(nb).filter((a) => a.kind === "drawing").map((a) => a.check);
    for (const d of drawings) {
      assert(expectedItems(nb).some((e) => e.name === d && e.kind === "drawing"), d);
    }
    found.push(...drawings);
  }
  assertEquals(DRAWINGS.filter((d) => !found.includes(d)), []);
});

Deno.test("no Markdown cell leaves a <placeholder> outside code, where it renders as an HTML tag", async () => {
  for (const path of paths) {
    const nb = await readNotebook(path);
    for (const c of nb.cells.filter((c) => c.cell_type === "markdown")) {
      const prose = cellSource(c).replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
      const tag = /<[a-z][a-z_-]*>/.exec(prose);
      assert(tag === null, `${notebookName(path)}: ${tag?.[0]} outside backticks`);
    }
  }
});
