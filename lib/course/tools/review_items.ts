/**
 * The verdicts of an executed notebook, item by item, and whether each can be believed (pure but
 * for {@link readLabRecords}, which reads a lab record run).
 *
 * - Every exercise, prediction and check the course expects is reported with its status (passed,
 *   failed with the check's reason, not attempted, or never reported), from the verdict lines of
 *   the outputs (lib/course/lines.ts).
 * - Each verdict line must equal, byte for byte, the one the code wrote to the notebook's lab
 *   record (lib/course/lab.ts) when it ran: a line typed into the output by hand, or a FAILED
 *   turned into PASSED, does not match.
 * - An answer cell edited after its check ran is named: an exercise whose code is still the
 *   committed stub's (comments and spacing aside, lib/course/tools/cell_code.ts) although its
 *   check graded an attempt, or the reverse; a prediction whose text differs from the one
 *   recorded when it ran. Whether the stub was answered is the check's business: it sees the
 *   value (`TODO` returned, an empty answer), never a pattern in the text.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { findChecks } from "./review_items.ts";
 * const cell = { cell_type: "code", source: "", metadata: {}, execution_count: 1, outputs: [
 *   { output_type: "display_data", data: { "text/plain": "CHECK FAILED: kata: q3 is a parser bug" } },
 * ] };
 * assertEquals(findChecks({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] }),
 *   [{ cell: 1, name: "kata", status: "failed", why: "q3 is a parser bug",
 *      line: "CHECK FAILED: kata: q3 is a parser bug" }]);
 * ```
 * @module
 */
import { join } from "node:path";
import { readTextBounded } from "../../core/files.ts";
import { sha256Text } from "../../core/hash.ts";
import { answerCells, answerKind, answerOf, isMarkdownKind, markdownAnswer } from "./answers.ts";
import { isStub } from "./cell_code.ts";
import { cellSource, type Notebook, outputLines } from "./ipynb.ts";
import { LAB_CHECKS_DIR, type LabRecord, PREDICT_PREFIX, type RecordKind } from "../lab.ts";
import { parseCheckLine, type Status } from "../lines.ts";

/** A verdict line found in an output. */
export interface ReportedCheck {
  /** The 1-based cell whose output carries it. */
  cell: number;
  name: string;
  status: Status;
  why: string;
  /** The line as shown. */
  line: string;
}

/**
 * What an item is: an exercise, a prediction or a check (reported by verdict lines), or a
 * drawing or a written answer (a Markdown answer cell, read as it stands).
 */
export type ItemKind = RecordKind | "drawing" | "written";

/** One expected item and what became of it. */
export interface Item {
  name: string;
  kind: ItemKind;
  /** A drawing or a written answer is `attempted` or `not attempted`, never graded. */
  status: Status | "attempted" | "not reported";
  why: string;
  /** The cell that reported it (the last one, if several did), or null. */
  cell: number | null;
  /** A drawing's or a written answer's text, for the teacher (images named as `[image: …]`). */
  answer?: string;
}

/** The verdict lines of every output, in order. */
export function findChecks(nb: Notebook): ReportedCheck[] {
  return nb.cells.flatMap((cell, i) =>
    outputLines(cell).flatMap((line) => {
      const v = parseCheckLine(line);
      return v === null ? [] : [{ cell: i + 1, ...v, line: line.trim() }];
    })
  );
}

/** What the course expects of a notebook: each check's name and kind, in notebook order. */
export interface Expected {
  name: string;
  kind: ItemKind;
}

/**
 * The items a committed notebook expects: every name of `metadata.rl_course.checks`, of the kind
 * its answer cell says when one names it (a `predict-`, `draw-` or `write-` name is a
 * prediction, drawing or written answer anyway), a check of the library's behaviour otherwise.
 */
export function expectedItems(committed: Notebook): Expected[] {
  const course = committed.metadata.rl_course as { checks?: unknown } | undefined;
  const names = Array.isArray(course?.checks)
    ? course.checks.filter((c): c is string => typeof c === "string")
    : [];
  const kinds = new Map(answerCells(committed).map((a) => [a.check, a.kind]));
  return names.map((name) => ({
    name,
    kind: kinds.get(name) ??
      (answerKind(name) === "exercise" ? "check" as const : answerKind(name)),
  }));
}

/**
 * A drawing or a written answer as it stands in `nb`: attempted when its cell holds anything
 * besides the placeholder lines, not reported when no answer cell of that name is left.
 */
function markdownItem(nb: Notebook, name: string, kind: ItemKind): Item {
  const a = answerCells(nb).find((c) => c.check === name);
  if (a === undefined) {
    return { name, kind, status: "not reported", why: "its cell was deleted", cell: null };
  }
  const { attempted, text, images } = markdownAnswer(nb.cells[a.cell - 1]);
  const answer = [text, ...images.map((i) => `[image: ${i}]`)].filter((t) => t !== "").join("\n");
  if (!attempted) {
    return {
      name,
      kind,
      status: "not attempted",
      why: "the cell still holds only its instructions (the ✎ lines): write your answer there",
      cell: a.cell,
      answer: "",
    };
  }
  const lines = text === "" ? 0 : text.split("\n").length;
  const said = [
    lines > 0 ? `${lines} line${lines === 1 ? "" : "s"}` : "",
    ...images.map((i) => `image ${i}`),
  ]
    .filter((t) => t !== "").join(", ");
  return { name, kind, status: "attempted", why: said, cell: a.cell, answer };
}

