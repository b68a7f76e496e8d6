/**
 * `deno task clean`: removes what dead runs left under runs/ (temp folders of a killed command),
 * restores a run whose `--force` replace was killed midway, and lists what it did. Never touches
 * a run being written by a live command, nor anything outside runs/.
 * @module
 */
import { cleanRuns } from "../core/run_dir.ts";
import { cleanStory } from "../present/clean_story.ts";
import { type Command, runCommand } from "./_framework/command.ts";

export const CLEAN = {
  name: "deno task clean",
  summary: "Removes temp folders of dead runs under runs/ and restores an interrupted --force; " +
    "lists what it did.",
  flags: {},
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(CLEAN, async () => {
    for (const line of cleanStory("runs", await cleanRuns("runs"))) console.log(line);
    return 0;
  });
}
