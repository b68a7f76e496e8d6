// What rollouts and serve print: progress with fixed keys (a bar on a terminal, periodic plain
// lines otherwise), the closing lines, and the server's counts.
import { assert, assertEquals } from "../../lib/core/testing.ts";
import {
  progressBar,
  progressReporter,
  rolloutsEnd,
  rolloutsStopped,
} from "../../lib/present/rollouts_story.ts";
import { serveBanner, serveStopped } from "../../lib/present/serve_story.ts";

const P = { done: 60, total: 240, resumed: 0, retries: 3, requests: 30 };

Deno.test("progressBar() shows done/total, rate, ETA and retries with a filled bar", () => {
  assertEquals(
    progressBar(P, 2000, 8),
    "[##......]  60/240 samples | 30.000/s | ETA 6s | retries 3",
  );
});

Deno.test("progressReporter() redraws a bar in place on a terminal and ends the line", () => {
  const out: string[] = [];
  let now = 0;
  const r = progressReporter({ terminal: true, write: (t) => out.push(t), now: () => now });
  r.update(P);
  now = 50;
  r.update({ ...P, done: 61 }); // within 100 ms: not redrawn
  now = 200;
  r.update({ ...P, done: 240 });
  r.end();
  assertEquals(out.length, 4);
  assert(out.slice(0, 3).every((t) => t.startsWith("\r[") && t.endsWith("\x1b[K")));
  assertEquals(out[3], "\n");
});

Deno.test("progressReporter() prints a plain line only every few seconds off a terminal", () => {
  const out: string[] = [];
  let now = 0;
  const r = progressReporter({
    terminal: false,
    write: (t) => out.push(t),
    now: () => now,
    everyMs: 1000,
  });
  r.update(P);
  now = 999;
  r.update(P);
  now = 1000;
  r.update({ ...P, done: 100 });
  r.end();
  assertEquals(out.map((l) => l.split(" | ")[0]), [
    "rollouts 100/240 samples",
    "rollouts 100/240 samples",
  ]);
  const quick: string[] = [];
  const q = progressReporter({ terminal: false, write: (t) => quick.push(t), now: () => 0 });
  q.update({ ...P, done: 240 });
  q.end();
  assertEquals(quick, []); // a run done before the first period prints only its story
});

Deno.test("rolloutsStopped() says what is kept and how to go on, or that nothing is", () => {
  assert(
    rolloutsStopped({ done: 7, total: 9, journal: "runs/.partial-x" }).includes(
      "rerun the same command",
    ),
  );
  assertEquals(
    rolloutsStopped({ done: 0, total: 9, journal: "j" }),
    "stopped: no sample was journaled; nothing is left behind",
  );
});

Deno.test("serveBanner() and serveStopped() name the model, the routes and the counts", () => {
  const b = serveBanner({
    url: "http://127.0.0.1:8000",
    model: "m",
    synthetic: true,
    scorer: { name: "s", version: "1" },
  });
  assert(b.startsWith("serving m (synthetic stand-in"));
  assert(b.includes("http://127.0.0.1:8000/get_reward"));
  assertEquals(serveStopped({}), "server stopped: 0 requests answered, 0 refused");
});

Deno.test("rolloutsEnd() closes a complete run with the Next: command that scores sample 0", () => {
  const end = rolloutsEnd({
    runPath: "runs/qwen",
    dataset: "data/datasets/math_dev.jsonl",
    progress: P,
    summary: { finish_reasons: { stop: 240 }, models_reported: ["m"] },
  }, 1000);
  assertEquals(end.code, 0);
  assertEquals(
    end.text.split("\n").at(-1),
    "Next: deno task eval --dataset data/datasets/math_dev.jsonl --completions runs/qwen/completions.jsonl",
  );
});