/**
 * Each expected item with its last reported status (or `not reported`); drawings and written
 * answers are read from their cells in `nb`.
 */
export function itemsOf(
  reported: readonly ReportedCheck[],
  expected: readonly Expected[],
  nb?: Notebook,
): Item[] {
  return expected.map(({ name, kind }) => {
    if (isMarkdownKind(kind)) {
      return nb === undefined
        ? { name, kind, status: "not reported", why: "no notebook to read it from", cell: null }
        : markdownItem(nb, name, kind);
    }
    const last = reported.filter((r) => r.name === name).at(-1);
    return last === undefined
      ? {
        name,
        kind,
        status: "not reported",
        why: "its cell was deleted or did not run",
        cell: null,
      }
      : { name, kind, status: last.status, why: last.why, cell: last.cell };
  });
}

/**
 * The records of a lab record run (`checks/<name>.json`), by check name, or why they cannot be
 * read. A record whose `line_sha256` does not match its `line` is reported as unreadable.
 */
export async function readLabRecords(runDir: string): Promise<Map<string, LabRecord> | string> {
  const dir = join(runDir, LAB_CHECKS_DIR);
  const records = new Map<string, LabRecord>();
  try {
    for await (const e of Deno.readDir(dir)) {
      if (!e.isFile || !e.name.endsWith(".json")) continue;
      const text = await readTextBounded(join(dir, e.name), 1 << 20);
      const rec = JSON.parse(text) as LabRecord;
      if (typeof rec.line !== "string" || rec.line_sha256 !== sha256Text(rec.line)) {
        return `${e.name} was changed by hand (its line no longer matches its digest)`;
      }
      records.set(rec.name, rec);
    }
  } catch (e) {
    return e instanceof Deno.errors.NotFound
      ? `has no ${LAB_CHECKS_DIR}/ folder`
      : `cannot be read (${(e as Error).message})`;
  }
  return records;
}

/**
 * Verdict lines that are not what the code produced: a line the lab record does not hold, or
 * holds differently.
 */
export function handEditProblems(
  reported: readonly ReportedCheck[],
  records: ReadonlyMap<string, LabRecord>,
  labPath: string,
): string[] {
  return reported.flatMap((r) => {
    const rec = records.get(r.name);
    if (rec === undefined) {
      return [
        `cell ${r.cell} shows "${r.line}", which ${labPath} never recorded: the line was not ` +
        "produced by the notebook's code (typed into the output by hand?)",
      ];
    }
    if (rec.line !== r.line) {
      return [
        `cell ${r.cell} shows "${r.line}", but the code produced "${rec.line}" ` +
        `(${labPath}/${LAB_CHECKS_DIR}/${r.name}.json): the output was edited by hand`,
      ];
    }
    return [];
  });
}

/** Text as a string literal would hold it: joins `"a " + "b"`, drops escapes, folds spaces. */
function squash(text: string): string {
  return text.replace(/(["'`])\s*\+\s*\1/g, "").replace(/\\n/g, " ").replace(/\\(.)/g, "$1")
    .replace(/\s+/g, " ").trim();
}

/** The committed source of every answer cell of a notebook, by the binding it declares. */
export function stubsOf(committed: Notebook): Map<string, string> {
  return new Map(
    committed.cells.flatMap((cell) => {
      const a = cell.cell_type === "code" ? answerOf(cell) : null;
      return a === null ? [] : [[a.binding, cellSource(cell)] as const];
    }),
  );
}

/**
 * Answer cells whose source no longer matches what their check graded: the cell is the stub as
 * committed (its code, comments aside: lib/course/tools/cell_code.ts) but the check graded an
 * attempt, or the reverse; or a prediction's text is not the recorded one. Without the committed
 * stubs (a notebook the course does not ship) only the prediction text is compared.
 */
export function editedAnswerProblems(
  nb: Notebook,
  reported: readonly ReportedCheck[],
  records: ReadonlyMap<string, LabRecord> | null,
  stubs: ReadonlyMap<string, string> = new Map(),
): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    const a = cell.cell_type === "code" ? answerOf(cell) : null;
    if (a === null) return;
    const shown = reported.filter((r) => r.name === a.check).at(-1);
    if (shown === undefined) return;
    const src = cellSource(cell);
    // An answer imported from a file has no source here to compare.
    if (new RegExp(`^\\s*import\\s*\\{\\s*${a.binding}\\s*\\}`).test(src)) return;
    const where = `cell ${i + 1} (${a.binding})`;
    const committed = stubs.get(a.binding);
    const stub = committed === undefined ? null : isStub(src, committed);
    if (a.check.startsWith(PREDICT_PREFIX)) {
      const said = records?.get(a.check)?.prediction;
      if (said !== undefined && !squash(src).includes(squash(said))) {
        problems.push(
          `${where} was edited after it ran: the prediction recorded then was "${squash(said)}"`,
        );
      } else if (shown.status === "not attempted" && stub === false) {
        problems.push(`${where} was edited after it ran: its prediction was recorded empty`);
      }
      return;
    }
    if (stub === true && shown.status !== "not attempted") {
      problems.push(
        `${where} is still a stub, but its check ${a.check} reported ${shown.status}: ` +
          "the cell was edited after it ran",
      );
    } else if (stub === false && shown.status === "not attempted") {
      problems.push(
        `${where} was edited after it ran: its check ${a.check} graded the stub (run it again)`,
      );
    }
  });
  return problems;
}
