/**
 * `deno task inspect --run runs/X`: Loop A, looking. Groups a run's results by code, largest
 * first, with examples made visible. Thin: read, print.
 * @module
 */
import { inspectRun } from "../measure/inspect.ts";
import { inspectStory } from "../present/eval_story.ts";
import { type Command, runCommand } from "./command.ts";

export const INSPECT = {
  name: "deno task inspect",
  summary: "Groups an eval or select run's results by code, largest first, with examples " +
    "(whitespace and hidden characters made visible) and the scorer's message.",
  flags: {
    run: {
      type: "string",
      arg: "runs/X",
      help: "a run folder holding results.jsonl",
      required: true,
    },
    "only-fails": { type: "boolean", help: "leave out rewarded results" },
    "top-k": { type: "int", arg: "K", help: "show the K largest groups", default: 5, min: 1 },
    show: { type: "int", arg: "S", help: "examples shown per group", default: 2, min: 0 },
  },
} as const satisfies Command;

if (import.meta.main) {
  await runCommand(INSPECT, async (f) => {
    const runPath = f.run.replace(/\/+$/, "");
    const onlyFails = f["only-fails"];
    const result = await inspectRun(runPath, { onlyFails, keep: f.show });
    console.log(inspectStory(result, { runPath, topK: f["top-k"], show: f.show, onlyFails }));
    return 0;
  });
}
