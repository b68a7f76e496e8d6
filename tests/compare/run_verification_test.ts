/**
 * The gate verifies what it compares: one test per way a run can lie or be unusable. Each asserts
 * the verdict (REJECT, exit 1, no comparison) and the reason that names the problem.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import { decide, gate, GATE_DEFAULTS, type GateVerdict, readRun } from "../../lib/compare/gate.ts";
import { instrumentFor } from "../../lib/instrument/instrument.ts";
import { RUBRICS } from "../../lib/instrument/rubrics.ts";
import { runEval } from "../../lib/experiments/eval.ts";
import { runTask } from "../cli.ts";
import { copyRun, dataset, editManifest, editRows, evalRun } from "./runs.ts";

const BASE = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 1 : 0));
const LATER = BASE.map((r, i) => (i % 5 === 1 ? 1 : r));

/** A baseline and a candidate run in a fresh folder; `body` edits and gates them. */
async function withRuns(body: (root: string, a: string, b: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "gate_verify_" });
  try {
    await body(root, await evalRun(root, "a", BASE), await evalRun(root, "b", LATER));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** REJECT, exit 1, no comparison, and a violation of `check` whose message holds `words`. */
function assertRejected(v: GateVerdict, check: string, words: string): void {
  assertEquals([v.decision, v.exit_code, v.comparison], ["REJECT", 1, null]);
  const r = v.reasons.find((x) =>
    x.check === check && x.severity === "violation" && x.message.includes(words)
  );
  assert(
    r !== undefined,
    `no violation '${check}' with "${words}" in ${JSON.stringify(v.reasons, null, 1)}`,
  );
}

/** Records the current SHA-256 of results.jsonl in the manifest, as a careful forger would. */
async function rerecord(run: string) {
  const text = await Deno.readTextFile(`${run}/results.jsonl`);
  await editManifest(run, (m) => {
    (m.artifacts as Record<string, unknown>)["results.jsonl"] = {
      sha256: sha256Text(text),
      bytes: new TextEncoder().encode(text).length,
    };
  });
}

Deno.test("gate() accepts the two untouched runs (the control of every case below)", async () => {
  await withRuns(async (_, a, b) => {
    assertEquals((await gate(a, b, GATE_DEFAULTS)).decision, "PROMOTE");
  });
});

// --- artifacts ---------------------------------------------------------------------------------

Deno.test("gate() rejects a candidate whose results.jsonl was edited (every reward set to 1)", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => rows.forEach((r) => (r.reward = 1)));
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "artifacts",
      "results.jsonl does not match the SHA-256",
    );
  });
});

Deno.test("gate() rejects a run whose summary.json was edited, naming the file", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.writeTextFile(`${b}/summary.json`, '{"kind":"eval","pass_rate":1}\n');
    assertRejected(await gate(a, b, GATE_DEFAULTS), "artifacts", "summary.json does not match");
  });
});

Deno.test("gate() rejects a run whose artifact is missing, naming it", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.remove(`${a}/summary.md`);
    assertRejected(await gate(a, b, GATE_DEFAULTS), "artifacts", "summary.md cannot be checked");
  });
});

// --- re-scoring -------------------------------------------------------------------------------

Deno.test("gate() re-scores: an edited reward with its SHA-256 re-recorded is still caught", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => (rows[1].reward = 1 - (rows[1].reward as number)));
    await rerecord(b);
    const v = await gate(a, b, GATE_DEFAULTS);
    assertRejected(v, "re-score", "results edited, or the instrument is not deterministic");
    assertStringIncludes(v.reasons.find((r) => r.check === "re-score")!.message, '"q0001"');
  });
});

Deno.test("gate() re-scores: an edited code with its SHA-256 re-recorded is caught", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => (rows[2].code = "plus_sign_disallowed"));
    await rerecord(b);
    assertRejected(await gate(a, b, GATE_DEFAULTS), "re-score", "1 row(s) differ from a re-score");
  });
});

Deno.test("gate() says it cannot re-score runs whose scorer is not the current one; against the current one the instrument is the one reason", async () => {
  await withRuns(async (_, a, b) => {
    await editManifest(b, (m) => (m.scorer_fingerprint = sha256Text("an older scorer")));
    const v = await gate(a, b, GATE_DEFAULTS);
    assertRejected(v, "scorer fingerprint", "UNVERSIONED");
    assert(!v.reasons.some((r) => r.check === "re-score"), "the instrument change, named once");
    await editManifest(a, (m) => (m.scorer_fingerprint = sha256Text("an older scorer")));
    assertRejected(await gate(a, b, GATE_DEFAULTS), "re-score", "cannot re-score");
  });
});

