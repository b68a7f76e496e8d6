/**
 * Display helpers for the milestone notebooks: tables, Markdown and text as Jupyter MIME bundles,
 * and one `show()` that displays them (charts are lib/course/chart.ts, verdict and citation lines
 * lib/course/lines.ts).
 *
 * Why one `show()`: on Deno's kernel, output that arrives after the kernel reports idle is
 * dropped by headless runners (nbclient). What holds is an explicit `display_data` message
 * (`Deno.jupyter.broadcast`) followed by a 5 ms pause, so every notebook cell shows
 * its output through `show()` and never through `console.log`.
 *
 * Outside the kernel (`deno run`, `deno test`) `Deno.jupyter` throws on access; `show()` then
 * returns the bundle instead of displaying it, which is how the tests see what a cell would show.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { md, show } from "./display.ts";
 * // Outside the kernel, show() hands the bundle back.
 * assertEquals(await show(md("**hi**")), { "text/markdown": "**hi**", "text/plain": "**hi**" });
 * ```
 * @module
 */
import { notebookHost } from "./host.ts";

/** A Jupyter MIME bundle: MIME type → content. Always carries `text/plain`. */
export type Bundle = Record<string, unknown> & { "text/plain": string };

/** A table cell: what `table()` knows how to format. */
export type TableValue = string | number | boolean | null | undefined;

const MIME_KEY = /^[a-z]+\/[a-z0-9.+-]+$/i;

/**
 * True when `value` is a MIME bundle: a plain object whose keys are all MIME types, with a
 * `text/plain` string among them.
 *
 * @example
 * ```ts
 * import { assert } from "../core/testing.ts";
 * import { isBundle } from "./display.ts";
 * assert(isBundle({ "text/plain": "x" }) && !isBundle({ reward: 1 }));
 * ```
 */
export function isBundle(value: unknown): value is Bundle {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => MIME_KEY.test(k)) &&
    typeof (value as Record<string, unknown>)["text/plain"] === "string";
}

/**
 * Formats one table cell: integers as they are, other numbers with `digits` decimals (fixed
 * precision, never a raw `0.8958441028683222`), null/undefined as empty.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { formatCell } from "./display.ts";
 * assertEquals([formatCell(3), formatCell(0.12345), formatCell(null)], ["3", "0.123", ""]);
 * ```
 */
