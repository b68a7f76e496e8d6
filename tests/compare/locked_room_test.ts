/**
 * The Locked Room, one test per knob: each turned knob is a violation named in the course's
 * words, and the policy's identity is a note, never a violation. Pure: manifests in, reasons out.
 */
import { assert, assertEquals, assertStringIncludes } from "../../lib/core/testing.ts";
import { sha256Text } from "../../lib/core/hash.ts";
import type { MeasurementManifest } from "../../lib/core/manifest.ts";
import { compareSampling, type GateReason, lockedRoom } from "../../lib/compare/locked_room.ts";

const FP = (x: string) => sha256Text(x);

function manifestOf(over: Partial<MeasurementManifest> = {}): MeasurementManifest {
  const file = (name: string) => ({
    path: `${name}.jsonl`,
    bytes: 10,
    sha256: FP(name),
    rows: 120,
  });
  return {
    kind: "eval",
    dataset_fingerprint: FP("dataset"),
    scorer_version: "1.0.0",
    scorer_name: "final-int-strict",
    scorer_fingerprint: FP("scorer"),
    prompts_fingerprint: FP("prompts"),
    example_ids_fingerprint: FP("ids"),
    results_ids_fingerprint: FP("order"),
    n_examples: 120,
    inputs: { dataset: file("dataset"), completions: file("completions") },
    sampling: { policy: "sim-weak-v1", temperature: 1, seed: 2026, synthetic: true },
    selection_n: 1,
    golden_gate: {
      passed: true,
      scorer: "final-int-strict",
      n_correct: 10,
      n_exploits: 10,
      false_negatives: 0,
      false_positives: 0,
      code_mismatches: 0,
      golden_sha256: { correct: FP("c"), exploits: FP("x") },
    },
    artifacts: {
      "results.jsonl": { sha256: FP("r"), bytes: 1 },
      "summary.json": { sha256: FP("s"), bytes: 1 },
    },
    command: "deno task eval",
    args: [],
    deno_version: "2.9.6",
    git_commit: null,
    git_dirty: null,
    created_at: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

function violated(reasons: GateReason[], check: string, words: string): void {
  const r = reasons.find((x) => x.check === check && x.severity === "violation");
  assert(r !== undefined, `no violation '${check}' in ${JSON.stringify(reasons)}`);
  assertStringIncludes(r.message, words);
}

Deno.test("lockedRoom() finds nothing turned between two runs of the same setup", () => {
  assertEquals(lockedRoom(manifestOf(), manifestOf()).filter((r) => r.severity !== "ok"), []);
});

Deno.test("lockedRoom() names a changed dataset fingerprint the environment (the answers changed)", () => {
  const reasons = lockedRoom(manifestOf(), manifestOf({ dataset_fingerprint: FP("other") }));
  violated(reasons, "dataset fingerprint", "the environment (dataset/prompts) changed");
  violated(reasons, "dataset fingerprint", "so the expected answers changed");
});

Deno.test("lockedRoom() names another slice of the dataset (--max) the environment", () => {
  const reasons = lockedRoom(manifestOf({ max_examples: 50 }), manifestOf());
  violated(reasons, "dataset slice", "the environment (dataset/prompts) changed");
  violated(
    reasons,
    "dataset slice",
    "another slice of the dataset (--max): the first 50 → every example",
  );
  violated(
    lockedRoom(manifestOf({ max_examples: 50 }), manifestOf({ max_examples: 60 })),
    "dataset slice",
    "the first 50 → the first 60",
  );
});

Deno.test("lockedRoom() reads a manifest without max_examples (made before --max) as every example", () => {
  const before = manifestOf();
  delete before.max_examples;
  const reasons = lockedRoom(before, manifestOf({ max_examples: null }));
  const slice = reasons.find((r) => r.check === "dataset slice")!;
  assertEquals([slice.severity, slice.message], [
    "ok",
    "every example of the dataset in both runs",
  ]);
});

Deno.test("lockedRoom() names changed prompts the environment", () => {
  violated(
    lockedRoom(manifestOf(), manifestOf({ prompts_fingerprint: FP("p2") })),
    "prompts fingerprint",
    "the prompts differ",
  );
});

Deno.test("lockedRoom() names another set of example ids the environment", () => {
  violated(
    lockedRoom(manifestOf(), manifestOf({ example_ids_fingerprint: FP("i2") })),
    "example ids",
    "the set of examples differs",
  );
});

Deno.test("lockedRoom() names another number of examples the environment", () => {
  violated(
    lockedRoom(manifestOf(), manifestOf({ n_examples: 119 })),
    "number of examples",
    "120 → 119",
  );
});

Deno.test("lockedRoom() names another scorer name the measurement instrument", () => {
  violated(
    lockedRoom(manifestOf(), manifestOf({ scorer_name: "lenient" })),
    "scorer name",
    "the measurement instrument (scorer/spec) was replaced",
  );
});

Deno.test("lockedRoom() names another scorer version the instrument, once: its new code is the same cause", () => {
  const reasons = lockedRoom(
    manifestOf(),
    manifestOf({ scorer_version: "1.1.0", scorer_fingerprint: FP("new") }),
  );
  violated(reasons, "scorer version", "changed (a new version)");
  assert(!reasons.some((r) => r.check === "scorer fingerprint"));
  const replaced = lockedRoom(manifestOf(), manifestOf({ scorer_name: "x", scorer_version: "9" }));
  assertEquals(replaced.filter((r) => r.severity === "violation").map((r) => r.check), [
    "scorer name",
  ]);
});

Deno.test("lockedRoom() calls a changed fingerprint under the same version UNVERSIONED", () => {
  const reasons = lockedRoom(manifestOf(), manifestOf({ scorer_fingerprint: FP("edited") }));
  violated(reasons, "scorer fingerprint", "UNVERSIONED change of the measurement instrument");
  assert(!reasons.some((r) => r.check === "scorer version" && r.severity === "violation"));
});

Deno.test("lockedRoom() names changed decoding settings the sampling knob", () => {
  const sampling = { policy: "sim-weak-v1", temperature: 0.7, seed: 2026, synthetic: true };
  violated(
    lockedRoom(manifestOf(), manifestOf({ sampling })),
    "sampling settings",
    "temperature 1 → 0.7",
  );
});

Deno.test("lockedRoom() names another selection N selection compute", () => {
  violated(
    lockedRoom(manifestOf({ selection_n: 1 }), manifestOf({ selection_n: 4 })),
    "selection N",
    "selection compute (N) changed",
  );
});

Deno.test("lockedRoom() names another kind of run (eval vs select)", () => {
  violated(
    lockedRoom(manifestOf(), manifestOf({ kind: "select" })),
    "kind of run",
    '"eval" → "select"',
  );
});

Deno.test("compareSampling() calls another policy name and seed the change under test (a note)", () => {
  const [ok, note] = compareSampling(
    { policy: "sim-weak-v1", temperature: 1, seed: 2026 },
    { policy: "sim-weak-v2", temperature: 1, seed: 2027 },
  );
  assertEquals([ok.severity, note.severity, note.knob], ["ok", "note", "policy"]);
  assertStringIncludes(note.message, '"sim-weak-v1" → "sim-weak-v2"');
});

Deno.test("compareSampling() calls unknown settings on either side a violation (the room cannot be shown locked)", () => {
  for (
    const [a, b, who] of [[{ policy: "v1" }, null, "the candidate"], [
      null,
      { policy: "v1" },
      "the baseline",
    ], [null, null, "both runs"]] as const
  ) {
    const [w] = compareSampling(a, b);
    assertEquals([w.severity, w.knob], ["violation", "sampling"]);
    assertStringIncludes(w.message, `unknown for ${who}`);
  }
});
