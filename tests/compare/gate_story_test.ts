/**
 * The gate's stories as the lessons show them (issue 22 §1): one reason per cause, the right one;
 * every run named `runs/NAME`, never by an absolute path; no violation listed twice; the sampling
 * rule printed only when the sampling check fails; changed completions under best-of-N are
 * selection's doing, not "the policy's outputs". Runs are real evals and selections on the
 * shipped data, passed by absolute path as a notebook passes them.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../../lib/core/testing.ts";
import { dataPath } from "../../lib/core/paths.ts";
import { gate, GATE_DEFAULTS, type GateVerdict } from "../../lib/compare/gate.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runSelect } from "../../lib/experiments/select.ts";
import { gateStory } from "../../lib/present/gate_story.ts";

const DEV = dataPath("datasets/math_dev.jsonl");
const FROZEN = dataPath("rollouts/frozen_rollouts_dev.jsonl");
const PACK = dataPath("rollouts/selection_pack_dev.jsonl");
const root = await Deno.makeTempDir({ prefix: "gate_story_test_" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

const evalOf = async (name: string, dataset: string, completions = FROZEN) =>
  (await runEval({ dataset, completions, outdir: join(root, "runs", name) })).runPath;
const selectOf = async (name: string, n: number) => {
  const outdir = join(root, "runs", name);
  await runSelect({ dataset: DEV, samples: PACK, n, outdir });
  return outdir;
};

/** A copy of the dev set with example `index`'s expected answer moved by +1. */
async function tampered(index: number): Promise<string> {
  const rows = (await Deno.readTextFile(DEV)).trim().split("\n").map((l) => JSON.parse(l));
  rows[index].expected_answer = Number(rows[index].expected_answer) + 1;
  const path = join(root, `tampered_${index}.jsonl`);
  await Deno.writeTextFile(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

/** The index of a dev example the frozen rollouts answer correctly (its reward flips). */
async function correctlyAnswered(): Promise<number> {
  const run = await evalOf("probe", DEV);
  const rows = (await Deno.readTextFile(join(run, "results.jsonl"))).trim().split("\n");
  return rows.findIndex((l) => JSON.parse(l).reward === 1);
}

/** The rules every story keeps, asserted on one verdict. */
function assertWellTold(v: GateVerdict): string {
  const text = gateStory(v);
  assert(!text.includes(root), `an absolute path:\n${text}`);
  assert(!/(^|\s)\/[\w.-]+\//.test(text), `an absolute path:\n${text}`);
  for (const r of v.checks.filter((r) => r.severity === "violation")) {
    assertEquals(text.split(r.message).length - 1, 1, `listed more than once: ${r.message}`);
  }
  const sampling = v.checks.some((r) =>
    r.check === "sampling settings" && r.severity === "violation"
  );
  assertEquals(text.split("Sampling rule").length - 1, sampling ? 1 : 0, text);
  return text;
}

const base = await evalOf("base", DEV);

Deno.test("a tampered expected answer is named once, as the dataset's change, never as a non-deterministic instrument", async () => {
  const i = await correctlyAnswered(); // the frozen completion's reward flips: scored apart
  for (const index of [0, i]) {
    const v = await gate(
      base,
      await evalOf(`tampered_${index}`, await tampered(index)),
      GATE_DEFAULTS,
    );
    const text = assertWellTold(v);
    assertEquals(v.decision, "REJECT");
    assertEquals(
      text.split("\n").filter((l) => /expected answers changed|dataset fingerprint/.test(l)).length,
      1,
      text,
    );
    assert(!/not deterministic|results edited/.test(text), text);
    assert(text.startsWith("REJECT: the room is not locked: the environment changed"), text);
    assert(text.includes("Gate: baseline runs/base vs candidate runs/tampered_"), text);
  }
});

Deno.test("the selection trap: completions changed by best-of-N are selection's, not the policy's outputs", async () => {
  const v = await gate(await selectOf("n1", 1), await selectOf("n4", 4), GATE_DEFAULTS);
  const text = assertWellTold(v);
  assertEquals(v.decision, "REJECT");
  assert(!text.includes("the policy's outputs"), text);
  assert(
    /\d+ of 120 completions changed, by selection \(best-of-N\) rather than by the policy/.test(
      text,
    ),
    text,
  );
});

Deno.test("a locked room with a real policy change: the sampling rule is not printed, each note once", async () => {
  const later = await evalOf("later", DEV, dataPath("rollouts/later_policy_dev.jsonl"));
  const v = await gate(base, later, GATE_DEFAULTS);
  const text = assertWellTold(v);
  assert(v.comparison !== null);
  assert(text.includes("the policy's outputs, the only change that can be promoted"), text);
  assertEquals(
    text.split("\n")[2],
    "Provenance: baseline verified (sealed course data data/rollouts/frozen_rollouts_dev.jsonl); candidate verified (sealed course data data/rollouts/later_policy_dev.jsonl)",
  );
});

Deno.test("a run compared with itself, or measured twice, is nothing to promote, told the same way", async () => {
  const again = await evalOf("again", DEV);
  const self = await gate(base, base, GATE_DEFAULTS);
  const twice = await gate(base, again, GATE_DEFAULTS);
  for (const v of [self, twice]) {
    const text = assertWellTold(v);
    assertEquals(text.split("\n")[0], "REJECT: nothing to promote (the policy did not change)");
  }
});
