/**
 * `deno task inspect --run runs/X`: Loop A, looking. Groups a run's results by code, largest
 * first, with examples made visible; `--id` shows one row in full; a selection run also shows
 * the prompts it rescued. Thin: read, print.
 * @module
 */
import { findRow, inspectRun, openResults, scorerDrift } from "../measure/inspect.ts";
import { inspectStory } from "../present/eval_story.ts";
import { rescuedLines, rowStory, scorerDriftLine } from "../present/inspect_story.ts";
import { type Command, flag, runCommand } from "./_framework/command.ts";

export const INSPECT = {
  name: "deno task inspect",
  summary: "Groups an eval or select run's results by code, largest first, with examples " +
    "(whitespace and hidden characters made visible) and the scorer's message; --id shows one " +
    "row in full; a select run also shows the prompts selection rescued.",
  flags: {
    run: flag.str("runs/X", "a run folder, or its results.jsonl", { required: true }),
    id: flag.str("ID", "show the row of this example in full, every field"),
    "only-fails": flag.bool("leave out rewarded results"),
    "top-k": flag.int("K", "show the K largest groups", { default: 5, min: 1 }),
    show: flag.int("S", "examples shown per group (and rescued prompts)", { default: 2, min: 0 }),
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(INSPECT, async (f) => {
    const runPath = f.run.replace(/\/+$/, "");
    const source = await openResults(runPath);
    const drift = scorerDrift(source.scorer);
    if (drift !== null) console.error(scorerDriftLine(drift));
    if (f.id !== undefined) {
      const { row, line } = await findRow(source, f.id);
      console.log(rowStory(row, { path: source.resultsPath, line, kind: source.kind }).join("\n"));
      return 0;
    }
    const onlyFails = f["only-fails"];
    const result = await inspectRun(source, { onlyFails, keep: f.show });
    console.log(inspectStory(result, { runPath, topK: f["top-k"], show: f.show, onlyFails }));
    if (result.rescued !== null) {
      console.log(["", ...rescuedLines(result.rescued, f.show)].join("\n"));
    }
    return 0;
  });
}