Deno.test("gate() names a variant instrument once: replaced (its failed re-score is the same cause)", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_verify_" });
  const ds = await dataset(root, 30);
  const a = await evalRun(root, "a", BASE, { dataset: ds });
  await runEval({
    dataset: ds,
    completions: `${root}/a.jsonl`,
    outdir: `${root}/runs/lenient`,
    force: false,
    args: [],
    instrument: instrumentFor("lenient", RUBRICS["lenient"]),
  });
  const v = await gate(a, `${root}/runs/lenient`, GATE_DEFAULTS);
  assertRejected(v, "scorer name", "was replaced");
  assert(!v.reasons.some((r) => r.check === "re-score"), "the instrument change, named once");
  await Deno.remove(root, { recursive: true });
});

Deno.test("gate() says it cannot re-score when the dataset the run names is gone or changed", async () => {
  await withRuns(async (_root, a, b) => {
    const ds = JSON.parse(await Deno.readTextFile(`${b}/manifest.json`)).inputs.dataset.path;
    await Deno.writeTextFile(
      ds,
      (await Deno.readTextFile(ds)).replace('"expected_answer":1', '"expected_answer":2'),
    );
    assertRejected(await gate(a, b, GATE_DEFAULTS), "re-score", "changed since the run");
    await Deno.remove(ds);
    assertRejected(await gate(a, b, GATE_DEFAULTS), "re-score", "cannot be read");
  });
});

// --- rows against the manifest -----------------------------------------------------------------

Deno.test("gate() rejects a run with a row missing (even with its SHA-256 re-recorded)", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => rows.splice(7, 1));
    await rerecord(b);
    assertRejected(await gate(a, b, GATE_DEFAULTS), "results", "a row is missing");
  });
});

Deno.test("gate() rejects a run with a row duplicated, naming the line", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => rows.splice(3, 0, { ...rows[2] }));
    await rerecord(b);
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "results",
      'duplicate id "q0002" (first at line 3)',
    );
  });
});

Deno.test("gate() rejects a run whose rows were reordered", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => rows.reverse());
    await rerecord(b);
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "results",
      "in another order than the run wrote them",
    );
  });
});

Deno.test("gate() rejects a row whose id the manifest does not record", async () => {
  await withRuns(async (_, a, b) => {
    await editRows(b, (rows) => (rows[0].id = "zz"));
    await rerecord(b);
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "results",
      "other examples than its manifest records",
    );
  });
});

// --- the policy did not change ------------------------------------------------------------------

Deno.test("gate() answers 'nothing to promote' (exit 1) for a run compared with itself", async () => {
  await withRuns(async (_, a) => {
    const v = await gate(a, a, GATE_DEFAULTS);
    assertRejected(
      v,
      "policy outputs",
      "nothing to promote: baseline and candidate are the same run folder",
    );
  });
});

Deno.test("gate() answers 'nothing to promote' for a run compared with a copy of itself", async () => {
  await withRuns(async (root, a) => {
    const copy = await copyRun(a, `${root}/runs/a_copy`);
    assertRejected(await gate(a, copy, GATE_DEFAULTS), "policy outputs", "a copy of the same run");
  });
});

Deno.test("decide() rejects the same completions scored differently, never a note beside a PROMOTE", async () => {
  await withRuns(async (_, a) => {
    const base = await readRun(a);
    const cand = await readRun(a);
    cand.realPath = "elsewhere";
    cand.manifest = { ...cand.manifest!, created_at: "2030-01-01T00:00:00.000Z" };
    cand.rewards = new Map([...base.rewards!].map(([id, r]) => [id, 1 - r]));
    const v = decide(base, cand, GATE_DEFAULTS);
    assertRejected(v, "policy outputs", "the same completion was scored differently in 30 item(s)");
  });
});

// --- the instrument and the kind ----------------------------------------------------------------

Deno.test("gate() rejects a candidate whose golden gate failed", async () => {
  await withRuns(async (_, a, b) => {
    await editManifest(b, (m) => ((m.golden_gate as Record<string, unknown>).passed = false));
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "golden gate",
      "failed its golden gate: the number cannot be trusted",
    );
  });
});

