/**
 * What `deno task clean` prints: one line per temp group of a dead writer it recovered, and a
 * last line with the total.
 *
 * @example
 * ```ts
 * import { assertEquals } from "../core/testing.ts";
 * import { cleanStory } from "./clean_story.ts";
 * assertEquals(cleanStory("runs", []), ["runs: nothing to clean (no temp folder of a dead run)"]);
 * ```
 * @module
 */
import type { Recovered } from "../core/run_recovery.ts";
import { f3 } from "./format.ts";

/** The lines of the story for what was recovered in `runsDir`. */
export function cleanStory(runsDir: string, recovered: readonly Recovered[]): string[] {
  if (recovered.length === 0) {
    return [`${runsDir}: nothing to clean (no temp folder of a dead run)`];
  }
  const lines = recovered.map((r) => {
    const target = r.target === null ? "an unknown run" : `${runsDir}/${r.target}`;
    return r.action === "restored"
      ? `restored ${target}: a --force replace was killed before the new run stood (${runsDir}/${r.name})`
      : `removed ${runsDir}/${r.name}: ${f3(r.bytes / 1e6)} MB left by a dead writer of ${target}`;
  });
  const total = recovered.reduce((s, r) => s + r.bytes, 0);
  lines.push(`${recovered.length} temp group(s) recovered, ${f3(total / 1e6)} MB freed`);
  return lines;
}
