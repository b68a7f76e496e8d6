/**
 * How the gate names a file in what it prints: one style everywhere, never an absolute path. A run
 * (or anything under a `runs/` folder) is `runs/NAME`; a file of the project is named from the
 * project root (`data/rollouts/x.jsonl`); a file under the working directory relative to it; any
 * other file by its name (`…/x.jsonl`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { shownPath } from "./shown_path.ts";
 * import { dataPath, runsPath } from "../core/paths.ts";
 * assertEquals(shownPath(runsPath("M6_eval")), "runs/M6_eval");
 * assertEquals(shownPath("/tmp/x/runs/a/b"), "runs/a/b");
 * assertEquals(shownPath(dataPath("rollouts/frozen_rollouts_dev.jsonl")), "data/rollouts/frozen_rollouts_dev.jsonl");
 * assertEquals(shownPath("/elsewhere/copy.jsonl"), "…/copy.jsonl");
 * ```
 * @module
 */
import { basename, relative, resolve } from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";

/** The path as the gate prints it (see the module doc). */
export function shownPath(path: string): string {
  const abs = resolve(path);
  const at = abs.lastIndexOf("/runs/");
  if (at >= 0) return abs.slice(at + 1);
  if (abs.endsWith("/runs")) return "runs";
  for (const root of [PROJECT_ROOT, Deno.cwd()]) {
    if (abs.startsWith(`${root}/`)) return relative(root, abs);
  }
  return `…/${basename(abs)}`;
}