Deno.test("gate() rejects runs of a kind it does not measure, naming the kind", async () => {
  await withRuns(async (_, a, b) => {
    await editManifest(b, (m) => (m.kind = "bandit"));
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "manifest",
      'kind "bandit" is not a measurement the gate compares',
    );
  });
});

Deno.test("gate() rejects runs over different numbers of examples", async () => {
  const root = await Deno.makeTempDir({ prefix: "gate_verify_" });
  const a = await evalRun(root, "a", BASE);
  const b = await evalRun(root, "b", [...BASE, 1, 1]);
  const v = await gate(a, b, GATE_DEFAULTS);
  assertRejected(v, "number of examples", "30 → 32");
  await Deno.remove(root, { recursive: true });
});

// --- the manifest, read with bounds ---------------------------------------------------------------

Deno.test("gate() rejects a run without a manifest, never a silent pass", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.remove(`${b}/manifest.json`);
    const v = await gate(a, b, GATE_DEFAULTS);
    assertRejected(v, "manifest", "there is no manifest.json");
    assertRejected(v, "locked room", "never a silent pass");
  });
});

Deno.test("gate() rejects a manifest nested 6,000 levels deep as a reason, not a crash", async () => {
  await withRuns(async (_, a, b) => {
    const text = await Deno.readTextFile(`${b}/manifest.json`);
    const deep = '{"k":'.repeat(6000) + "{}" + "}".repeat(6000);
    await Deno.writeTextFile(
      `${b}/manifest.json`,
      text.replace(/"sampling": \{[^}]*\}/, `"sampling": ${deep}`),
    );
    assertRejected(await gate(a, b, GATE_DEFAULTS), "manifest", "nests 6002 levels deep");
  });
});

Deno.test("gate() rejects a huge manifest as a reason, not a read of the whole file", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.writeTextFile(`${b}/manifest.json`, " ".repeat(3 << 20) + "{}");
    assertRejected(await gate(a, b, GATE_DEFAULTS), "manifest", "is larger than 1,048,576 bytes");
  });
});

Deno.test("gate() rejects a manifest that is not JSON, or lacks a compared field", async () => {
  await withRuns(async (_, a, b) => {
    await editManifest(a, (m) => delete m.scorer_fingerprint);
    await Deno.writeTextFile(`${b}/manifest.json`, "{ not json");
    const v = await gate(a, b, GATE_DEFAULTS);
    assertRejected(v, "manifest", "field 'scorer_fingerprint' is not a SHA-256");
    assertRejected(v, "manifest", "it is not JSON");
  });
});

Deno.test("gate() rejects a manifest.json that is a FIFO at once, without hanging", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.remove(`${b}/manifest.json`);
    await new Deno.Command("mkfifo", { args: [`${b}/manifest.json`] }).output();
    assertRejected(
      await gate(a, b, GATE_DEFAULTS),
      "manifest",
      "is a FIFO (named pipe), not a regular file",
    );
  });
});

Deno.test("gate() rejects a run without results.jsonl", async () => {
  await withRuns(async (_, a, b) => {
    await Deno.remove(`${b}/results.jsonl`);
    assertRejected(await gate(a, b, GATE_DEFAULTS), "results", "no such file");
  });
});

// --- unusable folders: exit 2 ---------------------------------------------------------------------

Deno.test("readRun() throws for a folder that does not exist (unusable input)", async () => {
  let message = "";
  await readRun("/nonexistent/run").catch((e) => (message = e.message));
  assertEquals(message, "/nonexistent/run: no such run folder");
});

Deno.test("deno task gate exits 2 with one line on a run folder it may not read", async () => {
  await withRuns(async (root, a, b) => {
    const r = await runTask("gate", ["--baseline", a, "--candidate", b], { cwd: root });
    assertEquals(r.code, 0, r.stderr); // the task may read anything: the control
    const denied = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        `--allow-read=${a}`,
        new URL("../../lib/cli/gate.ts", import.meta.url).pathname,
        "--baseline",
        a,
        "--candidate",
        b,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const err = new TextDecoder().decode(denied.stderr);
    assertEquals(denied.code, 2, err);
    assertEquals(err.trim().split("\n").length, 1, err);
    assertStringIncludes(err, `${b}: cannot be read: permission denied`);
  });
});
