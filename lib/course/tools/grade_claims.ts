/**
 * What a handed-in notebook's outputs claim, against what the re-execution showed. (Pure.)
 *
 * The claim of a teacher's code cell is the text its outputs carry (lib/course/tools/ipynb.ts's
 * `outputLines`: text of displays, streams, errors); the re-execution's is the text of every
 * bundle the cell displayed in the sandbox (and the error it stopped on). Before comparing, what
 * differs between two honest runs is normalised ({@link normalizeOutput}): the time in run
 * names, the absolute path before `runs/`, durations in test output, trailing blanks. A cell
 * whose output differs between two runs of the committed notebook (one that draws with
 * `Math.random` on purpose) is compared on its `CHECK` lines only.
 *
 * A cell with no output claims nothing: a notebook typed but never run is simply graded.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../../core/testing.ts";
 * import { normalizeOutput } from "./grade_claims.ts";
 * assertEquals(normalizeOutput("run: runs/M1_bandit_20261206T032117Z-2  \nGate: /home/ada/rl/runs/x ok (12ms)\n"),
 *   "run: runs/M1_bandit_<time>\nGate: runs/x ok (<time>)");
 * ```
 * @module
 */
import type { Cell } from "./ipynb.ts";
import { outputLines } from "./ipynb.ts";
import { parseCheckLine, type Status } from "../lines.ts";
import type { ChannelEvent } from "./grade_channel.ts";
import type { Program } from "./grade_program.ts";

/** Text two honest runs may differ in, made equal (see the module doc). */
export function normalizeOutput(text: string): string {
  return text
    .replace(/_\d{8}T\d{6}Z(?:-\d+)?/g, "_<time>")
    .replace(/(?:\/[^\s/"'`]+)+\/runs\//g, "runs/")
    .replace(/\(\d+(?:\.\d+)?(?:ms|µs|s)\)/g, "(<time>)")
    .split("\n").map((l) => l.trimEnd()).filter((l) => l !== "").join("\n");
}

/** Only the verdict lines of a text, normalised. */
function checkLines(text: string): string {
  return text.split("\n").filter((l) => parseCheckLine(l) !== null).join("\n");
}

/** The text each program cell displayed in the re-execution (position → text). */
export function shownText(
  events: readonly ChannelEvent[],
  stoppedOn: { cell: number; error: string } | null,
): Map<number, string> {
  const shown = new Map<number, string>();
  for (const e of events) {
    if (e.kind !== "display") continue;
    shown.set(
      e.cell,
      [shown.get(e.cell), String(e.text)].filter((t) => t !== undefined).join("\n"),
    );
  }
  if (stoppedOn !== null) {
    shown.set(
      stoppedOn.cell,
      [shown.get(stoppedOn.cell), stoppedOn.error].filter((t) => t !== undefined).join("\n"),
    );
  }
  return shown;
}

/** A teacher cell whose claimed output is not what the re-execution showed. */
export interface Mismatch {
  /** The committed cell. */
  cell: number;
  /** The program position. */
  position: number;
  claimed: string;
  rerun: string;
  /** Items the claim shows as passed that the re-execution did not pass (forgery). */
  overclaimed: string[];
}

/**
 * The teacher cells of `program` whose outputs in `submitted` differ from the re-execution's
 * (see the module doc). `checksOnly` holds the committed cells compared on verdict lines only.
 */
export function claimMismatches(
  program: Program,
  submitted: { cells: Cell[] },
  shown: ReadonlyMap<number, string>,
  rerunStatus: ReadonlyMap<string, Status>,
  checksOnly: ReadonlySet<number>,
): Mismatch[] {
  const found: Mismatch[] = [];
  for (const c of program.cells) {
    if (c.role !== "teacher" || c.changed || c.submitted === null || c.committed === null) continue;
    const outputs = submitted.cells[c.submitted - 1].outputs ?? [];
    if (outputs.length === 0) continue; // no claim
    let claimed = normalizeOutput(outputLines(submitted.cells[c.submitted - 1]).join("\n"));
    let rerun = normalizeOutput(shown.get(c.position) ?? "");
    if (checksOnly.has(c.committed)) [claimed, rerun] = [checkLines(claimed), checkLines(rerun)];
    if (claimed === rerun) continue;
    const overclaimed = claimed.split("\n").map(parseCheckLine).flatMap((v) =>
      v !== null && v.status === "passed" && rerunStatus.has(v.name) &&
        rerunStatus.get(v.name) !== "passed"
        ? [v.name]
        : []
    );
    found.push({ cell: c.committed, position: c.position, claimed, rerun, overclaimed });
  }
  return found;
}
