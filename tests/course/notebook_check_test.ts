/**
 * Notebook code checked like library code (lib/course/tools/notebook_module.ts,
 * lib/course/tools/notebook_check.ts, `deno task notebooks:check`): a notebook becomes one module with
 * an exact map back to its cells; a committed notebook passes; a planted stale import fails,
 * named by notebook, cell and line; an unformatted cell fails the format check.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import {
  cellSource,
  type Notebook,
  readNotebook,
  serializeNotebook,
} from "../../lib/course/tools/ipynb.ts";
import { notebookModule, rebaseImports } from "../../lib/course/tools/notebook_module.ts";
import {
  checkNotebooks,
  fmtFlags,
  parseCheckOutput,
} from "../../lib/course/tools/notebook_check.ts";
import { PROJECT_ROOT } from "../../lib/core/paths.ts";

const NOTEBOOKS = `${PROJECT_ROOT}/notebooks`;

Deno.test("notebookModule() concatenates code cells in order and maps every line back", () => {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: "code",
        source: 'import { a } from "../lib/mod.ts";\nconst x = await a();',
        metadata: {},
      },
      { cell_type: "markdown", source: "text", metadata: {} },
      { cell_type: "code", source: "  ", metadata: {} },
      { cell_type: "code", source: "x;\n", metadata: {} },
    ],
  };
  const m = notebookModule(nb, { from: "/p/notebooks", to: "/p/runs/check" });
  assertEquals(
    m.text,
    '// cell 1\nimport { a } from "../../lib/mod.ts";\nconst x = await a();\n// cell 4\nx;\n',
  );
  assertEquals([m.origin(1), m.origin(3), m.origin(5)], [null, { cell: 1, line: 2 }, {
    cell: 4,
    line: 1,
  }]);
});

Deno.test("rebaseImports() rewrites relative specifiers only, on the same line", () => {
  assertEquals(
    rebaseImports('import x from "npm:y"; import("./a.ts");', "/p/notebooks", "/p/runs/c"),
    'import x from "npm:y"; import("../../notebooks/a.ts");',
  );
});

Deno.test("parseCheckOutput() reads deno check's diagnostics and fmtFlags() the project's fmt", () => {
  assertEquals(
    parseCheckOutput(
      "TS2322 [ERROR]: Type 'string' is not assignable.\nx\n    at file:///r/M1.ts:9:3\n",
    ),
    [{ file: "/r/M1.ts", line: 9, message: "TS2322: Type 'string' is not assignable." }],
  );
  assertEquals(fmtFlags({ fmt: { lineWidth: 100, proseWrap: "preserve" } }), [
    "--line-width=100",
    "--prose-wrap=preserve",
  ]);
});

Deno.test("checkNotebooks() passes a committed notebook and names a planted stale import and a long line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const clean = `${NOTEBOOKS}/M3_kl_objective.ipynb`;
    const nb = await readNotebook(`${NOTEBOOKS}/M5_red_team.ipynb`);
    const setup = nb.cells.findIndex((c) => cellSource(c).includes("import {"));
    nb.cells[setup].source = cellSource(nb.cells[setup]).replace(
      "import { ",
      "import { NO_SUCH_EXPORT_XYZ, ",
    );
    const stale = `${dir}/M5_stale.ipynb`;
    await Deno.writeTextFile(stale, serializeNotebook(nb));
    const findings = await checkNotebooks({
      root: PROJECT_ROOT,
      notebooks: [clean, stale],
      files: [],
      scratch: `${dir}/scratch`,
      importsFrom: NOTEBOOKS,
    });
    assert(!findings.some((f) => f.where.startsWith("M3_kl_objective")), JSON.stringify(findings));
    const check = findings.find((f) => f.tool === "check");
    assert(check !== undefined, JSON.stringify(findings));
    assertStringIncludes(check.where, `M5_stale cell ${setup + 1} line 1`);
    assertStringIncludes(check.message, "TS2305");
    assertStringIncludes(check.message, "NO_SUCH_EXPORT_XYZ");
    assertEquals(
      findings.filter((f) => f.tool === "fmt").map((f) => f.message),
      ["not formatted: run `deno fmt` on it"],
      "the planted name is out of the sorted order deno fmt keeps for imported names",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
