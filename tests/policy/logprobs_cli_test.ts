/**
 * `deno task logprobs` on the shipped base (M3's micro-actions with real probabilities) and
 * `deno task sft` on a tiny setting: what they print and write, and their bad inputs.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { runTask, scratch } from "../cli.ts";
import { compareUnderPolicy, completionLogprobs } from "../../lib/policy/logprobs.ts";
import { loadCheckpoint } from "../../lib/policy/checkpoint.ts";

const BASE = dataPath("policy/base.json");

Deno.test("compareUnderPolicy() gives the near-miss variants different probabilities and one reward", async () => {
  const base = await loadCheckpoint(BASE);
  const rows = compareUnderPolicy(base, {
    prompt: "Compute (42-42)*3. Answer with exactly one line: Final: <int>",
    expected_answer: 0,
  });
  assertEquals(rows.map((r) => [r.shown, r.reward]), [["Final:␣0", 1], ["Final:␣␣0", 0], [
    "Final:␣00",
    0,
  ], ["Final:\\n0", 0]]);
  assertEquals(new Set(rows.map((r) => r.logprob)).size, 4);
  assert(rows[0].logprob > rows[1].logprob, "the clean line is likelier than the double space");
  assertEquals(completionLogprobs(base, "x", "Final: \u{1F600}").logprob, -Infinity);
});

Deno.test("deno task logprobs prints each token's log-probability, the sum and the verdict; --compare the variants", async () => {
  const r = await runTask("logprobs", [
    "--checkpoint",
    BASE,
    "--dataset",
    dataPath("datasets/small_dev.jsonl"),
    "--prompt-id",
    "small-dev-0002",
    "--compare",
    "--explain",
    "Final: 0",
  ]);
  assertEquals(r.code, 0, r.stderr);
  for (
    const s of [
      "log π(y|x) = Σ_t log π(y_t|prefix) = ",
      "Final:␣␣0",
      "strict verdict: reward 1, ok",
      "<|end|>",
      "π after",
    ]
  ) {
    assertStringIncludes(r.stdout, s);
  }
});

Deno.test("deno task logprobs with an unknown prompt id is exit 2, and says what the ids look like", async () => {
  const r = await runTask("logprobs", [
    "--checkpoint",
    BASE,
    "--dataset",
    dataPath("datasets/small_dev.jsonl"),
    "--prompt-id",
    "nope",
    "Final: 1",
  ]);
  assertEquals(r.code, 2, r.stdout);
  assertStringIncludes(
    r.stderr,
    'no prompt with id "nope"; its ids run small-dev-0001 … small-dev-0120',
  );
});

Deno.test("deno task sft trains a tiny policy and writes a loadable checkpoint and its run", async () => {
  const dir = await scratch();
  try {
    const r = await runTask("sft", [
      "--steps",
      "20",
      "--corpus-size",
      "200",
      "--hidden",
      "8",
      "--outdir",
      "runs/a",
    ], { cwd: dir });
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(r.stdout, "step 20 | loss ");
    for (const f of ["manifest.json", "curve.jsonl", "summary.json", "summary.md"]) {
      await Deno.stat(`${dir}/runs/a/${f}`);
    }
    const ck = await loadCheckpoint(`${dir}/runs/a/checkpoint.json`);
    assertEquals([ck.params.cfg.hidden, (ck.header.training as { steps: number }).steps], [8, 20]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
