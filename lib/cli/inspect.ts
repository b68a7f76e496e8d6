/**
 * `deno task inspect --run runs/X [--only-fails] [--top-k 5] [--show 2]`: Loop A, looking.
 * @module
 */
import { inspectRun } from "../measure/inspect.ts";
import { inspectStory } from "../present/stories.ts";
import { intFlag, parseFlags, required, runCli } from "./common.ts";

const USAGE = `usage: deno task inspect --run runs/X [--only-fails] [--top-k 5] [--show 2]

  --run DIR       a run folder holding results.jsonl
  --only-fails    leave out rewarded results
  --top-k K       show the K largest groups (default 5)
  --show S        show S examples per group (default 2)`;

await runCli(USAGE, async () => {
  const { values } = parseFlags(Deno.args, {
    run: { type: "string" },
    "only-fails": { type: "boolean" },
    "top-k": { type: "string" },
    show: { type: "string" },
  });
  const runPath = required(values, "run").replace(/\/+$/, "");
  const topK = intFlag(values, "top-k", 5, 1);
  const show = intFlag(values, "show", 2, 0);
  const onlyFails = values["only-fails"] === true;
  const result = await inspectRun(runPath, { onlyFails, keep: show });
  console.log(inspectStory(result, { runPath, topK, show, onlyFails }));
  return 0;
});
