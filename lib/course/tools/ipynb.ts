/**
 * The Jupyter notebook file format (nbformat 4), as far as the course reads and writes it: typed
 * cells and outputs, a parser that turns a broken file into an {@link InputError}, the text a
 * cell's outputs carry, and a stable serialiser.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { outputLines, parseNotebook } from "./ipynb.ts";
 * const nb = parseNotebook(JSON.stringify({
 *   nbformat: 4, nbformat_minor: 5, metadata: {},
 *   cells: [{ cell_type: "code", source: "1", metadata: {}, execution_count: 1,
 *     outputs: [{ output_type: "stream", name: "stdout", text: ["a\n", "b\n"] }] }],
 * }), "x.ipynb");
 * assertEquals(outputLines(nb.cells[0]), ["a", "b"]);
 * ```
 * @module
 */
import { InputError } from "../../core/errors.ts";
import { readTextBounded } from "../../core/files.ts";

/** One output of a code cell. */
export interface Output {
  /** `stream`, `display_data`, `execute_result` or `error`. */
  output_type: string;
  /** For streams: `stdout` or `stderr`. */
  name?: string;
  /** For streams: the text (a string or a list of lines). */
  text?: string | string[];
  /** For displays and results: MIME type → content. */
  data?: Record<string, unknown>;
  /** For errors: the exception's class, message and traceback lines. */
  ename?: string;
  evalue?: string;
  traceback?: string[];
  [key: string]: unknown;
}

/** One cell. */
export interface Cell {
  cell_type: "code" | "markdown" | "raw" | string;
  /** The source (a string or a list of lines, as Jupyter writes it). */
  source: string | string[];
  metadata: Record<string, unknown>;
  id?: string;
  /** Code cells only: null until executed. */
  execution_count?: number | null;
  /** Code cells only. */
  outputs?: Output[];
  [key: string]: unknown;
}

/** A notebook (nbformat 4). */
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/**
 * Parses notebook JSON. Not JSON, not an object, no `cells` list, or a cell without a type is an
 * {@link InputError} naming `path`.
 */
export function parseNotebook(text: string, path: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `is not a notebook: malformed JSON (${(e as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError(path, null, "is not a notebook: not a JSON object");
  }
  const nb = value as Partial<Notebook>;
  if (!Array.isArray(nb.cells)) {
    throw new InputError(path, null, "is not a notebook: no cells list");
  }
  nb.cells.forEach((c, i) => {
    if (c === null || typeof c !== "object" || typeof c.cell_type !== "string") {
      throw new InputError(path, null, `cell ${i + 1} has no cell_type`);
    }
  });
  return {
    cells: nb.cells,
    metadata: nb.metadata ?? {},
    nbformat: nb.nbformat ?? 4,
    nbformat_minor: nb.nbformat_minor ?? 5,
  };
}

/** The largest notebook read (64 MiB: an executed notebook with its charts is a few MB). */
export const MAX_NOTEBOOK_BYTES = 64 << 20;

/** Reads and parses a notebook file; a missing or unreadable file is an {@link InputError}. */
export async function readNotebook(path: string): Promise<Notebook> {
  // A regular file of at most MAX_NOTEBOOK_BYTES: a FIFO or /dev/zero is refused, not read.
  return parseNotebook(await readTextBounded(path, MAX_NOTEBOOK_BYTES), path);
}

/** A cell's source as one string. */
export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** The first non-blank line of a cell's source, cut to `width` characters (to name a cell). */
export function firstLine(cell: Cell, width = 60): string {
  const line = cellSource(cell).split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** The code cells worth running: code cells whose source is not blank (Jupyter skips those). */
export function isRunnable(cell: Cell): boolean {
  return cell.cell_type === "code" && cellSource(cell).trim() !== "";
}

function joined(value: unknown): string {
  if (Array.isArray(value)) return value.join("");
  return typeof value === "string" ? value : "";
}

/**
 * The text lines a cell's outputs carry, in order: stream text, the `text/plain` of displays and
 * results, and `ename: evalue` for errors. This is what the review reads for `run:` and `CHECK`
 * lines.
 */
export function outputLines(cell: Cell): string[] {
  const lines: string[] = [];
  for (const out of cell.outputs ?? []) {
    let text = "";
    if (out.output_type === "stream") text = joined(out.text);
    else if (out.output_type === "error") text = `${out.ename ?? "Error"}: ${out.evalue ?? ""}`;
    else text = joined(out.data?.["text/plain"]);
    lines.push(...text.replace(/\n$/, "").split("\n").filter((l) => l !== ""));
  }
  return lines;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/**
 * Serialises a notebook the way Jupyter does (keys sorted, one-space indent, trailing newline),
 * so saving it from JupyterLab produces no spurious diff.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { serializeNotebook } from "./ipynb.ts";
 * assertEquals(
 *   serializeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }),
 *   '{\n "cells": [],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n',
 * );
 * ```
 */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}
