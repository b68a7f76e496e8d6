// Progress lines on stderr: fixed keys, the time left at the average pace so far.
import { assertEquals } from "../../lib/core/testing.ts";
import { duration, progressLine } from "../../lib/present/progress.ts";

Deno.test("duration() prints whole seconds, minutes with two-digit seconds, ? when unknown", () => {
  assertEquals([duration(9.2), duration(59.6), duration(125), duration(Infinity)], [
    "9s",
    "1m00s",
    "2m05s",
    "?",
  ]);
});

Deno.test("progressLine() pads done to the width of total and estimates from the pace", () => {
  assertEquals(progressLine("rl step", 5, 120, 10, ""), "rl step 005/120 | ETA 3m50s");
  assertEquals(progressLine("sft", 0, 10, 0, "loss 2.000"), "sft 00/10 | loss 2.000 | ETA ?");
});
