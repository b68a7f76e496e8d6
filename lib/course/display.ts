/**
 * Display helpers for the milestone notebooks: tables, charts, Markdown, check verdicts and run
 * citations as Jupyter MIME bundles, and one `show()` that displays them.
 *
 * Why one `show()`: on Deno's kernel, output that arrives after the kernel reports idle is
 * dropped by headless runners (nbclient). What held in 200 of 200 cells is an explicit
 * `await Deno.jupyter.display(bundle, { raw: true })` followed by one turn of the event loop, so
 * every notebook cell shows its output through `show()` and never through `console.log`.
 *
 * Outside the kernel (`deno run`, `deno test`) `Deno.jupyter` throws on access; `show()` then
 * returns the bundle instead of displaying it, which is how the tests see what a cell would show.
 *
 * Two text lines are a contract with `deno task review` (lib/course/review.ts), so they are written only
 * here:
 * - `run: runs/<name>` cites a run whose manifest the review checks (`scratch run: …` cites a
 *   deliberately off-contract run, such as the tamper experiment, which the review only lists);
 * - `CHECK PASSED: <name>` / `CHECK FAILED: <name>: <why>` is an exercise's verdict.
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
import { relative } from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";
import { renderSvg, type VegaLiteSpec } from "../present/charts.ts";

/** A Jupyter MIME bundle: MIME type → content. Always carries `text/plain`. */
export type Bundle = Record<string, unknown> & { "text/plain": string };