export function formatCell(value: TableValue, digits = 3): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) || !Number.isFinite(value)
      ? String(value)
      : value.toFixed(digits);
  }
  return String(value);
}

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { escapeHtml } from "./display.ts";
 * assertEquals(escapeHtml(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Escapes a Markdown table cell: pipes and backslashes are escaped, line breaks become spaces. */
function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * A table as a bundle: `text/markdown` (a pipe table), `text/html` (escaped) and `text/plain`
 * (columns aligned for terminals and the review). A column whose every value is a number is
 * right-aligned; any other column (text, a mix) is left-aligned, in all three forms.
 *
 * @param rows one record per row
 * @param columns the columns to show, in order (default: every key, in order of first appearance)
 * @param opts `digits`: decimals for non-integer numbers (default 3)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { table } from "./display.ts";
 * const t = table([{ code: "ok", n: 7 }, { code: "a|b", n: 0.5 }]);
 * assertEquals(t["text/markdown"], "| code | n |\n| :-- | --: |\n| ok | 7 |\n| a\\|b | 0.500 |");
 * assertEquals(t["text/plain"], "code      n\n----  -----\nok        7\na|b   0.500");
 * ```
 */
export function table(
  rows: readonly Record<string, TableValue>[],
  columns?: readonly string[],
  opts: { digits?: number } = {},
): Bundle {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const numeric = cols.map((c) =>
    rows.some((r) => r[c] !== null && r[c] !== undefined) &&
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number")
  );
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c], opts.digits)));
  const markdown = [
    `| ${cols.map(escapeMarkdownCell).join(" | ")} |`,
    `| ${numeric.map((n) => n ? "--:" : ":--").join(" | ")} |`,
    ...cells.map((r) => `| ${r.map(escapeMarkdownCell).join(" | ")} |`),
  ].join("\n");
  const align = (i: number) => ` style="text-align: ${numeric[i] ? "right" : "left"}"`;
  const html = [
    "<table>",
    `<thead><tr>${
      cols.map((c, i) => `<th${align(i)}>${escapeHtml(c)}</th>`).join("")
    }</tr></thead>`,
    "<tbody>",
    ...cells.map((r) =>
      `<tr>${r.map((v, i) => `<td${align(i)}>${escapeHtml(v)}</td>`).join("")}</tr>`
    ),
    "</tbody>",
    "</table>",
  ].join("\n");
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) =>
    r.map((v, i) => numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])).join("  ").trimEnd();
  const plain = [line(cols), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
  return { "text/plain": plain, "text/markdown": markdown, "text/html": html };
}

/**
 * Markdown as a bundle (`text/plain` carries the same source).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { md } from "./display.ts";
 * assertEquals(md("# Goal")["text/markdown"], "# Goal");
 * ```
 */
export function md(text: string): Bundle {
  return { "text/markdown": text, "text/plain": text };
}

/**
 * Plain text lines as a bundle (the notebook's `console.log`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { text } from "./display.ts";
 * assertEquals(text("a", "b"), { "text/plain": "a\nb" });
 * ```
 */
export function text(...lines: readonly string[]): Bundle {
  return { "text/plain": lines.join("\n") };
}

/**
 * What a cell displays: a bundle and its display metadata (the content of Jupyter's
 * `display_data` message; metadata carries, say, the size an image is shown at).
 */
export interface Displayable {
  data: Bundle;
  metadata: Record<string, unknown>;
}

/**
 * True when `value` is a {@link Displayable}: an object with a bundle under `data` and an object
 * under `metadata`, and nothing else.
 */
export function isDisplayable(value: unknown): value is Displayable {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return Object.keys(v).length === 2 && isBundle(v.data) && v.metadata !== null &&
    typeof v.metadata === "object" && !Array.isArray(v.metadata);
}

/** How `show()` hands a bundle and its metadata to the kernel. */
export type Display = (shown: Displayable) => Promise<void>;

/**
 * The kernel's display function, or null outside Deno's Jupyter kernel (where `Deno.jupyter`
 * throws on access). It sends one `display_data` message with the bundle and its metadata. In
 * the grading sandbox (lib/course/host.ts) the bundle goes to the host instead.
 */
export function kernelDisplay(): Display | null {
  const host = notebookHost();
  if (host !== null) {
    return ({ data, metadata }) => Promise.resolve(host.display(data, metadata));
  }
  try {
    const jupyter = Deno.jupyter;
    if (typeof jupyter?.broadcast !== "function") return null;
    return async ({ data, metadata }) => {
      await jupyter.broadcast("display_data", { data, metadata, transient: {} });
      // A short pause lets the message leave before the cell reports idle (the kernel itself
      // sleeps 5 ms after a cell for its stdout; a large PNG bundle needs the same).
      await new Promise((r) => setTimeout(r, 5));
    };
  } catch {
    return null;
  }
}

/**
 * Turns any value into a bundle: a bundle stays as it is, a {@link Displayable} gives its
 * bundle, a string becomes `text/plain`, an array of records becomes a `table()`, anything else
 * pretty-printed JSON.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { toBundle } from "./display.ts";
 * assertEquals(toBundle({ reward: 1 }), { "text/plain": '{\n  "reward": 1\n}' });
 * ```
 */
export function toBundle(value: unknown): Bundle {
  if (isBundle(value)) return value;
  if (isDisplayable(value)) return value.data;
  if (typeof value === "string") return text(value);
  if (
    Array.isArray(value) && value.length > 0 &&
    value.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))
  ) {
    return table(value as Record<string, TableValue>[]);
  }
  return text(JSON.stringify(value, null, 2) ?? String(value));
}

/**
 * Shows a value in the notebook: inside the kernel it displays the bundle with its metadata
 * (and waits one turn of the event loop) and returns undefined, so the cell has no extra result;
 * outside the kernel it returns the bundle.
 *
 * @param value a bundle, a {@link Displayable}, or any value (see {@link toBundle})
 * @param display the display function (default: the kernel's, when there is one)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { show, text } from "./display.ts";
 * const shown: unknown[] = [];
 * const out = await show("hello", async (d) => { shown.push(d); });
 * assertEquals([out, shown], [undefined, [{ data: text("hello"), metadata: {} }]]);
 * ```
 */
export async function show(
  value: unknown,
  display: Display | null = kernelDisplay(),
): Promise<Bundle | undefined> {
  const bundle = toBundle(value);
  if (display === null) return bundle;
  await display({ data: bundle, metadata: isDisplayable(value) ? value.metadata : {} });
  return undefined;
}
