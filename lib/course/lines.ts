/**
 * The two kinds of text line a notebook's outputs carry for `deno task review`, written and read
 * only here:
 * - a verdict, `CHECK PASSED: <name>[: <why>]`, `CHECK FAILED: <name>: <why>` or
 *   `CHECK NOT ATTEMPTED: <name>: <why>` (an exercise still holding its stub, a prediction still
 *   empty);
 * - a citation, `run: runs/<name>` (a run whose manifest the review checks) or
 *   `scratch run: runs/<name>` (a run off-contract on purpose, which the review only lists).
 *
 * A check's name has no colon and no line break, so the line splits unambiguously.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { checkLine, parseCheckLine } from "./lines.ts";
 * const line = checkLine("kata-labels", "not attempted", "m01, m02 have no label");
 * assertEquals(line, "CHECK NOT ATTEMPTED: kata-labels: m01, m02 have no label");
 * assertEquals(parseCheckLine(line), {
 *   name: "kata-labels", status: "not attempted", why: "m01, m02 have no label",
 * });
 * ```
 * @module
 */
import { relative } from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";
import type { Bundle } from "./display.ts";

/** What a check found: the contract met, not met, or not tried yet. */
export type Status = "passed" | "failed" | "not attempted";

/** The word of each status in a verdict line. */
export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  passed: "PASSED",
  failed: "FAILED",
  "not attempted": "NOT ATTEMPTED",
};

const CHECK_LINE = /^CHECK (PASSED|FAILED|NOT ATTEMPTED): ([^:]+?)(?:: (.*))?$/;
const RUN_LINE = /^(scratch run|run): (runs\/\S+)$/;

/** A check name is non-empty, trimmed, and has no colon or line break; otherwise this throws. */
export function assertCheckName(name: string): void {
  if (!/^[^:\n]+$/.test(name) || name.trim() !== name) {
    throw new Error(
      `check name must be non-empty, trimmed, without ':' or line breaks: ${JSON.stringify(name)}`,
    );
  }
}

/**
 * The verdict line of a check. A failure or a non-attempt must say why (a reason with line breaks
 * is joined into one line); a pass may.
 */
export function checkLine(name: string, status: Status, why = ""): string {
  assertCheckName(name);
  const reason = why.replace(/\s*\n\s*/g, " ").trim();
  if (status !== "passed" && reason === "") {
    throw new Error(`check ${name} is ${status} without saying why`);
  }
  const head = `CHECK ${STATUS_WORDS[status]}: ${name}`;
  return reason === "" ? head : `${head}: ${reason}`;
}

/** A verdict line read back, or null when the line is not one. */
export function parseCheckLine(line: string): { name: string; status: Status; why: string } | null {
  const m = CHECK_LINE.exec(line.trim());
  if (m === null) return null;
  const status = (Object.keys(STATUS_WORDS) as Status[]).find((s) => STATUS_WORDS[s] === m[1])!;
  return { name: m[2], status, why: m[3] ?? "" };
}

/**
 * A verdict as a bundle: `text/plain` is the {@link checkLine}; `text/markdown` says the same in
 * bold for people.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { verdictBundle } from "./lines.ts";
 * assertEquals(verdictBundle("reinforce-update", "failed", "step 3: wrong sign")["text/markdown"],
 *   "**CHECK FAILED: reinforce-update**: step 3: wrong sign");
 * ```
 */
export function verdictBundle(name: string, status: Status, why = ""): Bundle {
  const line = checkLine(name, status, why);
  const head = `CHECK ${STATUS_WORDS[status]}: ${name}`;
  const reason = line.slice(head.length).replace(/^: /, "");
  return { "text/plain": line, "text/markdown": `**${head}**${reason ? `: ${reason}` : ""}` };
}

/**
 * A pass/fail verdict as a bundle (a check of the library's behaviour rather than of the
 * student's work). A failure must say why.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { check } from "./lines.ts";
 * assertEquals(check("repeat-identical", true)["text/plain"], "CHECK PASSED: repeat-identical");
 * ```
 */
export function check(name: string, ok: boolean, why = ""): Bundle {
  return verdictBundle(name, ok ? "passed" : "failed", why);
}

/**
 * A path as the project sees it: relative to the project root when it lies inside it (so a
 * notebook's output reads `runs/eval_…`, the same on every machine), unchanged otherwise.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { rootRelative } from "./lines.ts";
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
 * import { cite } from "./lines.ts";
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

/** A citation line read back, or null when the line is not one. */
export function parseRunLine(line: string): { path: string; scratch: boolean } | null {
  const m = RUN_LINE.exec(line.trim());
  return m === null ? null : { path: m[2].replace(/\/$/, ""), scratch: m[1] === "scratch run" };
}