/** The MIME type JupyterLab and VS Code render for Vega-Lite (v5, not v6). */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

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
 * (columns aligned for terminals and the review).
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
 * assertEquals(t["text/markdown"], "| code | n |\n| --- | --- |\n| ok | 7 |\n| a\\|b | 0.500 |");
 * ```
 */
export function table(
  rows: readonly Record<string, TableValue>[],
  columns?: readonly string[],
  opts: { digits?: number } = {},
): Bundle {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c], opts.digits)));
  const markdown = [
    `| ${cols.map(escapeMarkdownCell).join(" | ")} |`,
    `| ${cols.map(() => "---").join(" | ")} |`,
    ...cells.map((r) => `| ${r.map(escapeMarkdownCell).join(" | ")} |`),
  ].join("\n");
  const html = [
    "<table>",
    `<thead><tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...cells.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ].join("\n");
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd();
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
 * A chart as a bundle: the Vega-Lite spec (rendered live by JupyterLab and VS Code), an
 * `image/svg+xml` fallback rendered by lib/present/charts.ts (for static viewers and nbconvert HTML), and a
 * one-line `text/plain` naming the chart.
 *
 * @param spec a Vega-Lite v5 spec from one of lib/present/charts.ts's builders (data inline)
 * @param render the SVG renderer (default lib/present/charts.ts's `renderSvg`; injectable for tests)
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "../core/testing.ts";
 * import { chart, VEGA_LITE_MIME } from "./display.ts";
 * import { barChart } from "../present/charts.ts";
 * const spec = barChart({ title: "t", xTitle: "x", yTitle: "y", rows: [{ category: "a", value: 1 }] });
 * const b = await chart(spec);
 * assert((b["image/svg+xml"] as string).startsWith("<svg"));
 * assertEquals([b[VEGA_LITE_MIME], b["text/plain"]], [spec, "[chart: t]"]);
 * ```
 */
export async function chart(
  spec: VegaLiteSpec,
  render: (spec: VegaLiteSpec) => Promise<string> = renderSvg,
): Promise<Bundle> {
  return {
    [VEGA_LITE_MIME]: spec,
    "image/svg+xml": await render(spec),
    "text/plain": `[chart: ${spec.title.text}]`,
  };
}

/** The prefix of a check verdict line, as `deno task review` reads it. */
export const CHECK_PASSED = "CHECK PASSED";
/** The prefix of a failed check's verdict line. */
export const CHECK_FAILED = "CHECK FAILED";

/**
 * An exercise's verdict as a bundle. `text/plain` is one line the review reads:
 * `CHECK PASSED: <name>` or `CHECK FAILED: <name>: <why>`; `text/markdown` says the same in
 * bold for people. A name with a colon or a line break, or a failure without a reason, throws:
 * that is a bug in the notebook, not the student's answer.
 *
 * @param name the check's id, e.g. `pickBest-contract`
 * @param ok whether the student's version meets the contract
 * @param why in plain words, what is wrong (required when `ok` is false) or what was verified
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { check } from "./display.ts";
 * assertEquals(check("kata-labels", false, "q3 is a parser bug")["text/plain"],
 *   "CHECK FAILED: kata-labels: q3 is a parser bug");
 * ```
 */
export function check(name: string, ok: boolean, why = ""): Bundle {
  if (!/^[^:\n]+$/.test(name) || name.trim() !== name) {
    throw new Error(
      `check name must be non-empty, trimmed, without ':' or line breaks: ${JSON.stringify(name)}`,
    );
  }
  const reason = why.replace(/\s*\n\s*/g, " ").trim();
  if (!ok && reason === "") throw new Error(`check ${name} failed without saying why`);
  const head = `${ok ? CHECK_PASSED : CHECK_FAILED}: ${name}`;
  const line = ok ? head : `${head}: ${reason}`;
  const mdText = ok
    ? `**${CHECK_PASSED}: ${name}**${reason ? ` (${reason})` : ""}`
    : `**${CHECK_FAILED}: ${name}**: ${reason}`;
  return { "text/plain": line, "text/markdown": mdText };
}

/**
 * A path as the project sees it: relative to the project root when it lies inside it (so a
 * notebook's output reads `runs/eval_…`, the same on every machine), unchanged otherwise.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rootRelative } from "./display.ts";
 * import { runsPath } from "../core/paths.ts";
 * assertEquals([rootRelative(runsPath("eval_1")), rootRelative("/tmp/x")], ["runs/eval_1", "/tmp/x"]);
 * ```
 */
export function rootRelative(path: string): string {
  if (!path.startsWith("/")) return path;
  const rel = relative(PROJECT_ROOT, path);
  return rel.startsWith("..") ? path : rel;
}

/**
 * Cites a run: one `text/plain` line `run: runs/<name>` (the path relative to the project root),
 * which `deno task review` finds and checks against the sealed data and the current scorer.
 * `scratch: true` writes `scratch run: runs/<name>` instead, for a run that is off-contract on
 * purpose (the tamper experiment); the review lists it but does not hold it to the contract.
 *
 * @param path the run's folder, absolute or relative to the project root
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { cite } from "./display.ts";
 * import { runsPath } from "../core/paths.ts";
 * assertEquals(cite(runsPath("eval_1"))["text/plain"], "run: runs/eval_1");
 * assertEquals(cite("runs/eval_2", { scratch: true })["text/plain"], "scratch run: runs/eval_2");
 * ```
 */
export function cite(path: string, opts: { scratch?: boolean } = {}): Bundle {
  const rel = rootRelative(path);
  if (!/^runs\/[^\s]+$/.test(rel)) throw new Error(`not a run under runs/: ${path}`);
  return { "text/plain": `${opts.scratch ? "scratch run" : "run"}: ${rel}` };
}

/** How `show()` hands a bundle to the kernel. */
export type Display = (bundle: Bundle) => Promise<void>;

/**
 * The kernel's display function, or null outside Deno's Jupyter kernel (where `Deno.jupyter`
 * throws on access).
 */
export function kernelDisplay(): Display | null {
  try {
    const jupyter = Deno.jupyter;
    if (typeof jupyter?.display !== "function") return null;
    return async (bundle) => {
      await jupyter.display(bundle, { raw: true });
      // One turn of the event loop lets the display message leave before the cell reports idle.
      await new Promise((r) => setTimeout(r, 0));
    };
  } catch {
    return null;
  }
}

/**
 * Turns any value into a bundle: a bundle stays as it is, a string becomes `text/plain`, an array
 * of records becomes a `table()`, anything else pretty-printed JSON.
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
 * Shows a value in the notebook: inside the kernel it displays the bundle (and waits one turn of
 * the event loop) and returns undefined, so the cell has no extra result; outside the kernel it
 * returns the bundle.
 *
 * @param value a bundle or any value (see {@link toBundle})
 * @param display the display function (default: the kernel's, when there is one)
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { show, text } from "./display.ts";
 * const shown: unknown[] = [];
 * const out = await show("hello", async (b) => { shown.push(b); });
 * assertEquals([out, shown], [undefined, [text("hello")]]);
 * ```
 */
export async function show(
  value: unknown,
  display: Display | null = kernelDisplay(),
): Promise<Bundle | undefined> {
  const bundle = toBundle(value);
  if (display === null) return bundle;
  await display(bundle);
  return undefined;
}
